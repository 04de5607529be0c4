/**
 * A server on a network, on the real local cloud, as the demo user: its interfaces (ports in
 * Neutron, bound by the devcloud's agentless ML2 driver), floating IPs from the external network
 * `public` through demo's router, and its security groups. Each step is compared with what
 * Neutron or the openstack CLI reads back. The devcloud's seed made `public` (203.0.113.0/24),
 * `demo-net` (10.0.0.0/24) and `demo-router` (scripts/devcloud/README.md).
 * Everything made here (one server, one extra port, one floating IP, one security group) is
 * deleted in `after`, also when a test failed half-way.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, novashOk, openstackJson, skipReason, uniqueName } from './cloud.js';

type Doc = Record<string, unknown>;

const CLOUD = 'devcloud-demo';
const env = cleanEnv();
const name = uniqueName('e2e-net');
const groupName = uniqueName('e2e-sg');
const portName = uniqueName('e2e-port');
let id = '';
let demoNetId = '';
let demoSubnetId = '';
let publicNetId = '';
/** What to clean up: the floating IP and extra port made here, the security group. */
const made: { fips: string[]; ports: string[]; group?: string } = { fips: [], ports: [] };

const ok = (args: string[]): string => novashOk(args, env, CLOUD);
const json = <T = Doc>(args: string[]): T => novashJson<T>(args, env, CLOUD);

function theirs<T = Doc>(args: string[]): T {
  return openstackJson<T>(args, env, CLOUD);
}

/** The openstack CLI's own output (for commands without -f, and its tables). */
function theirText(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('openstack', ['--os-cloud', CLOUD, ...args], {
    env: { ...env, PATH: '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The Networks cell of the row of server `id` in a box table (novash's or the openstack CLI's). */
function networksCell(table: string, serverId: string): string {
  const lines = table.split('\n');
  const header = lines.find((l) => /\|\s*ID\s*\|/.test(l));
  const row = lines.find((l) => l.includes(serverId));
  assert.ok(header && row, `no row for ${serverId} in\n${table}`);
  const index = header.split('|').findIndex((c) => c.trim() === 'Networks');
  assert.ok(index > 0, `no Networks column in\n${header}`);
  return row.split('|')[index]!.trim();
}

/** The cloud refused: exit 1, its message and its request id. */
function refusedBy(args: string[], message: RegExp): void {
  const r = novash(args, env, CLOUD);
  assert.equal(r.code, 1, `novash ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /\(HTTP \d{3}, request req-[0-9a-f-]{36}\)/);
}

/** A row of interface-list -f json. */
interface Iface {
  'Port State': string;
  'Port ID': string;
  'Net ID': string;
  'IP addresses': string[];
  'MAC Addr': string;
}

function interfaces(): Iface[] {
  return json<Iface[]>(['interface-list', id]);
}

function firstAddress(): string {
  return interfaces()[0]!['IP addresses'][0]!;
}

/** Nova's view of the server's addresses by network (its info cache follows Neutron's port events). */
function addresses(): Record<string, string[]> {
  return json<Doc>(['show', id]).addresses as Record<string, string[]>;
}

/** A usage error: exit 2, the message on stderr. */
function usage(args: string[], message: RegExp): void {
  const r = novash(args, env, CLOUD);
  assert.equal(r.code, 2, `novash ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
}

/** Neutron tells Nova about port changes a moment later (notifications, batched every 2 s). */
async function eventually(what: string, check: () => boolean, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what}: not seen within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('a server on a network, on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    const net = theirs<Doc>(['network', 'show', 'demo-net']);
    demoNetId = String(net.id);
    demoSubnetId = String((net.subnets as string[])[0]);
    publicNetId = String(theirs<Doc>(['network', 'show', 'public']).id);
    const s = json<Doc>(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', `net-id=${demoNetId}`, '--wait', name]);
    id = String(s.id);
    assert.equal(s.status, 'ACTIVE');
  });

  after(() => {
    for (const f of made.fips) novash(['floating-ip-delete', f], env, CLOUD);
    if (id) novash(['delete', '--wait', id], env, CLOUD);
    for (const p of made.ports) theirText(['port', 'delete', p]);
    if (made.group) theirText(['security', 'group', 'delete', made.group]);
  });

  test('interface-list: the port Nova made on demo-net, as Neutron has it', () => {
    const list = interfaces();
    assert.equal(list.length, 1, JSON.stringify(list));
    const i = list[0]!;
    assert.equal(i['Net ID'], demoNetId);
    assert.equal(i['Port State'], 'ACTIVE', 'the agentless driver bound it');
    assert.equal(i['IP addresses'].length, 1);
    assert.match(i['IP addresses'][0]!, /^10\.0\.0\.\d+$/);
    const port = theirs<Doc>(['port', 'show', i['Port ID']]);
    assert.equal(port.device_id, id);
    assert.equal(port.mac_address, i['MAC Addr']);
    assert.deepEqual(port.fixed_ips, [{ subnet_id: demoSubnetId, ip_address: i['IP addresses'][0] }]);
    // The table shows the same port and address.
    const table = ok(['interface-list', id]);
    assert.match(table, new RegExp(i['Port ID']));
    assert.match(table, new RegExp(`\\| ${i['IP addresses'][0]!.replaceAll('.', '\\.')} +\\|`));
  });

  test('list and show: the Networks column and addresses match the openstack CLI', async () => {
    const ip = firstAddress();
    await eventually('the address in Nova', () => addresses()['demo-net']?.includes(ip) === true);
    const mine = json<Doc[]>(['list', '--name', name]);
    const osc = theirs<Doc[]>(['server', 'list', '--name', name]);
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0]!.Networks, { 'demo-net': [ip] });
    assert.deepEqual(osc[0]!.Networks, mine[0]!.Networks);
    assert.equal(networksCell(ok(['list', '--name', name]), id), `demo-net=${ip}`);
    assert.deepEqual(theirs<Doc>(['server', 'show', id, '-c', 'addresses']).addresses, { 'demo-net': [ip] });
  });

  test('interface-attach --net-id and --port-id, then interface-detach: back to one', async () => {
    const first = interfaces()[0]!['Port ID'];
    const byNet = json<Doc>(['interface-attach', id, '--net-id', 'demo-net']);
    assert.equal(byNet.net_id, demoNetId);
    assert.equal(byNet.port_state, 'ACTIVE');
    assert.equal((byNet.fixed_ips as Array<{ subnet_id: string }>)[0]!.subnet_id, demoSubnetId);
    const newPort = String(byNet.port_id);
    assert.notEqual(newPort, first);
    assert.equal(interfaces().length, 2);

    const port = theirs<Doc>(['port', 'create', '--network', demoNetId, portName]);
    made.ports.push(String(port.id));
    const byPort = json<Doc>(['interface-attach', id, '--port-id', String(port.id)]);
    assert.equal(byPort.port_id, port.id);
    assert.deepEqual(
      interfaces()
        .map((i) => i['Port ID'])
        .sort(),
      [first, newPort, String(port.id)].sort(),
    );
    assert.equal(theirs<Doc>(['port', 'show', String(port.id)]).device_id, id);
    // Three addresses on one network: both clients print the same Networks cell.
    await eventually('three addresses in Nova', () => (addresses()['demo-net'] ?? []).length === 3);
    const cell = networksCell(ok(['list', '--name', name]), id);
    assert.match(cell, /^demo-net=10\.0\.0\.\d+, 10\.0\.0\.\d+, 10\.0\.0\.\d+$/);
    const osc = theirText(['server', 'list', '--name', name]);
    assert.equal(osc.code, 0, osc.stderr);
    assert.equal(cell, networksCell(osc.stdout, id));

    assert.equal(ok(['interface-detach', id, String(port.id)]), `Port ${String(port.id)} detached from server ${name}.\n`);
    ok(['interface-detach', id, newPort]);
    await eventually('the detached ports gone from the server', () => interfaces().length === 1);
    assert.equal(interfaces()[0]!['Port ID'], first);
    // Nova deleted the port it made, and unbound the one it was given.
    assert.equal((theirs<Doc[]>(['port', 'list', '--network', demoNetId, '--device-id', id]) as Doc[]).length, 1);
    assert.equal(theirs<Doc>(['port', 'show', String(port.id)]).device_id, '');
    // Nova would accept it and fail later on the compute host: novash looks first.
    usage(['interface-detach', id, newPort], new RegExp(`port ${newPort} is not attached to server ${name} \\(its ports: ${first}\\)`));
  });

  test('floating IPs: create on public, add to the server, list, show, remove, delete', async () => {
    const fixed = firstAddress();
    const fip = json<Doc>(['floating-ip-create', 'public']);
    made.fips.push(String(fip.id));
    const address = String(fip.floating_ip_address);
    assert.match(address, /^203\.0\.113\.\d+$/);
    assert.equal(fip.floating_network_id, publicNetId);
    assert.equal(fip.port_id, null);

    assert.equal(ok(['add-floating-ip', id, address]), `Floating IP ${address} added to server ${name} (on ${fixed}).\n`);
    const listed = json<Doc[]>(['floating-ip-list']).find((f) => f.ID === fip.id);
    assert.ok(listed, 'floating-ip-list shows it');
    assert.equal(listed['Fixed IP Address'], fixed);
    assert.equal(listed.Port, interfaces()[0]!['Port ID']);
    assert.equal(listed['Floating IP Address'], address);
    const osc = theirs<Doc>(['floating', 'ip', 'show', String(fip.id)]);
    assert.equal(osc.fixed_ip_address, fixed);
    assert.equal(osc.port_id, listed.Port);
    // Neutron told Nova (network-changed): the server's addresses have it, as the openstack CLI sees them.
    await eventually('the floating address in Nova', () => (addresses()['demo-net'] ?? []).includes(address));
    assert.deepEqual(theirs<Doc>(['server', 'show', id, '-c', 'addresses']).addresses, { 'demo-net': [fixed, address] });
    assert.match(ok(['show', id]), new RegExp(address.replaceAll('.', '\\.')));

    assert.equal(ok(['remove-floating-ip', id, address]), `Floating IP ${address} removed from server ${name}.\n`);
    assert.equal(theirs<Doc>(['floating', 'ip', 'show', String(fip.id)]).port_id, null);
    usage(['remove-floating-ip', id, address], /The floating IP .* is not associated with this server/);
    await eventually('the floating address gone from Nova', () => !(addresses()['demo-net'] ?? []).includes(address));

    assert.equal(ok(['floating-ip-delete', address]), `Floating IP ${address} deleted.\n`);
    made.fips = [];
    assert.equal(
      json<Doc[]>(['floating-ip-list']).some((f) => f.ID === fip.id),
      false,
    );
  });

  test('what only an admin may do is refused for a member: an interface on public, a chosen floating address', () => {
    refusedBy(
      ['interface-attach', id, '--net-id', 'public'],
      new RegExp(`It is not allowed to create an interface on external network ${publicNetId}`),
    );
    assert.equal(interfaces().length, 1, 'no port was added');
    refusedBy(
      ['floating-ip-create', 'public', '--floating-ip-address', '203.0.113.77'],
      /create_floatingip:floating_ip_address\) is disallowed by policy/,
    );
    assert.equal(
      json<Doc[]>(['floating-ip-list']).some((f) => f['Floating IP Address'] === '203.0.113.77'),
      false,
      'nothing was made',
    );
  });

  test('security groups: default, add one made with openstack, list both, remove it', () => {
    assert.deepEqual(
      json<Doc[]>(['list-secgroup', id]).map((g) => g.Name),
      ['default'],
    );
    const group = theirs<Doc>(['security', 'group', 'create', '--description', 'e2e web', groupName]);
    made.group = String(group.id);
    assert.equal(ok(['add-secgroup', id, groupName]), `Security group ${groupName} added to server ${name}.\n`);
    assert.deepEqual(
      json<Doc[]>(['list-secgroup', id])
        .map((g) => g.Name)
        .sort(),
      ['default', groupName].sort(),
    );
    const port = theirs<Doc>(['port', 'show', interfaces()[0]!['Port ID']]);
    assert.ok((port.security_group_ids as string[]).includes(String(group.id)), 'Neutron applied it to the port');
    ok(['remove-secgroup', id, groupName]);
    assert.deepEqual(
      json<Doc[]>(['list-secgroup', id]).map((g) => g.Name),
      ['default'],
    );
    refusedBy(['remove-secgroup', id, groupName], new RegExp(`Security group ${groupName} not associated with the instance ${id}`));
  });
});
