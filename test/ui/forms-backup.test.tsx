import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { BackupForm } from '../../screens/forms/index.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { flat, formsCloud, formsCloudWithServer, KEY, mountForm, type MountedForm } from '../support/formsFixture.js';
import { BACKUP_NEW_ID, BACKUP_OLD_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';

const NOW = () => new Date(2026, 10, 22, 14, 30);

function mount(managers: Managers, server?: Server) {
  return mountForm((host) => <BackupForm {...host} server={server} />, managers, { width: 110, now: NOW });
}

/** The backup form on the sample server (new-server-test), at its Name field. */
async function backupSample(t: TestContext, options?: Parameters<typeof formsCloud>[1]) {
  const { fx, managers, server } = await formsCloudWithServer(t, 'new-server-test', options);
  const m = mount(managers, server);
  return { fx, managers, server, m, frame: await m.see('› Name') };
}

/** From the Name field: rotation set to `rotation`, then the Review step. */
async function rotationThenReview(m: MountedForm, rotation: string): Promise<void> {
  m.key(KEY.down);
  m.key(KEY.down);
  m.key(KEY.backspace);
  await m.type(rotation);
  m.key(KEY.tab);
}

const backupPosts = (fx: { actions: (n: string) => unknown[] }) => fx.actions('createBackup');
const dailyBackups = (fx: { images: Array<Record<string, unknown>> }) =>
  fx.images.filter((i) => i.image_type === 'backup' && i.instance_uuid === SAMPLE_SERVER_ID && i.backup_type === 'daily').map((i) => i.id);

describe('backup form', () => {
  it('previews the rotation (which existing backups Nova deletes), asks, sends one request, follows to active, shows the image', async (t) => {
    const { fx, m, frame: details } = await backupSample(t);
    assert.match(details, /new-server-test-backup-20261122-1430/);
    assert.match(details, /\[daily\]/);
    m.key(KEY.enter); // -> type
    m.key(KEY.enter); // -> rotation
    await m.see('› Rotation');
    m.key(KEY.backspace);
    await m.type('2');
    m.key(KEY.enter); // -> Review
    let frame = await m.see('Existing daily backups of new-server-test in Glance, newest first');
    assert.match(
      flat(frame),
      /Nova keeps the 2 newest daily backups of new-server-test, the new one included: the 1 oldest of 2 existing will be deleted\./,
    );
    assert.match(frame, /keep\s+nightly-2/);
    assert.match(frame, /DELETE\s+nightly-1/);
    assert.match(frame, /new\s+new-server-test-backup-20261122-1430/);
    assert.match(flat(frame), /novash backup --wait f5dc173b-6804-445a-a6d8-c705dad5b5eb new-server-test-backup-20261122-1430 daily 2/);
    assert.equal(backupPosts(fx).length, 0);
    m.key(KEY.enter);
    frame = await m.see('Back up new-server-test and rotate?');
    assert.match(flat(frame), /Nova will delete 1 older daily backup of new-server-test: nightly-1\./);
    await m.answer('y', 'and rotate?');
    m.key('y'); // a second confirm: still one request
    await m.closes();
    const posts = backupPosts(fx) as Array<{ json: unknown }>;
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.json, { createBackup: { name: 'new-server-test-backup-20261122-1430', backup_type: 'daily', rotation: 2 } });
    const made = fx.images.find((i) => i.name === 'new-server-test-backup-20261122-1430')!;
    assert.deepEqual(m.closed, [{ kind: 'image', imageId: made.id }]);
    // The progress showed the image going queued/saving -> active with its size.
    assert.ok(
      m.inst.frames.some((f) => /image (queued|saving)/.test(f)),
      'queued/saving shown',
    );
    assert.ok(
      m.inst.frames.some((f) => /image active, 20\.4 MiB/.test(f)),
      'active with size shown',
    );
    // Rotation 2: the new one and nightly-2 are left.
    assert.deepEqual(dailyBackups(fx).sort(), [BACKUP_NEW_ID, made.id].sort());
    assert.ok(!dailyBackups(fx).includes(BACKUP_OLD_ID));
    m.inst.unmount();
  });

  it('asks for the server first (with a filter) when none is given, and names the backup after it', async (t) => {
    const { fx, managers } = await formsCloud(t);
    const m = mount(managers);
    await m.see('1 Server');
    await m.see('Web Server 1');
    await m.type('stopped');
    await m.gone('Web Server 1');
    m.key(KEY.enter);
    let frame = await m.see('› Name');
    assert.match(frame, /stopped-vm-backup-20261122-1430/);
    assert.match(frame, /Back up server stopped-vm/);
    m.key(KEY.tab);
    frame = await m.see('Existing daily backups of stopped-vm');
    assert.match(flat(frame), /no existing backup is deleted/);
    assert.match(frame, /\(none\)/);
    m.key(KEY.enter); // nothing deleted: no confirmation needed
    await m.closes();
    assert.equal(backupPosts(fx).length, 1);
    m.inst.unmount();
  });

  it('validates name, custom type and rotation, naming the field and what is allowed', async (t) => {
    const { fx, m } = await backupSample(t);
    m.key(KEY.ctrlU);
    await m.see('Name is required (1–255 characters, no leading or trailing spaces, no control characters).');
    await m.type('nightly ');
    await m.see('Name must not start or end with a space');
    m.key(KEY.backspace);
    m.key(KEY.down);
    m.key(KEY.right);
    m.key(KEY.right);
    await m.see('[custom…]');
    m.key(KEY.down);
    await m.see('› Custom type');
    m.key(KEY.down);
    await m.see('› Rotation');
    await m.retype('-1');
    await m.see("Rotation must be a whole number, 0 or more (how many backups of this type to keep); got '-1'.");
    await m.retype('x');
    await m.see("got 'x'.");
    m.key(KEY.tab);
    await m.see('Type: give a label for the custom backup type (daily, weekly, or any text, e.g. hourly).');
    m.key(KEY.enter);
    const frame = await m.see('Nothing was sent: Type: give a label');
    assert.match(frame, /› Custom type/);
    await m.type('hourly');
    m.key(KEY.down);
    await m.retype('3');
    m.key(KEY.tab);
    await m.see('Existing hourly backups of new-server-test');
    m.key(KEY.enter);
    await m.closes();
    const posts = backupPosts(fx) as Array<{ json: unknown }>;
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.json, { createBackup: { name: 'nightly', backup_type: 'hourly', rotation: 3 } });
    m.inst.unmount();
  });

  it('warns that rotation 0 deletes every backup of the type, the new one too', async (t) => {
    const { fx, m } = await backupSample(t);
    await rotationThenReview(m, '0');
    const frame = await m.see('Rotation 0: Nova deletes every daily backup of new-server-test, the new one too (2 existing).');
    assert.match(frame, /DELETE\s+nightly-2/);
    assert.match(frame, /DELETE\s+nightly-1/);
    assert.match(frame, /DELETE\s+new-server-test-backup-20261122-1430\s+\(made by this backup, deleted at once by rotation 0\)/);
    m.key(KEY.enter);
    await m.see('Back up new-server-test and rotate?');
    await m.answer('n', 'and rotate?');
    await m.see('Existing daily backups');
    assert.equal(backupPosts(fx).length, 0);
    m.inst.unmount();
  });

  it('takes the image id from the Location header before compute 2.45', async (t) => {
    const { fx, m } = await backupSample(t, { maxVersion: '2.44' });
    await rotationThenReview(m, '5');
    await m.see('no existing backup is deleted');
    m.key(KEY.enter);
    await m.closes();
    const made = fx.images.find((i) => i.name === 'new-server-test-backup-20261122-1430')!;
    assert.deepEqual(m.closed, [{ kind: 'image', imageId: made.id }]);
    m.inst.unmount();
  });

  it('shows a refusal and keeps the values', async (t) => {
    const { fx, m } = await backupSample(t);
    fx.fail({
      method: 'POST',
      path: /\/action$/,
      status: 409,
      body: {
        conflictingRequest: {
          code: 409,
          message: `Cannot 'createBackup' instance ${SAMPLE_SERVER_ID} while it is in task_state image_snapshot`,
        },
      },
    });
    await rotationThenReview(m, '9');
    await m.see('no existing backup is deleted');
    m.key(KEY.enter);
    const frame = await m.see('The backup request was refused: nothing was done');
    assert.match(flat(frame), /while it is in task_state image_snapshot \(HTTP 409/);
    m.key('e');
    await m.see('Your values are kept');
    await m.see('rotation            9');
    assert.equal(backupPosts(fx).length, 1);
    m.inst.unmount();
  });
});
