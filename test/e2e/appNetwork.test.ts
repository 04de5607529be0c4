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
    let s = await term.waitScreen('A port, by its ID…', 20_000);
    assert.match(s, new RegExp(`${escaped(tenant)} +${String(nets.tenant.ID)}`), 'the network is offered with its id');
    await cursorTo(new RegExp(`> ${escaped(tenant)} `));
    term.keys('Enter');
    await term.waitScreen(`Attach a new port on network ${tenant} to server ${serverName}`, 10_000);
    term.keys('y');
    await term.waitScreen(`Attach interface of ${serverName} accepted`, 60_000);
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
    s = await term.waitScreen(/Floating IP \S+ added to server|Add floating IP of .* failed/, 60_000);
    address = /Floating IP (\S+) added/.exec(s)?.[1] ?? /new floating IP (\S+) stays/.exec(s)?.[1] ?? '';
    assert.match(s, /Floating IP \S+ added to server/, 'added');
    const fip = novashJson<Row[]>(['floating-ip-list', '-f', 'json'], env, CLOUD).find((f) => f['Floating IP Address'] === address);
    assert.equal(fip?.Port, attached[0]!['Port ID'], 'the floating IP is on the attached port');

    // Remove it: the server's one floating IP.
    await menu();
    term.keys('F');
    await term.waitScreen(new RegExp(`> ${escaped(address)} `), 20_000);
    term.keys('Enter');
    await term.waitScreen(`Remove floating IP ${address} from server ${serverName}`, 10_000);
    term.keys('y');
    await term.waitScreen(`Floating IP ${address} removed from server ${serverName}.`, 60_000);

    // Detach the interface: destructive, so y.
    await menu();
    term.keys('I');
    await term.waitScreen(String(attached[0]!['Port ID']), 20_000);
    term.keys('Enter');
    await term.waitScreen('y to detach interface', 10_000);
    term.keys('y');
    await term.waitScreen(`Port ${String(attached[0]!['Port ID'])} detached from server ${serverName}.`, 60_000);
    // Nova detaches asynchronously: the port goes within a short while.
    for (let i = 0; i < 40 && ports().length; i++) await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(ports(), [], 'no interface left');
    term.keys('q');
  });
});
