/**
 * The server's network actions in the real app on the local cloud, as the demo user: attach an
 * interface on the project's network, add a new floating IP from the external network, remove it,
 * detach the interface, each from the action menu with the pick from the cloud's lists; the CLI
 * then sees what the app did. Needs a tenant network and an external one with a router (the local
 * cloud's Neutron with L3); without them the test says so and skips. The server and the floating
 * IP are deleted at the end, also when a step failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';
import { TmuxTerminal } from './terminal.js';

type Row = Record<string, unknown>;

const CLOUD = 'devcloud-demo';
const env = cleanEnv();
const session = `novash-appnet-${process.pid}`;
const term = new TmuxTerminal(session);
const serverName = uniqueName('e2e-appnet');
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let serverId = '';
let address = '';

/** The project's network to attach to and the external one, when the local cloud has them. */
function networks(): { tenant?: Row; external?: Row } {
  const list = novash(['network-list', '-f', 'json'], env, CLOUD);
  if (list.code !== 0) return {};
  const rows = JSON.parse(list.stdout) as Row[];
  return { tenant: rows.find((n) => n.External === false), external: rows.find((n) => n.External === true) };
}

describe('network actions from the action menu (local cloud)', { skip: e2eEnabled ? false : skipReason }, () => {
  let nets: ReturnType<typeof networks> = {};
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    nets = networks();
    if (!nets.tenant || !nets.external) return;
    const boot = novash(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', serverName], env, CLOUD);
    assert.equal(boot.code, 0, `boot failed: ${boot.stderr}`);
    serverId = String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env, CLOUD)[0]?.ID ?? '');
    term.start(env, { columns: 160, rows: 40 }, 'NOVASH-APPNET-EXITED', CLOUD);
  });

  after(() => {
    term.kill();
    if (address) novash(['floating-ip-delete', address], env, CLOUD);
    const id = serverId || String(novashJson<Row[]>(['list', '--name', `^${serverName}$`], env, CLOUD)[0]?.ID ?? '');
    if (id) novash(['delete', '--wait', id], env, CLOUD);
  });

  test('attach an interface, add a new floating IP, remove it, detach the interface', async (t) => {
    if (!nets.tenant || !nets.external) return t.skip('the local cloud has no tenant and external network (Neutron L3) yet');
    const tenant = String(nets.tenant.Name);
    const external = String(nets.external.Name);
    const ports = () => novashJson<Row[]>(['interface-list', serverId, '-f', 'json'], env, CLOUD);
    /** Down until the picker's cursor is on the entry (the list is in Neutron's order). */
    const cursorTo = async (entry: RegExp) => {
      for (let i = 0; i < 20 && !entry.test(term.screen()); i++) {
        term.keys('Down');
        await new Promise((r) => setTimeout(r, 200));
      }
      await term.waitScreen(entry, 5_000);
    };
    /** Polls the cloud: the status line's message fades after 8 s, what the cloud holds is what counts. */
    const until = async (what: string, done: () => boolean) => {
      for (let i = 0; i < 120; i++) {
        if (done()) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.fail(`timed out waiting for ${what}; screen:\n${term.screen()}`);
    };
    const fips = () => novashJson<Row[]>(['floating-ip-list', '-f', 'json'], env, CLOUD);
    const menu = async () => {
      term.keys('a');
      await term.waitScreen(`Actions on ${serverName}`, 10_000);
    };

    await term.waitScreen(/Servers \(\d+/);
    term.keys('/');
    await term.waitScreen('/ filter', 10_000);
    term.type(serverName);
    term.keys('Enter');
    await term.waitScreen(new RegExp(`> ${escaped(serverName)} +ACTIVE`));

    // Attach: the project's network from the list.
    await menu();
    term.keys('i');
    const s = await term.waitScreen('A port, by its ID…', 20_000);
    assert.match(s, new RegExp(`${escaped(tenant)} +${String(nets.tenant.ID)}`), 'the network is offered with its id');
    await cursorTo(new RegExp(`> ${escaped(tenant)} `));
    term.keys('Enter');
    await term.waitScreen(`Attach a new port on network ${tenant} to server ${serverName}`, 10_000);
    term.keys('y');
    await until('the interface to be attached', () => ports().length > 0);
    const attached = ports();
    assert.equal(attached.length, 1, 'one port attached');
    assert.equal(attached[0]!['Net ID'], nets.tenant.ID);

    // A new floating IP from the external network (the picker's last entry), on that port.
    await menu();
    term.keys('f');
    await term.waitScreen(`A new one from ${external}`, 20_000);
    term.keys('G');
    await term.waitScreen(new RegExp(`> A new one from ${escaped(external)}`));
    term.keys('Enter');
    await term.waitScreen(`Add a new floating IP from network ${external} to server ${serverName}`, 10_000);
    term.keys('y');
    await until('a floating IP on the attached port', () => fips().some((f) => f.Port === attached[0]!['Port ID']));
    address = String(fips().find((f) => f.Port === attached[0]!['Port ID'])!['Floating IP Address']);
    assert.doesNotMatch(term.screen(), /Add floating IP of .* failed/);

    // Remove it: the server's one floating IP.
    await menu();
    term.keys('F');
    await term.waitScreen(new RegExp(`> ${escaped(address)} `), 20_000);
    term.keys('Enter');
    await term.waitScreen(`Remove floating IP ${address} from server ${serverName}`, 10_000);
    term.keys('y');
    await until(`floating IP ${address} to be removed`, () => !fips().some((f) => f['Floating IP Address'] === address && f.Port));

    // Detach the interface: destructive, so y.
    await menu();
    term.keys('I');
    await term.waitScreen(String(attached[0]!['Port ID']), 20_000);
    term.keys('Enter');
    await term.waitScreen('y to detach interface', 10_000);
    term.keys('y');
    // Nova detaches asynchronously: the port goes within a short while.
    await until('the interface to be detached', () => ports().length === 0);
    term.keys('q');
  });
});
