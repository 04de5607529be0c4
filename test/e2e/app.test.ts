/**
 * The interactive app on the real local cloud, in a pseudo-terminal: `node bin/novash.js` in a
 * detached tmux session of 100x30, keys sent with send-keys, the screen read with capture-pane.
 * The issue's scenario: open, go to flavors, back, filter the servers, open a server, reboot it,
 * see it return to ACTIVE, quit, and find the terminal restored. The server is booted here with
 * the CLI first and deleted at the end, even when a step failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';

type Row = Record<string, unknown>;

const env = cleanEnv();
const session = `novash-app-${process.pid}`;
const serverName = uniqueName('e2e-app');
const EXIT_MARK = 'NOVASH-APP-EXITED';
let serverId = '';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Literal text. */
function type(text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

/** Named keys: Enter, Escape, Down... */
function keys(...names: string[]): void {
  for (const k of names) tmux('send-keys', '-t', session, k);
}

function shellWord(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function waitScreen(what: RegExp | string | ((text: string) => boolean), timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = screen();
    if (typeof what === 'string' ? last.includes(what) : typeof what === 'function' ? what(last) : what.test(last)) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; screen:\n${last}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the interactive app on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    const boot = novash(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', serverName], env);
    assert.equal(boot.code, 0, `boot failed: ${boot.stderr}`);
    serverId = String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID ?? '');
    assert.ok(serverId, 'the server booted');
    const vars = Object.entries(env)
      .filter(([k]) => k.startsWith('OS_') || k.startsWith('NOVASH_') || k === 'PATH' || k === 'HOME' || k === 'LANG')
      .map(([k, v]) => `${k}=${shellWord(String(v))}`)
      .join(' ');
    // After the app: a mark with its exit code, and the shell stays a moment for capture-pane.
    tmux(
      'new-session', '-d', '-s', session, '-x', '100', '-y', '30',
      `env -u CI ${vars} TERM=xterm-256color ${shellWord(process.execPath)} ${shellWord(BIN)} --os-cloud devcloud; echo "${EXIT_MARK}=$?"; sleep 60`,
    );
  });

  after(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    const id = serverId || String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID ?? '');
    if (id) novash(['delete', '--wait', id], env);
  });

  test('open, flavors and back, filter, open the server, reboot it back to ACTIVE, quit with the terminal restored', async () => {
    // Open: the servers list, with the header naming the cloud.
    let s = await waitScreen(/Servers \(\d+/);
    assert.match(s, /cloud: devcloud/);
    assert.match(s, /project: admin/);
    assert.match(s, /compute: 2\.\d+/);
    assert.equal(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim(), '1', 'the app runs on the alternate screen');

    // Go to flavors, and back.
    type(':');
    await waitScreen(/^:/m, 10_000);
    type('flavors');
    keys('Enter');
    s = await waitScreen(/Flavors \(\d+\)/);
    assert.match(s, /Servers › Flavors/);
    assert.match(s, /m1\.tiny/);
    keys('Escape');
    await waitScreen(/Servers \(\d+/);

    // Filter the servers down to ours.
    keys('/');
    await waitScreen('/ filter', 10_000);
    type(serverName);
    await waitScreen(`/${serverName}`, 10_000);
    keys('Enter');
    s = await waitScreen(`filter: ${serverName}`);
    assert.match(s, /Servers \(1( of \d+)?\)/);
    assert.match(s, new RegExp(`> ${escaped(serverName)} +ACTIVE`));

    // Open it.
    keys('Enter');
    s = await waitScreen(new RegExp(`Server ${escaped(serverName)} {2}ACTIVE`));
    assert.match(s, /1 Details +2 Instance actions +3 Console log/);

    // Reboot it: the actions menu, the confirmation naming the server, then back to ACTIVE by itself.
    keys('a');
    await waitScreen(`Actions on ${serverName}`, 10_000);
    keys('r');
    s = await waitScreen(`Reboot server ${serverName} (${serverId})?`, 10_000);
    keys('y');
    await waitScreen(/Reboot of .* accepted|REBOOT|rebooting/, 30_000);
    const settled = new RegExp(`Server ${escaped(serverName)} {2}ACTIVE(?! {2}reboot)`);
    await waitScreen((text) => settled.test(text), 120_000);
    const actions = novashJson<Row[]>(['instance-action-list', serverId], env).map((a) => a.Action);
    assert.ok(actions.includes('reboot'), `instance actions: ${actions.join(', ')}`);

    // Quit: the app leaves the alternate screen and exits 0.
    keys('q');
    s = await waitScreen(`${EXIT_MARK}=0`, 15_000);
    assert.doesNotMatch(s, /novash {2}cloud:/, 'the app screen is gone');
    assert.equal(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim(), '0', 'back on the normal screen');
  });
});
