import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { BootForm } from '../../screens/forms/index.js';
import type { Managers } from '../../src/managers/index.js';
import type { FixtureServer } from '../support/fixtureServer.js';
import {
  bootPosts,
  flat,
  formsCloud,
  KEY,
  mountForm,
  nextBootFails,
  pressUntil,
  setLimits,
  settle,
  type MountedForm,
} from '../support/formsFixture.js';

function mount(managers: Managers, extra: { readOnly?: boolean } = {}) {
  return mountForm((host) => <BootForm {...host} />, managers, extra);
}

/** A fixture cloud (`prepare` sets its quota or faults first) and the boot form on it, at the Name field. */
async function bootForm(t: TestContext, prepare: (fx: FixtureServer) => void = () => undefined, extra: { readOnly?: boolean } = {}) {
  const cloud = await formsCloud(t);
  prepare(cloud.fx);
  const m = mount(cloud.managers, extra);
  await m.see('› Name');
  return { ...cloud, m };
}

/**
 * One server booted: Nova's answer carried the admin password, so the form stays on the ACTIVE
 * server with it until Enter, which opens the server.
 */
async function openPastPassword(m: MountedForm): Promise<void> {
  await m.see(/Admin password: \S+/, 8000);
  await m.see('Enter open the server', 8000);
  m.key(KEY.enter);
  await m.closes();
}

/** Does any file below `dir` contain `text`? */
function anyFileHas(dir: string, text: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some(
    (f) => statSync(join(dir, f)).isFile() && readFileSync(join(dir, f), 'utf8').includes(text),
  );
}

/** Fills every step with the keyboard, up to the Review step. */
async function fillToReview(m: MountedForm, name = 'vm-form') {
  await m.see('Name');
  await m.type(name);
  m.key(KEY.enter); // -> count
  m.key(KEY.enter); // -> zone
  m.key(KEY.enter); // -> Source
  await m.see('type to filter');
  await m.type('cirros');
  await m.see('cirros-0.6.2');
  m.key(KEY.enter); // pick -> Flavor
  await m.see('Quota left');
  await m.type('m1.tiny');
  await m.see(/> ●?\s*m1\.tiny/);
  m.key(KEY.enter); // -> Networks
  await m.see('none — no network at all');
  m.key(KEY.down); // auto -> none
  await m.see(/> \(•\)|> \( \) none/);
  m.key(KEY.enter); // pick none -> Key pair
  await m.see('(no key pair)');
  await m.type('mykey');
  await m.see(/> .*mykey/);
  m.key(KEY.enter); // -> Security groups
  await m.see('Security groups: (none picked');
  m.key(KEY.tab); // -> Server group
  await m.see('Server group: (none)');
  m.key(KEY.tab); // -> Configuration
  await m.see('User data');
  m.key(KEY.tab); // -> Review
  await m.see('POST /servers will send');
}

describe('boot form', () => {
  it('Name: Delete removes the character under the cursor, Backspace the one before it', async (t) => {
    const { m } = await bootForm(t);
    await m.type('webxx-01');
    for (let i = 0; i < 4; i++) m.key(KEY.left);
    await m.see('› Name          webxx-01');
    m.key('\u001B[3~'); // the forward Delete key: the second x goes
    await m.see('› Name          webx-01');
    m.key(KEY.backspace);
    await m.see('› Name          web-01');
  });
  it('walks every step, shows the review and the command, sends one request, follows to ACTIVE, opens the server', async (t) => {
    const { fx, m } = await bootForm(t);
    await m.see('1 Details');
    await m.type('web-01');
    m.key(KEY.enter);
    await m.see('› Count');
    m.key(KEY.backspace);
    await m.type('1');
    m.key(KEY.enter);
    await m.see('› Zone');
    m.key(KEY.right);
    await m.see('[nova]');
    m.key(KEY.enter);
    // Source: size, min disk, min RAM shown; filter.
    await m.see('Min disk');
    let frame = await m.see('Ubuntu 22.04 LTS');
    assert.match(frame, /Ubuntu 22\.04 LTS\s+active\s+655\.9 MiB\s+10 GB\s+1024 MiB/);
    await m.type('ubuntu');
    await m.gone('cirros-0.6.2');
    m.key(KEY.enter);
    // Flavor: with Ubuntu (min_disk 10, min_ram 1024), m1.tiny is disabled with the reason.
    frame = await m.see('Quota left: 20 vCPUs, 51200 MiB RAM');
    assert.match(frame, /m1\.tiny .*disk 1 GB < image min_disk 10 GB; RAM 512 MiB < image min_ram/);
    m.key(KEY.enter); // the cursor is on m1.tiny: refused with the reason
    await m.see('m1.tiny cannot be used: disk 1 GB < image min_disk 10 GB');
    await m.type('m1.small');
    await m.see(/> .*m1\.small /);
    m.key(KEY.enter);
    // Networks: auto, none, and Neutron's networks.
    await m.see('private');
    m.key(KEY.down);
    m.key(KEY.down);
    await m.see(/> \[ \] private/);
    m.key(KEY.space);
    await m.see(/> \[x\] private/);
    m.key(KEY.tab);
    // Key pair.
    await m.see('(no key pair)');
    m.key(KEY.down);
    await m.see(/> .*mykey/);
    m.key(KEY.enter);
    // Security groups.
    await m.see('Security groups: (none picked');
    m.key(KEY.enter);
    await m.see('Security groups: default');
    m.key(KEY.tab);
    // Server group: none by default.
    await m.see('Server group: (none)');
    m.key(KEY.tab);
    // Configuration.
    const dir = mkdtempSync(join(tmpdir(), 'novash-boot-'));
    const ud = join(dir, 'cloud-init.yaml');
    writeFileSync(ud, '#cloud-config\nhostname: web-01\n');
    await m.see('› User data');
    await m.type(ud);
    await m.see('31 bytes of 48 KiB');
    m.key(KEY.enter);
    await m.type('role=web "note=two words"');
    m.key(KEY.enter);
    // Review: everything that will be sent, and the command.
    frame = await m.see('POST /servers will send');
    assert.match(frame, /name\s+web-01/);
    assert.match(frame, /imageRef\s+155d900f-4e14-4e4c-a73d-069cbf4541e6 \(Ubuntu 22\.04 LTS\)/);
    assert.match(frame, /flavorRef\s+2 \(m1\.small: 1 vCPU, 2048 MiB RAM, 20 GB disk\)/);
    assert.match(frame, /networks\s+private \(3cb9bc59-5699-4588-a4b1-b87f96708bc6\)/);
    assert.match(frame, /key_name\s+mykey/);
    assert.match(frame, /security_groups\s+default/);
    assert.match(frame, /availability_zone\s+nova/);
    assert.match(frame, /user_data\s+.*cloud-init\.yaml \(31 bytes, sent base64-encoded\)/);
    assert.match(frame, /metadata\s+role=web note=two words/);
    assert.match(
      flat(frame),
      /novash boot --image 'Ubuntu 22\.04 LTS' --flavor m1\.small --nic net-id=3cb9bc59-5699-4588-a4b1-b87f96708bc6 --key-name mykey/,
    );
    assert.match(flat(frame), /--meta role=web --meta 'note=two words' --wait web-01/);
    assert.equal(bootPosts(fx).length, 0, 'nothing is sent before Enter on Review');

    m.key(KEY.enter);
    await openPastPassword(m);
    const posts = bootPosts(fx);
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.json, {
      server: {
        name: 'web-01',
        flavorRef: '2',
        imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6',
        key_name: 'mykey',
        security_groups: [{ name: 'default' }],
        availability_zone: 'nova',
        metadata: { role: 'web', note: 'two words' },
        user_data: Buffer.from('#cloud-config\nhostname: web-01\n').toString('base64'),
        networks: [{ uuid: '3cb9bc59-5699-4588-a4b1-b87f96708bc6' }],
      },
    });
    const made = fx.serverByName('web-01')!;
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: made.id }]);
    // The progress view showed the states on the way.
    assert.ok(
      m.inst.frames.some((f) => /status BUILD, task (scheduling|spawning)/.test(f)),
      'BUILD progress shown',
    );
    m.inst.unmount();
  });

  it("keeps Nova's admin password on screen with the ACTIVE server until Enter, and writes it nowhere", async (t) => {
    const { fx, te, m } = await bootForm(t);
    await fillToReview(m, 'with-pass');
    m.key(KEY.enter);
    const frame = await m.see('with-pass is ACTIVE.', 8000);
    const pass = /Admin password: (\S+)/.exec(frame)?.[1];
    assert.ok(pass, `the password is shown:\n${frame}`);
    assert.match(frame, /note it before you leave this view/);
    assert.match(frame, /Enter open the server\s+Esc close/);
    await new Promise((r) => setTimeout(r, 200)); // many polls later, still there
    assert.deepEqual(m.closed, []);
    assert.ok(m.frame().includes(`Admin password: ${pass}`));
    assert.ok(!anyFileHas(te.configDir, pass) && !anyFileHas(te.cacheDir, pass), 'not in the config, token or completion caches');
    m.key(KEY.enter);
    await m.closes();
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: fx.serverByName('with-pass')!.id }]);
    m.inst.unmount();
  });

  it('moves between steps with Tab and Shift-Tab and marks the steps', async (t) => {
    const { m } = await bootForm(t);
    m.key(KEY.tab);
    await m.see('type to filter');
    m.key(KEY.tab);
    await m.see('Quota left');
    m.key(KEY.shiftTab);
    await m.see('Min RAM');
    m.key(KEY.shiftTab);
    // Details was left with an empty name: its error shows now, and the step is marked.
    const frame = await m.see('Name is required (1–255 characters, no leading or trailing spaces, no control characters).');
    assert.match(frame, /1 Details ✗/);
    m.inst.unmount();
  });

  it('names the field and what is allowed in every validation message, and sends nothing while invalid', async (t) => {
    const { fx, m } = await bootForm(t, (fx) =>
      setLimits(fx, { maxTotalInstances: 10, totalInstancesUsed: 7, maxTotalCores: 20, totalCoresUsed: 18 }),
    );
    await m.type(' vm');
    await m.see('Name must not start or end with a space (1–255 characters, no leading or trailing spaces, no control characters).');
    await m.retype('x'.repeat(256));
    await m.see('Name is 256 characters long; at most 255 are allowed.');
    await m.retype('vm\u00a0x');
    await m.gone('characters long');
    await m.retype('vm-ok');
    m.key(KEY.enter);
    await m.see('1..3 (instances left in the quota)');
    for (const [typed, got] of [
      ['4', '4'],
      ['0', '0'],
      ['two', "'two'"],
    ] as const) {
      await m.retype(typed);
      await m.see(`Count must be a whole number from 1 to 3 (instances left in the quota); got ${got}.`);
    }
    await m.retype('2');
    await m.gone('Count must be');
    m.key(KEY.tab);
    m.key(KEY.tab);
    // Flavor: 2 servers x vCPUs against 2 vCPUs left.
    let frame = await m.see('Quota left: 2 vCPUs, 51200 MiB RAM (for 2 servers)');
    assert.match(frame, /m1\.medium .*needs 2 x 2 vCPUs, quota has 2 left/);
    assert.doesNotMatch(frame, /m1\.tiny .*needs/);
    // Configuration: a missing user-data file, a file over 48 KiB, bad metadata.
    for (let i = 0; i < 5; i++) m.key(KEY.tab);
    await m.see('› User data');
    await m.type('/nonexistent/user-data');
    await m.see("User data: cannot read '/nonexistent/user-data' (no such file).");
    const big = join(mkdtempSync(join(tmpdir(), 'novash-ud-')), 'big');
    writeFileSync(big, Buffer.alloc(48 * 1024 + 1, 'x'));
    await m.retype(big);
    await m.see(
      `User data: '${big}' is 49153 bytes (48.0 KiB); at most 49152 bytes (48 KiB) are allowed (Nova takes 64 KiB base64-encoded).`,
    );
    m.key(KEY.down);
    await m.type('novalue');
    await m.see(`Metadata: 'novalue' is not key=value (pairs separated by spaces; quote a value with spaces: "note=hello world").`);
    await m.retype('bad/key=1');
    await m.see("Metadata: key 'bad/key' is not allowed (1–255 letters, digits, spaces or - _ : .).");
    // Review lists every problem; Enter sends nothing and goes to the first one.
    m.key(KEY.tab);
    frame = await m.see('problems: nothing will be sent until fixed');
    assert.match(frame, /Source: Source: pick an image\./);
    assert.match(frame, /Flavor: Flavor: pick a flavor\./);
    assert.match(frame, /Configuration: User data: '.*big' is 49153 bytes/);
    m.key(KEY.enter);
    frame = await m.see('Nothing was sent: Source: pick an image. (and 3 more problems)');
    assert.match(frame, /type to filter/);
    assert.equal(bootPosts(fx).length, 0);
    m.inst.unmount();
  });

  it('says when the instance quota is used up, refuses format characters in the name and images that are not active', async (t) => {
    const { m } = await bootForm(t, (fx) => {
      setLimits(fx, { maxTotalInstances: 5, totalInstancesUsed: 5 });
      fx.images.push({
        ...fx.images[0]!,
        id: '0f0f0f0f-1111-4222-8333-444444444444',
        name: 'upload-in-progress',
        status: 'queued',
        created_at: '2024-05-01T00:00:00Z',
      });
    });
    await m.type('vm\u200bx');
    await m.see(
      'Name contains character U+200B; only printable characters are allowed (1–255 characters, no leading or trailing spaces, no control characters; nothing beyond U+FFFF such as emoji).',
    );
    let frame = await m.see('Count: the instance quota is used up (0 instances left); no server can be booted.');
    assert.match(frame, /no instance left in the quota/);
    m.key(KEY.tab);
    await m.type('upload');
    await m.see(/> .*upload-in-progress/);
    m.key(KEY.enter);
    frame = await m.see('upload-in-progress cannot boot: status queued: only active images boot.');
    assert.match(frame, /2 Source/);
    m.inst.unmount();
  });

  it('refuses a flavor that does not fit when picked, and shows why', async (t) => {
    const { m } = await bootForm(t, (fx) => setLimits(fx, { maxTotalRAMSize: 4096, totalRAMUsed: 1024 }));
    m.key(KEY.tab);
    m.key(KEY.tab);
    const frame = await m.see('Quota left: 20 vCPUs, 3072 MiB RAM');
    assert.match(frame, /m1\.medium .*needs 4096 MiB RAM, quota has 3072 MiB left/);
    await m.type('medium');
    await m.see(/> .*m1\.medium/);
    m.key(KEY.enter);
    await m.see('m1.medium cannot be used: needs 4096 MiB RAM, quota has 3072 MiB left.');
    m.inst.unmount();
  });

  it('sends exactly one create request on a double Enter, a key repeat and Enter during a slow POST', async (t) => {
    const { fx, m } = await bootForm(t, (fx) => fx.fail({ method: 'POST', path: /\/servers$/, delayMs: 400 }));
    await fillToReview(m, 'once');
    // Two Enters in one write (a key repeat arriving as one chunk), then two more in the same tick.
    m.key('\r\r');
    m.key(KEY.enter);
    m.key(KEY.enter);
    await m.see('Sending one create request for once');
    m.key(KEY.enter);
    m.key(KEY.enter);
    await openPastPassword(m);
    assert.equal(bootPosts(fx).length, 1, 'the fixture counted one POST /servers');
    assert.equal(fx.servers.filter((s) => s.name === 'once').length, 1);
    assert.equal(m.closed[0]!.kind, 'server');
    m.inst.unmount();
  });

  it('shows a refusal, keeps the values, and retries only when asked', async (t) => {
    const { fx, m } = await bootForm(t, (fx) =>
      fx.fail({
        method: 'POST',
        path: /\/servers$/,
        status: 403,
        body: { forbidden: { code: 403, message: 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances' } },
      }),
    );
    await fillToReview(m, 'refused-vm');
    m.key(KEY.enter);
    let frame = await m.see('Nova refused the boot request: no server was created');
    assert.match(flat(frame), /Quota exceeded for instances: Requested 1, but already used 10 of 10 instances \(HTTP 403, request req-/);
    assert.equal(bootPosts(fx).length, 1);
    m.key(KEY.enter);
    frame = await m.see('Your values are kept');
    assert.match(frame, /name\s+refused-vm/);
    assert.match(frame, /key_name\s+mykey/);
    assert.equal(bootPosts(fx).length, 1, 'going back sends nothing');
    m.key(KEY.enter);
    await openPastPassword(m);
    assert.equal(bootPosts(fx).length, 2);
    m.inst.unmount();
  });

  it('shows the fault when the server goes to ERROR, keeps the values for a retry', async (t) => {
    const { fx, m } = await bootForm(t, (fx) => nextBootFails(fx, 'No valid host was found. There are not enough hosts available.'));
    await fillToReview(m, 'doomed');
    m.key(KEY.enter);
    let frame = await m.see('fault: No valid host was found. There are not enough hosts available. (code 500)');
    assert.match(frame, /status ERROR/);
    assert.match(frame, /1 of 1 went to ERROR/);
    assert.match(frame, /Enter\/e back to the form \(values kept\)/);
    m.key('e');
    frame = await m.see('Your values are kept');
    assert.match(frame, /name\s+doomed/);
    assert.match(frame, /imageRef\s+70a599e0-31e7-49b7-b260-868f441e862b \(cirros-0\.6\.2-x86_64-disk\)/);
    assert.match(frame, /networks\s+none/);
    m.key(KEY.enter);
    await openPastPassword(m);
    assert.equal(bootPosts(fx).length, 2);
    const ok = fx.servers.filter((s) => s.name === 'doomed' && s.status === 'ACTIVE');
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: ok[0]!.id }]);
    m.inst.unmount();
  });

  it('after a lost answer says the server may exist, checks the list instead of resubmitting', async (t) => {
    const { fx, m } = await bootForm(t, (fx) => fx.fail({ method: 'POST', path: /\/servers$/, reset: true, afterHandling: true }));
    await fillToReview(m, 'lost-answer');
    m.key(KEY.enter);
    const frame = await m.see("the server 'lost-answer' may have been created");
    assert.match(frame, /It was not sent again/);
    assert.match(frame, /c check the server list/);
    m.key(KEY.enter);
    m.key('r');
    await settle();
    assert.equal(bootPosts(fx).length, 1, 'no key resubmits blindly');
    m.key('c');
    await m.see("It was created: 1 server named 'lost-answer'");
    m.key(KEY.enter);
    await m.closes();
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: fx.serverByName('lost-answer')!.id }]);
    assert.equal(bootPosts(fx).length, 1);
    m.inst.unmount();
  });

  it('after a lost answer with nothing created, offers to send again (one request)', async (t) => {
    const { fx, m } = await bootForm(t, (fx) => fx.fail({ method: 'POST', path: /\/servers$/, reset: true }));
    await fillToReview(m, 'never-made');
    m.key(KEY.enter);
    await m.see('may have been created');
    m.key('c');
    await m.see("No server named 'never-made' exists: nothing was created.");
    m.key('r');
    m.key('r');
    await openPastPassword(m);
    assert.equal(bootPosts(fx).length, 2, 'the dropped one and exactly one more');
    m.inst.unmount();
  });

  it('boots several servers at once and follows each', async (t) => {
    const { fx, m } = await bootForm(t);
    await m.type('farm');
    m.key(KEY.enter);
    m.key(KEY.backspace);
    await m.type('3');
    m.key(KEY.tab);
    await m.see('type to filter');
    m.key(KEY.enter);
    await m.see('Quota left');
    m.key(KEY.enter);
    await m.see('none — no network at all');
    m.key(KEY.down);
    m.key(KEY.enter);
    await m.see('(no key pair)');
    for (let i = 0; i < 4; i++) m.key(KEY.tab);
    let frame = await m.see('min_count/max_count');
    assert.match(frame, /3 \(all or nothing\)/);
    assert.match(flat(frame), /--min-count 3 --max-count 3 --wait farm/);
    m.key(KEY.enter);
    frame = await m.see('All 3 servers are ACTIVE.');
    assert.match(frame, /farm-1/);
    assert.match(frame, /farm-3/);
    assert.deepEqual(bootPosts(fx)[0]!.json.server.min_count, 3);
    m.key(KEY.down);
    m.key(KEY.enter);
    await m.closes();
    assert.deepEqual(m.closed, [{ kind: 'server', serverId: fx.serverByName('farm-2')!.id }]);
    m.inst.unmount();
  });

  it('Esc closes a pristine form at once and asks before discarding typed values', async (t) => {
    const { managers, m } = await bootForm(t);
    m.key(KEY.esc);
    await m.closes();
    assert.deepEqual(m.closed, [{ kind: 'cancelled' }]);
    m.inst.unmount();

    const m2 = mount(managers);
    await m2.see('› Name');
    await m2.type('half-done');
    m2.key(KEY.esc);
    await m2.see('Discard the boot form?');
    await m2.answer('n', 'Discard the boot form?');
    await m2.see('half-done');
    m2.key(KEY.esc);
    await m2.see('Discard the boot form?');
    await pressUntil(m2.inst, 'y', () => m2.closed.length > 0, m2.frame);
    assert.deepEqual(m2.closed, [{ kind: 'cancelled' }]);
    m2.inst.unmount();
  });

  it('sends nothing in read-only mode', async (t) => {
    const { fx, m } = await bootForm(t, undefined, { readOnly: true });
    await fillToReview(m, 'ro');
    m.key(KEY.enter);
    await m.see('Read-only mode (--read-only): nothing is sent.');
    assert.equal(bootPosts(fx).length, 0);
    m.inst.unmount();
  });
});
