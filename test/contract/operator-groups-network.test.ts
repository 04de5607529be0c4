/**
 * Server groups (policies before and from 2.64, members through the `group` scheduler hint) and
 * floating IPs through Neutron (create on an external network, add to a server through its port,
 * remove, delete), through the managers against the fixture cloud.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { ApiError } from '../../src/session/errors.js';
import { PRIVATE_NET_ID, PUBLIC_NET_ID } from '../support/fixtureServer.js';
import { CIRROS_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { managedCloud, only, settle } from '../support/managers.js';

const ADMIN = ['admin', 'member', 'reader'];
const field = (name: string, message: RegExp) => (err: unknown) =>
  err instanceof FieldError && err.field === name && message.test(err.message);

for (const [mv, sent] of [
  ['2.1', { name: 'db', policies: ['anti-affinity'] }],
  ['2.15', { name: 'db', policies: ['anti-affinity'] }],
  ['2.64', { name: 'db', policy: 'anti-affinity', rules: { max_server_per_host: 1 } }],
] as const) {
  test(`server group create/show/list/delete at ${mv}`, async (t) => {
    const { fx, m } = await managedCloud(t, mv);
    const g = await m.serverGroups.create({
      name: 'db',
      policy: 'anti-affinity',
      ...(mv === '2.64' ? { rules: { max_server_per_host: 1 } } : {}),
    });
    assert.deepEqual(only(fx, 'POST', '/v2.1/os-server-groups').json, { server_group: sent });
    assert.equal(g.policy, 'anti-affinity');
    assert.deepEqual(g.members, []);
    if (mv === '2.64') assert.deepEqual(g.rules, { max_server_per_host: 1 });
    assert.equal(g.projectId, mv === '2.1' ? undefined : fx.project.id, 'project_id from 2.13');
    assert.equal((await m.serverGroups.find('db')).id, g.id);
    assert.deepEqual(
      (await m.serverGroups.list()).map((x) => x.name),
      ['db'],
    );
    if (mv === '2.1') {
      await assert.rejects(
        m.serverGroups.create({ name: 'x', policy: 'soft-affinity' }),
        field('policy', /The soft-affinity policy needs compute API version 2\.15/),
      );
      await assert.rejects(
        m.serverGroups.create({ name: 'x', policy: 'anti-affinity', rules: { max_server_per_host: 2 } }),
        field('rules', /needs compute API version 2\.64/),
      );
    }
    if (mv === '2.64')
      await assert.rejects(
        m.serverGroups.create({ name: 'x', policy: 'affinity', rules: { max_server_per_host: 2 } }),
        field('rules', /anti-affinity policy only/),
      );
    await assert.rejects(
      m.serverGroups.create({ name: 'x', policy: 'spread' }),
      field('policy', /'spread' is not one of affinity, anti-affinity, soft-affinity, soft-anti-affinity/),
    );
    assert.equal(fx.count('POST', '/v2.1/os-server-groups'), 1, 'refused before sending');
    await m.serverGroups.delete(g.id);
    await assert.rejects(m.serverGroups.get(g.id), (e: unknown) => e instanceof ApiError && e.status === 404);
  });
}

test('listing server groups follows limit/offset pages; all projects is for admins', async (t) => {
  const { fx, m, as } = await managedCloud(t, '2.93', { novaMaxLimit: 2 });
  for (const n of ['a', 'b', 'c']) await m.serverGroups.create({ name: n, policy: 'affinity' });
  assert.deepEqual(
    (await m.serverGroups.list()).map((g) => g.name),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    fx.find('GET', '/v2.1/os-server-groups').map((r) => r.query.offset ?? '0'),
    ['0', '2'],
  );
  await assert.rejects(m.serverGroups.list({ allProjects: true }), (e: unknown) => e instanceof ApiError && e.status === 403);
  assert.equal((await as(ADMIN).serverGroups.list({ allProjects: true })).length, 3);
  assert.equal(fx.last('GET', '/v2.1/os-server-groups')!.query.all_projects, 'True');
});

test('boot with the group hint: members show in the group; anti-affinity with two hosts leaves the third in ERROR', async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  const g = await m.serverGroups.create({ name: 'spread', policy: 'anti-affinity' });
  const made: string[] = [];
  for (const name of ['a1', 'a2', 'a3']) {
    const r = await m.servers.create({ name, imageId: CIRROS_ID, flavorId: '1', networks: 'none', schedulerHints: { group: g.id } });
    made.push(r.servers[0]!.id);
  }
  assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json['os:scheduler_hints'], { group: g.id });
  assert.deepEqual((await m.serverGroups.get(g.id)).members, made);
  assert.equal(await settle(m, made[0]!, 'ACTIVE'), 'ACTIVE');
  assert.equal(await settle(m, made[1]!, 'ACTIVE'), 'ACTIVE');
  assert.notEqual(fx.serverById(made[0]!)!.host, fx.serverById(made[1]!)!.host);
  const third = await settle(m, made[2]!, 'ERROR');
  assert.equal(third, 'ERROR');
  assert.match((await m.servers.get(made[2]!)).fault?.message ?? '', /No valid host was found/);
  // A hint that is not a group's UUID is refused before the POST.
  const posts = fx.count('POST', '/v2.1/servers');
  await assert.rejects(
    m.servers.create({ name: 'x', imageId: CIRROS_ID, flavorId: '1', networks: 'none', schedulerHints: { group: 'spread' } }),
    field('schedulerHints', /group must be the ID \(UUID\) of a server group, not 'spread'/),
  );
  assert.equal(fx.count('POST', '/v2.1/servers'), posts);
  // A deleted member leaves the group.
  await m.servers.delete(made[0]!);
  assert.deepEqual((await m.serverGroups.get(g.id)).members, made.slice(1));
});

test('floating IPs: create on the external network, add to a server through its port, remove, delete', async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  const seeded = await m.floatingIps.list();
  assert.deepEqual(
    seeded.map((f) => [f.floatingIpAddress, f.portId]),
    [['172.24.4.228', null]],
  );
  const fip = await m.floatingIps.create({ networkId: PUBLIC_NET_ID });
  assert.deepEqual(only(fx, 'POST', '/network/v2.0/floatingips').json, { floatingip: { floating_network_id: PUBLIC_NET_ID } });
  assert.equal(fip.status, 'DOWN');
  assert.equal((await m.floatingIps.find(fip.floatingIpAddress)).id, fip.id, 'found by address');

  const added = await m.floatingIps.addToServer(fip.id, SAMPLE_SERVER_ID);
  assert.equal(fx.last('GET', '/network/v2.0/ports')!.query.device_id, SAMPLE_SERVER_ID, "the server's ports, from Neutron");
  assert.deepEqual(fx.last('PUT', `/network/v2.0/floatingips/${fip.id}`)!.json, {
    floatingip: { port_id: 'ce531f90-199f-48c0-816c-13e38010b442' },
  });
  assert.equal(added.fixedIpAddress, '192.168.1.30');
  assert.equal(added.status, 'ACTIVE');
  assert.equal((await m.floatingIps.list({ portId: 'ce531f90-199f-48c0-816c-13e38010b442' }))[0]!.id, fip.id);

  // The same fixed IP cannot take a second floating IP: Neutron's 409.
  await assert.rejects(
    m.floatingIps.addToServer(seeded[0]!.id, SAMPLE_SERVER_ID),
    (e: unknown) => e instanceof ApiError && e.status === 409 && /already has a floating IP/.test(e.message),
  );
  await assert.rejects(
    m.floatingIps.removeFromServer(fip.id, '9168b536-cd40-4630-b43f-b259807c6e87'),
    field('floatingIp', /is not associated with this server/),
  );
  const removed = await m.floatingIps.removeFromServer(fip.id, SAMPLE_SERVER_ID);
  assert.deepEqual(fx.last('PUT', `/network/v2.0/floatingips/${fip.id}`)!.json, { floatingip: { port_id: null } });
  assert.equal(removed.portId, null);
  await m.floatingIps.delete(fip.id);
  assert.ok(!fx.floatingIps.some((f) => f.id === fip.id));
  await assert.rejects(m.floatingIps.find(fip.floatingIpAddress), /No floating IP with an address or ID of '172\.24\.4\.\d+' exists\./);
});

test('add-floating-ip tries the next port when one has no route out, and names the fixed IP when asked', async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  // A first port on a network without a router to the external one.
  fx.ports.unshift({
    id: 'aaaaaaaa-0000-4000-8000-000000000001',
    name: '',
    networkId: 'isolated-net',
    macAddress: 'fa:16:3e:00:00:01',
    fixedIps: [{ subnet_id: 'isolated-subnet', ip_address: '10.9.0.5' }],
    deviceId: SAMPLE_SERVER_ID,
    deviceOwner: 'compute:nova',
    status: 'ACTIVE',
    projectId: fx.project.id,
  });
  const [fip] = await m.floatingIps.list();
  const added = await m.floatingIps.addToServer(fip!.id, SAMPLE_SERVER_ID);
  assert.equal(added.fixedIpAddress, '192.168.1.30');
  assert.deepEqual(
    fx.find('PUT', /\/floatingips\//).map((r) => r.status),
    [404, 200],
    'the isolated port first (404), then the next',
  );
  await m.floatingIps.disassociate(fip!.id);
  await assert.rejects(
    m.floatingIps.addToServer(fip!.id, SAMPLE_SERVER_ID, { fixedIpAddress: '10.9.0.5' }),
    (e: unknown) => e instanceof ApiError && e.status === 404 && /is not reachable from subnet isolated-subnet/.test(e.message),
  );
  await assert.rejects(
    m.floatingIps.addToServer(fip!.id, SAMPLE_SERVER_ID, { fixedIpAddress: '1.2.3.4' }),
    field('fixedIpAddress', /1\.2\.3\.4 is not an address of the server's ports \(10\.9\.0\.5, 192\.168\.1\.30\)/),
  );
  // Creating on a network that is not external: Neutron's 400.
  await assert.rejects(
    m.floatingIps.create({ networkId: PRIVATE_NET_ID }),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /is not a valid external network/.test(e.message),
  );
});

test('a server without ports: add-floating-ip says so before any change', async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  const [fip] = await m.floatingIps.list();
  await assert.rejects(
    m.floatingIps.addToServer(fip!.id, '0e44cc9c-e052-415d-afbf-469b0d384170'),
    /The server has no ports to associate the floating IP with/,
  );
  assert.equal(fx.count('PUT', /\/floatingips\//), 0);
});
