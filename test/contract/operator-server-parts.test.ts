/**
 * What hangs off a server, through the managers against the fixture Nova: rename and
 * description, metadata, tags, security groups, interfaces, remote consoles, one instance action
 * with its events — across the microversions where their shapes or rules change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { ApiError } from '../../src/session/errors.js';
import { PRIVATE_NET_ID, WEB_SECGROUP_ID } from '../support/fixtureServer.js';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { managedCloud, only } from '../support/managers.js';

const ADMIN = ['admin', 'member', 'reader'];
const WEB_ID = '9168b536-cd40-4630-b43f-b259807c6e87';
const FREE_PORT = '0d2e4f6a-8b0c-4d2e-9f4a-6b8c0d2e4f6a';

const field = (name: string, message: RegExp) => (err: unknown) =>
  err instanceof FieldError && err.field === name && message.test(err.message);

for (const mv of ['2.1', '2.19']) {
  test(`rename and description at ${mv}: PUT /servers/{id}; a description needs 2.19`, async (t) => {
    const { fx, m } = await managedCloud(t, mv);
    const renamed = await m.servers.update(WEB_ID, { name: 'web-01' });
    assert.deepEqual(only(fx, 'PUT', `/v2.1/servers/${WEB_ID}`).json, { server: { name: 'web-01' } });
    assert.equal(renamed.name, 'web-01');
    assert.equal((await m.servers.find('web-01')).id, WEB_ID, 'the new name resolves');
    if (mv === '2.1') {
      await assert.rejects(
        m.servers.update(WEB_ID, { description: 'front' }),
        field('description', /A server description needs compute API version 2\.19 or later \(in use: 2\.1\)\./),
      );
      assert.equal(fx.count('PUT', `/v2.1/servers/${WEB_ID}`), 1, 'nothing sent');
      return;
    }
    const described = await m.servers.update(WEB_ID, { description: 'front end' });
    assert.equal(described.description, 'front end');
    await m.servers.update(WEB_ID, { description: '' });
    assert.deepEqual(fx.last('PUT', `/v2.1/servers/${WEB_ID}`)!.json, { server: { description: null } }, "'' removes it, as in novaclient");
    assert.equal(fx.serverById(WEB_ID)!.description, null);
    await assert.rejects(m.servers.update(WEB_ID, {}), field('name', /nothing to change/));
    await assert.rejects(m.servers.update(WEB_ID, { name: 'bad\u001b[31m' }), field('name', /control character \(code 27\)/));
    assert.equal(fx.count('PUT', `/v2.1/servers/${WEB_ID}`), 3);
  });
}

test('metadata set merges, delete removes each key; limits and a missing key are clear', async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  const all = await m.serverMetadata.set(SAMPLE_SERVER_ID, { role: 'db', tier: '2' });
  assert.deepEqual(only(fx, 'POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/metadata`).json, { metadata: { role: 'db', tier: '2' } });
  assert.deepEqual(all, { 'My Server Name': 'Apache1', role: 'db', tier: '2' });
  assert.deepEqual((await m.servers.get(SAMPLE_SERVER_ID)).metadata, all, 'the server shows it');
  await m.serverMetadata.delete(SAMPLE_SERVER_ID, ['role', 'tier']);
  assert.deepEqual(
    fx.find('DELETE', /\/metadata\//).map((r) => r.path.split('/').pop()),
    ['role', 'tier'],
  );
  assert.deepEqual(await m.serverMetadata.list(SAMPLE_SERVER_ID), { 'My Server Name': 'Apache1' });
  // Keys with spaces and slashes travel encoded.
  await m.serverMetadata.set(SAMPLE_SERVER_ID, { 'a b': 'x' });
  await m.serverMetadata.delete(SAMPLE_SERVER_ID, ['a b']);
  assert.equal(fx.last('DELETE', /\/metadata\//)!.path, `/v2.1/servers/${SAMPLE_SERVER_ID}/metadata/a%20b`);
  await assert.rejects(
    m.serverMetadata.delete(SAMPLE_SERVER_ID, ['My Server Name', 'ghost']),
    (e: unknown) =>
      e instanceof ApiError && e.status === 404 && /Metadata item was not found \(already deleted: My Server Name\)/.test(e.message),
  );
  await assert.rejects(
    m.serverMetadata.set(SAMPLE_SERVER_ID, { k: 'v'.repeat(256) }),
    field('metadata', /value of 'k' must be a string of at most 255/),
  );
  await assert.rejects(m.serverMetadata.set(SAMPLE_SERVER_ID, {}), field('metadata', /at least one/));
  // Over the cloud's metadata_items quota: Nova's 403.
  fx.quotas.metadata_items = 2;
  await assert.rejects(
    m.serverMetadata.set(SAMPLE_SERVER_ID, { a: '1', b: '2', c: '3' }),
    (e: unknown) => e instanceof ApiError && e.status === 403 && /Maximum number of metadata items exceeds 2/.test(e.message),
  );
});

for (const mv of ['2.25', '2.26', '2.93']) {
  test(`tags at ${mv}`, async (t) => {
    const { fx, m } = await managedCloud(t, mv);
    if (mv === '2.25') {
      await assert.rejects(
        m.serverTags.add(SAMPLE_SERVER_ID, 'prod'),
        field('tags', /^The server tags API needs compute API version 2\.26 or later \(in use: 2\.25\)\.$/),
      );
      assert.equal(fx.requests.filter((r) => r.path.includes('/tags')).length, 0);
      return;
    }
    assert.equal(await m.serverTags.add(SAMPLE_SERVER_ID, 'prod'), true);
    assert.equal(await m.serverTags.add(SAMPLE_SERVER_ID, 'prod'), false, 'already there: 204');
    await m.serverTags.add(SAMPLE_SERVER_ID, 'db tier');
    assert.equal(fx.last('PUT', /\/tags\//)!.path, `/v2.1/servers/${SAMPLE_SERVER_ID}/tags/db%20tier`);
    assert.deepEqual(await m.serverTags.list(SAMPLE_SERVER_ID), ['prod', 'db tier']);
    assert.deepEqual((await m.servers.get(SAMPLE_SERVER_ID)).tags, ['prod', 'db tier'], 'the server body carries them from 2.26');
    await m.serverTags.delete(SAMPLE_SERVER_ID, 'prod');
    assert.deepEqual(await m.serverTags.list(SAMPLE_SERVER_ID), ['db tier']);
    await assert.rejects(
      m.serverTags.delete(SAMPLE_SERVER_ID, 'prod'),
      (e: unknown) => e instanceof ApiError && e.status === 404 && /Instance [0-9a-f-]{36} has no tag 'prod'/.test(e.message),
    );
    assert.deepEqual(await m.serverTags.set(SAMPLE_SERVER_ID, ['a', 'b']), ['a', 'b']);
    await m.serverTags.clear(SAMPLE_SERVER_ID);
    assert.deepEqual(await m.serverTags.list(SAMPLE_SERVER_ID), []);
    const before = fx.requests.length;
    await assert.rejects(m.serverTags.add(SAMPLE_SERVER_ID, 'a/b'), field('tag', /must not contain '\/' or ','/));
    await assert.rejects(m.serverTags.add(SAMPLE_SERVER_ID, 'x'.repeat(61)), field('tag', /1 to 60 characters/));
    await assert.rejects(
      m.serverTags.set(
        SAMPLE_SERVER_ID,
        Array.from({ length: 51 }, (_, i) => `t${i}`),
      ),
      field('tags', /at most 50/),
    );
    assert.equal(fx.requests.length, before, 'refused before sending');
  });
}

test("security groups of a server: add by name, list, remove; Nova's refusals pass through", async (t) => {
  const { fx, m } = await managedCloud(t, '2.93');
  assert.deepEqual(
    (await m.serverSecurityGroups.list(SAMPLE_SERVER_ID)).map((g) => g.name),
    ['default'],
  );
  await m.serverSecurityGroups.add(SAMPLE_SERVER_ID, 'web');
  assert.deepEqual(fx.last('POST', /\/action$/)!.json, { addSecurityGroup: { name: 'web' } });
  const groups = await m.serverSecurityGroups.list(SAMPLE_SERVER_ID);
  assert.deepEqual(
    groups.map((g) => [g.name, g.id]),
    [
      ['default', '4e469db4-3b60-43c7-8dfa-2c60e2f27075'],
      ['web', WEB_SECGROUP_ID],
    ],
  );
  assert.deepEqual((await m.servers.get(SAMPLE_SERVER_ID)).securityGroups, ['default', 'web']);
  await assert.rejects(
    m.serverSecurityGroups.add(SAMPLE_SERVER_ID, 'web'),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /already associated/.test(e.message),
  );
  await assert.rejects(m.serverSecurityGroups.add(SAMPLE_SERVER_ID, 'nope'), (e: unknown) => e instanceof ApiError && e.status === 404);
  await m.serverSecurityGroups.remove(SAMPLE_SERVER_ID, 'web');
  assert.deepEqual(fx.last('POST', /\/action$/)!.json, { removeSecurityGroup: { name: 'web' } });
  await assert.rejects(
    m.serverSecurityGroups.remove(SAMPLE_SERVER_ID, 'web'),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /not associated/.test(e.message),
  );
  await assert.rejects(m.serverSecurityGroups.add(SAMPLE_SERVER_ID, ' '), field('group', /required/));
  // A server without ports has no groups and cannot take one (what the local cloud answers too).
  const portless = '0e44cc9c-e052-415d-afbf-469b0d384170';
  assert.deepEqual(await m.serverSecurityGroups.list(portless), []);
  await assert.rejects(
    m.serverSecurityGroups.add(portless, 'web'),
    (e: unknown) =>
      e instanceof ApiError && e.status === 404 && e.message === `instance_id ${portless} could not be found as device id on any ports`,
  );
});

for (const mv of ['2.1', '2.49', '2.70']) {
  test(`interfaces at ${mv}: list, attach a port and a network, detach; a tag from 2.49, shown from 2.70`, async (t) => {
    const { fx, m } = await managedCloud(t, mv);
    const first = await m.interfaces.list(SAMPLE_SERVER_ID);
    assert.deepEqual(
      first.map((i) => [i.portId, i.fixedIps[0]!.ipAddress]),
      [['ce531f90-199f-48c0-816c-13e38010b442', '192.168.1.30']],
    );
    assert.equal('tag' in first[0]!, mv === '2.70', 'the tag field exists from 2.70');
    const byPort = await m.interfaces.attach(SAMPLE_SERVER_ID, { portId: FREE_PORT });
    assert.deepEqual(fx.last('POST', /\/os-interface$/)!.json, { interfaceAttachment: { port_id: FREE_PORT } });
    assert.equal(byPort.portState, 'ACTIVE');
    if (mv === '2.1') {
      await assert.rejects(
        m.interfaces.attach(SAMPLE_SERVER_ID, { networkId: PRIVATE_NET_ID, tag: 'x' }),
        field('tag', /A device tag needs compute API version 2\.49/),
      );
    }
    const byNet = await m.interfaces.attach(SAMPLE_SERVER_ID, {
      networkId: PRIVATE_NET_ID,
      fixedIp: '192.168.1.77',
      ...(mv === '2.1' ? {} : { tag: 'data' }),
    });
    assert.deepEqual(fx.last('POST', /\/os-interface$/)!.json, {
      interfaceAttachment: {
        net_id: PRIVATE_NET_ID,
        fixed_ips: [{ ip_address: '192.168.1.77' }],
        ...(mv === '2.1' ? {} : { tag: 'data' }),
      },
    });
    assert.equal(byNet.fixedIps[0]!.ipAddress, '192.168.1.77');
    if (mv === '2.70') assert.equal(byNet.tag, 'data');
    assert.equal((await m.interfaces.list(SAMPLE_SERVER_ID)).length, 3);
    assert.deepEqual(
      (await m.ports.forServer(SAMPLE_SERVER_ID)).map((p) => p.id).sort(),
      [byNet.portId, byPort.portId, 'ce531f90-199f-48c0-816c-13e38010b442'].sort(),
      'Neutron sees the same ports',
    );
    await m.interfaces.detach(SAMPLE_SERVER_ID, byNet.portId);
    await m.interfaces.detach(SAMPLE_SERVER_ID, FREE_PORT);
    assert.ok(!fx.ports.some((p) => p.id === byNet.portId), 'the port Nova made is deleted');
    assert.equal(fx.ports.find((p) => p.id === FREE_PORT)!.deviceId, '', 'the given port is only unbound');
    // A port that is not there: Zed's API accepts it all the same (its compute host fails the
    // action later); the command looks first (cli-server-parts).
    await m.interfaces.detach(SAMPLE_SERVER_ID, FREE_PORT);
    assert.equal(fx.ports.find((p) => p.id === FREE_PORT)!.deviceId, '', 'nothing changed');
    await assert.rejects(
      m.interfaces.attach(SAMPLE_SERVER_ID, { portId: FREE_PORT, networkId: PRIVATE_NET_ID }),
      field('portId', /cannot both be given/),
    );
    await assert.rejects(m.interfaces.attach(SAMPLE_SERVER_ID, { fixedIp: '10.0.0.1' }), field('networkId', /or a port is required/));
    // Attaching a port in use is Nova's 409.
    await assert.rejects(
      m.interfaces.attach(WEB_ID, { portId: 'ce531f90-199f-48c0-816c-13e38010b442' }),
      (e: unknown) => e instanceof ApiError && e.status === 409 && /still in use/.test(e.message),
    );
  });
}

for (const mv of ['2.5', '2.6', '2.93']) {
  test(`remote console at ${mv}: ${mv === '2.5' ? 'the os-get*Console actions' : 'POST /servers/{id}/remote-consoles'}`, async (t) => {
    const { fx, m } = await managedCloud(t, mv);
    const vnc = await m.consoles.create(SAMPLE_SERVER_ID, 'novnc');
    assert.equal(vnc.protocol, 'vnc');
    assert.match(vnc.url, /^http:\/\/example\.com:6080\/vnc_auto\.html\?path=%3Ftoken%3D[0-9a-f-]{36}$|^http:\/\/127\.0\.0\.1:6080\//);
    const serial = await m.consoles.create(SAMPLE_SERVER_ID, 'serial');
    assert.match(serial.url, /^ws:\/\/127\.0\.0\.1:6083\/\?token=[0-9a-f-]{36}$/);
    const spice = await m.consoles.create(SAMPLE_SERVER_ID, 'spice');
    assert.equal(spice.type, 'spice-html5');
    if (mv === '2.5') {
      assert.deepEqual(fx.actions('os-getVNCConsole')[0]!.json, { 'os-getVNCConsole': { type: 'novnc' } });
      assert.deepEqual(fx.actions('os-getSPICEConsole')[0]!.json, { 'os-getSPICEConsole': { type: 'spice-html5' } });
    } else {
      assert.deepEqual(
        fx.find('POST', /\/remote-consoles$/).map((r) => r.json),
        [
          { remote_console: { protocol: 'vnc', type: 'novnc' } },
          { remote_console: { protocol: 'serial', type: 'serial' } },
          { remote_console: { protocol: 'spice', type: 'spice-html5' } },
        ],
      );
    }
    assert.notEqual((await m.consoles.create(SAMPLE_SERVER_ID, 'novnc')).url, vnc.url, 'a fresh token each time');
    await assert.rejects(m.consoles.create(SAMPLE_SERVER_ID, 'telnet'), field('type', /'telnet' is not a console type/));
    // Not running: Nova's 409.
    await assert.rejects(
      m.consoles.create('0e44cc9c-e052-415d-afbf-469b0d384170', 'novnc'),
      (e: unknown) => e instanceof ApiError && e.status === 409 && /is not ready/.test(e.message),
    );
  });
}

test('a cloud without a console proxy answers "Unavailable console type" (as the local cloud does)', async (t) => {
  const { m } = await managedCloud(t, '2.93', { consoleTypes: [] });
  await assert.rejects(
    m.consoles.create(SAMPLE_SERVER_ID, 'novnc'),
    (e: unknown) => e instanceof ApiError && e.status === 400 && e.message === 'Unavailable console type novnc.',
  );
});

for (const mv of ['2.1', '2.51', '2.62', '2.84']) {
  test(`instance action with events at ${mv}: tracebacks for admins only${mv === '2.1' ? '; no events at all for members before 2.51' : ''}`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    const failed = fx.logAction(SAMPLE_SERVER_ID, 'reboot', { failed: 'libvirtError: internal error', message: 'Error' });
    const admin = await as(ADMIN).servers.instanceAction(SAMPLE_SERVER_ID, failed);
    assert.equal(only(fx, 'GET', `/v2.1/servers/${SAMPLE_SERVER_ID}/os-instance-actions/${failed}`).status, 200);
    assert.equal(admin.action, 'reboot');
    assert.equal(admin.message, 'Error');
    assert.equal(admin.events![0]!.result, 'Error');
    assert.match(admin.events![0]!.traceback ?? '', /^Traceback \(most recent call last\):[\s\S]*libvirtError: internal error/);
    assert.equal(admin.events![0]!.host, Number(mv.split('.')[1]) >= 62 ? 'compute1' : undefined, 'the host from 2.62');
    assert.equal(admin.events![0]!.details, mv === '2.84' ? 'libvirtError: internal error' : undefined, 'details from 2.84');
    const member = await m.servers.instanceAction(SAMPLE_SERVER_ID, failed);
    if (mv === '2.1') assert.equal(member.events, undefined);
    else {
      assert.equal(member.events![0]!.result, 'Error');
      assert.equal(member.events![0]!.traceback, undefined, 'no traceback for a member');
      assert.equal(member.events![0]!.host, undefined);
    }
    await assert.rejects(
      m.servers.instanceAction(SAMPLE_SERVER_ID, 'req-00000000-0000-0000-0000-000000000000'),
      (e: unknown) =>
        e instanceof ApiError && e.status === 404 && /Action for request_id req-0+-0000-0000-0000-0+ on instance/.test(e.message),
    );
    await assert.rejects(m.servers.instanceAction(SAMPLE_SERVER_ID, ' '), field('requestId', /required/));
  });
}
