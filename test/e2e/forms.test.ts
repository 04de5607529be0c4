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

type Row = Record<string, unknown>;

const env = cleanEnv();
const session = `novash-forms-${process.pid}`;
const serverName = uniqueName('e2e-form');
let serverId = '';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Literal text (no key names), then nothing else. */
function type(text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

/** Named keys: Enter, Tab, BTab, Down, Up, BSpace, Escape, C-u... */
function keys(...names: string[]): void {
  for (const k of names) tmux('send-keys', '-t', session, k);
}

async function waitScreen(what: RegExp | string, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = screen();
    const flat = last.replace(/\s*\n\s*/g, ' ');
    if (typeof what === 'string' ? last.includes(what) || flat.includes(what) : what.test(last) || what.test(flat)) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; screen:\n${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitGone(what: RegExp | string, timeoutMs = 120_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (!(typeof what === 'string' ? s.includes(what) : what.test(s))) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)} to go; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A ':' command in the app. */
async function command(line: string): Promise<void> {
  type(':');
  await waitScreen(/^:/m, 10_000);
  type(line);
  keys('Enter');
}

function backupsOf(id: string): Row[] {
  return novashJson<Row[]>(['image-list', '--property', `instance_uuid=${id}`, '--property', 'image_type=backup'], env);
}

/** One backup through the form: name, daily, rotation 2; confirms the rotation when asked. */
async function backupThroughForm(name: string): Promise<void> {
  await command(`backup ${serverName}`);
  await waitScreen(`Back up server ${serverName}`);
  await waitScreen('› Name');
  keys('C-u');
  type(name);
  keys('Down', 'Down');
  await waitScreen('› Rotation');
  keys('C-u');
  type('2');
  keys('Tab');
  await waitScreen(`Existing daily backups of ${serverName}`);
  keys('Enter');
  const s = await waitScreen(/and rotate\?|createBackup accepted|Sending one createBackup/);
  if (/and rotate\?/.test(s)) keys('y');
  await waitScreen(/createBackup accepted|Done/);
  // The form closes once the image is active and the rotation has run.
  await waitGone(`Back up server ${serverName}`, 300_000);
}

describe('the forms on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
    assert.equal(r.status, 0, 'tmux is needed to drive the app');
    const vars = Object.entries(env)
      .filter(([k]) => k.startsWith('OS_') || k.startsWith('NOVASH_') || k === 'PATH' || k === 'HOME' || k === 'LANG')
      .map(([k, v]) => `${k}=${shellWord(String(v))}`)
      .join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `env ${vars} TERM=xterm-256color ${shellWord(process.execPath)} ${shellWord(BIN)} --os-cloud devcloud; sleep 5`);
  });

  after(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    // Clean up whatever was made, even when a test failed half-way.
    const id = serverId || (novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID as string | undefined) || '';
    if (id) {
      for (const img of novashJson<Row[]>(['image-list', '--property', `instance_uuid=${id}`], env)) novash(['image-delete', String(img.ID)], env);
      novash(['delete', '--wait', id], env);
    }
  });

  test('boot through the form to ACTIVE', async () => {
    await waitScreen(/Servers \(\d+\)/);
    keys('n');
    await waitScreen('Boot a new server');
    await waitScreen('› Name');
    type(serverName);
    keys('Enter', 'Enter', 'Enter');
    await waitScreen('type to filter');
    type('tiny-image');
    await waitScreen(/> .*tiny-image/);
    keys('Enter');
    await waitScreen('Quota left');
    type('m1.tiny');
    await waitScreen(/> .*m1\.tiny /);
    keys('Enter');
    // The local Neutron has no network to attach to: the form starts on `none`.
    await waitScreen(/> \(•\) none/);
    keys('Enter');
    await waitScreen('(no key pair)');
    keys('Tab');
    let s = await waitScreen(/ {2}Security groups: |› User data/);
    if (s.includes('  Security groups: ')) {
      keys('Tab');
      await waitScreen('› User data');
    }
    keys('Tab');
    s = await waitScreen('POST /servers will send');
    assert.match(s, new RegExp(`name\\s+${serverName}`));
    assert.match(s, /networks\s+none/);
    assert.match(s.replace(/\s*\n\s*/g, ' '), new RegExp(`novash --os-cloud devcloud boot --image tiny-image --flavor m1\\.tiny --nic none --wait ${serverName}`));
    keys('Enter', 'Enter');
    await waitScreen(/Create request accepted|status BUILD/);
    // The form follows the server until ACTIVE. Nova's answer carried the admin password: the form
    // keeps it on screen with the ACTIVE server until Enter, which opens the server.
    s = await waitScreen(`${serverName} is ACTIVE.`, 300_000);
    assert.match(s, /Admin password: \S+/);
    assert.match(s, /Enter open the server/);
    keys('Enter');
    await waitGone('Boot a new server', 30_000);
    const servers = novashJson<Row[]>(['list', '--name', `^${serverName}$`], env);
    assert.equal(servers.length, 1, 'exactly one server was created');
    serverId = String(servers[0]!.ID);
    assert.equal(servers[0]!.Status, 'ACTIVE');
  });

  test('back up three times with rotation 2: two backups are left, shown in the images screen', async () => {
    assert.ok(serverId, 'the boot test made the server');
    for (const n of [1, 2, 3]) await backupThroughForm(`${serverName}-b${n}`);
    const left = backupsOf(serverId).map((i) => String(i.Name)).sort();
    assert.deepEqual(left, [`${serverName}-b2`, `${serverName}-b3`]);
    await command('images');
    await waitScreen(/Images/);
    type('/');
    type(serverName);
    keys('Enter');
    const s = await waitScreen(`${serverName}-b3`);
    assert.ok(s.includes(`${serverName}-b2`), `b2 in the images screen:\n${s}`);
    assert.ok(!s.includes(`${serverName}-b1`), `b1 was rotated away:\n${s}`);
    keys('Escape', 'Escape');
  });

  test('snapshot through the form to active', async () => {
    assert.ok(serverId, 'the boot test made the server');
    await command(`image-create ${serverName}`);
    await waitScreen(`Snapshot server ${serverName}`);
    await waitScreen('› Name');
    keys('C-u');
    type(`${serverName}-snap`);
    keys('Tab');
    await waitScreen('createImage:');
    keys('Enter');
    await waitScreen(/createImage accepted/);
    await waitGone(`Snapshot server ${serverName}`, 300_000);
    const snaps = novashJson<Row[]>(['image-list', '--property', `instance_uuid=${serverId}`, '--property', 'image_type=snapshot'], env);
    assert.equal(snaps.length, 1);
    assert.equal(snaps[0]!.Name, `${serverName}-snap`);
    assert.equal(snaps[0]!.Status, 'active');
  });
});

function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
