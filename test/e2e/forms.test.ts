/**
 * The forms on the real local cloud, driven like a user does: the real app (`node bin/novash.js`)
 * in a detached tmux session (120x40), keys sent with send-keys, the screen read with capture-pane.
 * Boot through the form to ACTIVE (the admin password shown until Enter); back up three times with rotation 2 and see two backups in the
 * images screen; snapshot to active. Everything made here is deleted at the end, even on failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';
import { pickTinyServerWithoutNetwork } from './bootFormSteps.js';
import { TmuxTerminal } from './terminal.js';

type Row = Record<string, unknown>;

const env = cleanEnv();
const session = `novash-forms-${process.pid}`;
const term = new TmuxTerminal(session);
const serverName = uniqueName('e2e-form');
let serverId = '';

function backupsOf(id: string): Row[] {
  return novashJson<Row[]>(['image-list', '--property', `instance_uuid=${id}`, '--property', 'image_type=backup'], env);
}

/** One backup through the form: name, daily, rotation 2; confirms the rotation when asked. */
async function backupThroughForm(name: string): Promise<void> {
  await term.command(`backup ${serverName}`);
  await term.waitScreen(`Back up server ${serverName}`);
  await term.waitScreen('› Name');
  term.keys('C-u');
  term.type(name);
  term.keys('Down', 'Down');
  await term.waitScreen('› Rotation');
  term.keys('C-u');
  term.type('2');
  term.keys('Tab');
  await term.waitScreen(`Existing daily backups of ${serverName}`);
  term.keys('Enter');
  const s = await term.waitScreen(/and rotate\?|createBackup accepted|Sending one createBackup/);
  if (/and rotate\?/.test(s)) term.keys('y');
  await term.waitScreen(/createBackup accepted|Done/);
  // The form closes once the image is active and the rotation has run.
  await term.waitGone(`Back up server ${serverName}`, 300_000);
}

describe('the forms on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
    assert.equal(r.status, 0, 'tmux is needed to drive the app');
    term.start(env, { columns: 120, rows: 40 }, 'NOVASH-FORMS-EXITED');
  });

  after(() => {
    term.kill();
    // Clean up whatever was made, even when a test failed half-way.
    const id = serverId || (novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID as string | undefined) || '';
    if (id) {
      for (const img of novashJson<Row[]>(['image-list', '--property', `instance_uuid=${id}`], env))
        novash(['image-delete', String(img.ID)], env);
      novash(['delete', '--wait', id], env);
    }
  });

  test('boot through the form to ACTIVE', async () => {
    await term.waitScreen(/Servers \(\d+\)/);
    term.keys('n');
    await term.waitScreen('Boot a new server');
    await term.waitScreen('› Name');
    term.type(serverName);
    term.keys('Enter', 'Enter', 'Enter');
    let s = await pickTinyServerWithoutNetwork(term);
    if (s.includes('  Security groups: ')) {
      term.keys('Tab');
      await term.waitScreen('  Server group: ');
    }
    // No server group (the default): Tab on to Configuration, then Review.
    term.keys('Tab');
    await term.waitScreen('› User data');
    term.keys('Tab');
    s = await term.waitScreen('POST /servers will send');
    assert.match(s, new RegExp(`name\\s+${serverName}`));
    assert.match(s, /networks\s+none/);
    assert.match(
      s.replace(/\s*\n\s*/g, ' '),
      new RegExp(`novash --os-cloud devcloud boot --image tiny-image --flavor m1\\.tiny --nic none --wait ${serverName}`),
    );
    term.keys('Enter', 'Enter');
    await term.waitScreen(/Create request accepted|status BUILD/);
    // The form follows the server until ACTIVE. Nova's answer carried the admin password: the form
    // keeps it on screen with the ACTIVE server until Enter, which opens the server.
    s = await term.waitScreen(`${serverName} is ACTIVE.`, 300_000);
    assert.match(s, /Admin password: \S+/);
    assert.match(s, /Enter open the server/);
    term.keys('Enter');
    await term.waitGone('Boot a new server', 30_000);
    const servers = novashJson<Row[]>(['list', '--name', `^${serverName}$`], env);
    assert.equal(servers.length, 1, 'exactly one server was created');
    serverId = String(servers[0]!.ID);
    assert.equal(servers[0]!.Status, 'ACTIVE');
  });

  test('back up three times with rotation 2: two backups are left, shown in the images screen', async () => {
    assert.ok(serverId, 'the boot test made the server');
    for (const n of [1, 2, 3]) await backupThroughForm(`${serverName}-b${n}`);
    const left = backupsOf(serverId)
      .map((i) => String(i.Name))
      .sort();
    assert.deepEqual(left, [`${serverName}-b2`, `${serverName}-b3`]);
    await term.command('images');
    await term.waitScreen(/Images/);
    term.type('/');
    term.type(serverName);
    term.keys('Enter');
    const s = await term.waitScreen(`${serverName}-b3`);
    assert.ok(s.includes(`${serverName}-b2`), `b2 in the images screen:\n${s}`);
    assert.ok(!s.includes(`${serverName}-b1`), `b1 was rotated away:\n${s}`);
    term.keys('Escape', 'Escape');
  });

  test('snapshot through the form to active', async () => {
    assert.ok(serverId, 'the boot test made the server');
    await term.command(`image-create ${serverName}`);
    await term.waitScreen(`Snapshot server ${serverName}`);
    await term.waitScreen('› Name');
    term.keys('C-u');
    term.type(`${serverName}-snap`);
    term.keys('Tab');
    await term.waitScreen('createImage:');
    term.keys('Enter');
    await term.waitScreen(/createImage accepted/);
    await term.waitGone(`Snapshot server ${serverName}`, 300_000);
    const snaps = novashJson<Row[]>(['image-list', '--property', `instance_uuid=${serverId}`, '--property', 'image_type=snapshot'], env);
    assert.equal(snaps.length, 1);
    assert.equal(snaps[0]!.Name, `${serverName}-snap`);
    assert.equal(snaps[0]!.Status, 'active');
  });
});
