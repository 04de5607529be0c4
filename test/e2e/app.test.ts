/**
 * The interactive app on the real local cloud, in a pseudo-terminal: `node bin/novash.js` in a
 * detached tmux session of 100x30, keys sent with send-keys, the screen read with capture-pane.
 * The scenario: open, go to flavors, back, filter the servers, open a server, reboot it,
 * see it return to ACTIVE, quit, and find the terminal restored. The server is booted here with
 * the CLI first and deleted at the end, even when a step failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';
import { TmuxTerminal } from './terminal.js';

type Row = Record<string, unknown>;

const env = cleanEnv();
const session = `novash-app-${process.pid}`;
const term = new TmuxTerminal(session);
const serverName = uniqueName('e2e-app');
const EXIT_MARK = 'NOVASH-APP-EXITED';
let serverId = '';

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the interactive app on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    const boot = novash(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', serverName], env);
    assert.equal(boot.code, 0, `boot failed: ${boot.stderr}`);
    serverId = String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID ?? '');
    assert.ok(serverId, 'the server booted');
    term.start(env, { columns: 100, rows: 30 }, EXIT_MARK);
  });

  after(() => {
    term.kill();
    const id = serverId || String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env)[0]?.ID ?? '');
    if (id) novash(['delete', '--wait', id], env);
  });

  test('open, flavors and back, filter, open the server, reboot it back to ACTIVE, quit with the terminal restored', async () => {
    // Open: the servers list, with the header naming the cloud.
    let s = await term.waitScreen(/Servers \(\d+/);
    assert.match(s, /cloud: devcloud/);
    assert.match(s, /project: admin/);
    assert.match(s, /compute: 2\.\d+/);
    assert.equal(term.tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim(), '1', 'the app runs on the alternate screen');

    // Go to flavors, and back.
    term.type(':');
    await term.waitScreen(/^:/m, 10_000);
    term.type('flavors');
    term.keys('Enter');
    s = await term.waitScreen(/Flavors \(\d+\)/);
    assert.match(s, /Servers › Flavors/);
    assert.match(s, /m1\.tiny/);
    term.keys('Escape');
    await term.waitScreen(/Servers \(\d+/);

    // Filter the servers down to ours.
    term.keys('/');
    await term.waitScreen('/ filter', 10_000);
    term.type(serverName);
    await term.waitScreen(`/${serverName}`, 10_000);
    term.keys('Enter');
    s = await term.waitScreen(`filter: ${serverName}`);
    assert.match(s, /Servers \(1( of \d+)?\)/);
    assert.match(s, new RegExp(`> ${escaped(serverName)} +ACTIVE`));

    // Open it.
    term.keys('Enter');
    s = await term.waitScreen(new RegExp(`Server ${escaped(serverName)} {2}ACTIVE`));
    assert.match(s, /1 Details +2 Instance actions +3 Console log/);

    // Reboot it: the actions menu, the confirmation naming the server, then back to ACTIVE by itself.
    term.keys('a');
    await term.waitScreen(`Actions on ${serverName}`, 10_000);
    term.keys('r');
    await term.waitScreen(`Reboot server ${serverName} (${serverId})?`, 10_000);
    term.keys('y');
    await term.waitScreen(/Reboot of .* accepted|REBOOT|rebooting/, 30_000);
    const settled = new RegExp(`Server ${escaped(serverName)} {2}ACTIVE(?! {2}reboot)`);
    await term.waitScreen((text) => settled.test(text), 120_000);
    const actions = novashJson<Row[]>(['instance-action-list', serverId], env).map((a) => a.Action);
    assert.ok(actions.includes('reboot'), `instance actions: ${actions.join(', ')}`);

    // Quit: the app leaves the alternate screen and exits 0.
    term.keys('q');
    s = await term.waitScreen(`${EXIT_MARK}=0`, 15_000);
    assert.doesNotMatch(s, /novash {2}cloud:/, 'the app screen is gone');
    assert.equal(term.tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim(), '0', 'back on the normal screen');
  });
});

describe('pastes and bursts in the real terminal (read-only, on the local cloud)', { skip: e2eEnabled ? false : skipReason }, () => {
  const pasteSession = `novash-paste-${process.pid}`;
  const pasteTerm = new TmuxTerminal(pasteSession);
  const MARK = 'NOVASH-PASTE-EXITED';

  before(() => {
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    pasteTerm.start(env, { columns: 100, rows: 30 }, MARK, 'devcloud', ['--read-only']);
  });
  after(() => pasteTerm.kill());

  test('a paste of `:flavors` and Enter opens the flavors screen; `:keypairs` Enter typed in one go opens key pairs; q quits', async () => {
    await pasteTerm.waitScreen(/Servers \(\d+/);
    assert.match(pasteTerm.screen(), /READ-ONLY/);
    // One write to the app: ':flavors' and the Enter of the pasted line break, in one read.
    pasteTerm.paste(':flavors\n');
    let s = await pasteTerm.waitScreen(/Flavors \(\d+\)/, 20_000);
    assert.match(s, /Servers › Flavors/);
    assert.match(s, /m1\.tiny/);
    // Text and Enter sent back to back, without waiting for the prompt to show.
    pasteTerm.typeThen(':keypairs', 'Enter');
    s = await pasteTerm.waitScreen(/Key pairs \(\d+\)/, 20_000);
    assert.match(s, /Servers › Key pairs/);
    // A filter pasted with its Enter, then Esc Esc back to the servers and q.
    pasteTerm.paste(':servers\n/zzz-no-such-server\n');
    s = await pasteTerm.waitScreen("Nothing matches 'zzz-no-such-server'", 20_000);
    assert.match(s, /filter: zzz-no-such-server {3}\(\/ edits/);
    pasteTerm.typeThen('q');
    await pasteTerm.waitScreen(`${MARK}=0`, 15_000);
  });
});
