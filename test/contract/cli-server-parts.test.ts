/**
 * The one-shot commands for what hangs off a server, against the fixture cloud: metadata, rename
 * and description, tags, security groups, interfaces and floating IPs. For each: the request sent,
 * the table and -f json (typed values), Nova's (or Neutron's) refusal with its request id and a
 * non-zero exit, bad input refused before anything is sent, and --read-only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS } from '../../src/commands/table.js';
import { cloud } from '../support/cloud.js';
import { PRIVATE_NET_ID, PUBLIC_NET_ID, WEB_SECGROUP_ID } from '../support/fixtureServer.js';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { parseCsv } from '../support/csv.js';
import { type RunResult, hasStack, parseBoxTable } from '../support/run.js';
import { parse as parseYaml } from 'yaml';

const VM = 'new-server-test';
const PORT = 'ce531f90-199f-48c0-816c-13e38010b442';
const FREE_PORT = '0d2e4f6a-8b0c-4d2e-9f4a-6b8c0d2e4f6a';
const SEEDED_FIP = '172.24.4.228';
const PORTLESS = 'stopped-vm';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

// -f json documents are read field by field: their shape is what each test asserts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json<T = any>(r: RunResult): T {
  return JSON.parse(ok(r).stdout) as T;
}

/** A usage error: exit 2, the message on stderr, no stack. */
function usage(r: RunResult, message: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.equal(r.stdout, '');
  assert.ok(!hasStack(r.stderr));
}

/** The cloud said no: exit 1, its message and the request id on stderr. */
function refused(r: RunResult, message: RegExp, status: number): void {
  assert.equal(r.code, 1, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.match(r.stderr, new RegExp(`\\(HTTP ${status}, request req-[0-9a-f-]{36}\\)`));
  assert.ok(!hasStack(r.stderr));
}

/** Requests that change something (anything but GET and the login). */
function changes(fx: { requests: Array<{ method: string; path: string }> }): string[] {
  return fx.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/auth/tokens').map((r) => `${r.method} ${r.path}`);
}

test('meta set merges keys, meta delete removes them; -f json holds the whole metadata', async (t) => {
  const { fx, run } = await cloud(t);
  const set = ok(await run('meta', VM, 'set', 'role=web', 'tier=2', 'note=two words'));
  assert.equal(set.stdout, `Metadata of server ${VM}: set role, tier, note.\n`);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/metadata`)!.json, {
    metadata: { role: 'web', tier: '2', note: 'two words' },
  });
  const doc = json(await run('meta', VM, 'set', 'empty=', '-f', 'json'));
  assert.deepEqual(doc.data, {
    id: SAMPLE_SERVER_ID,
    metadata: { 'My Server Name': 'Apache1', role: 'web', tier: '2', note: 'two words', empty: '' },
  });
  assert.equal(typeof doc.data.metadata.tier, 'string', "metadata values are strings in Nova: '2' stays '2'");
  // novaclient's habit: `delete key=value` deletes key.
  ok(await run('meta', VM, 'delete', 'tier', 'note=whatever', 'empty'));
  assert.deepEqual(
    fx.find('DELETE', /\/metadata\//).map((r) => decodeURIComponent(r.path.split('/').pop()!)),
    ['tier', 'note', 'empty'],
  );
  const show = json(await run('show', VM, '-f', 'json'));
  assert.deepEqual(show.metadata, { 'My Server Name': 'Apache1', role: 'web' });
  // A key the server does not have: Nova's 404, with what was already deleted.
  refused(await run('meta', VM, 'delete', 'role', 'ghost'), /^ERROR.*Metadata item was not found \(already deleted: role\)/, 404);
});

test('meta: bad input names what is wrong and sends nothing', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('list'));
  fx.clearRequests();
  usage(await run('meta', VM, 'put', 'a=1'), /the action must be 'set' or 'delete' \(got 'put'\)/);
  usage(await run('meta', VM, 'set', 'role'), /Metadata 'role' is not of the form key=value\./);
  usage(await run('meta', VM, 'set', '=x'), /Metadata '=x' is not of the form key=value\./);
  usage(
    await run('meta', VM, 'set', 'a/b=1'),
    /Metadata key 'a\/b' is not allowed: Nova takes 1 to 255 letters, digits, spaces and the characters - _ : \. only\./,
  );
  usage(await run('meta', VM, 'set', `k=${'v'.repeat(256)}`), /Metadata value of 'k' is 256 characters long; at most 255 are allowed\./);
  usage(await run('meta', VM, 'delete', 'a/b'), /Metadata key 'a\/b' is not allowed/);
  usage(await run('meta', VM, 'set'), /missing <metadata>/);
  assert.deepEqual(fx.requests, []);
  // Over the metadata quota: Nova's 403.
  fx.quotas.metadata_items = 1;
  refused(await run('meta', VM, 'set', 'a=1'), /Maximum number of metadata items exceeds 1/, 403);
});

for (const mv of ['2.1', '2.19']) {
  test(`rename and server-set at ${mv}: PUT /servers/{id}; the description needs 2.19`, async (t) => {
    const { fx, run } = await cloud(t);
    const v = ['--os-compute-api-version', mv];
    const r = ok(await run(...v, 'rename', VM, 'web-01'));
    assert.equal(r.stdout, `Server ${VM}: renamed to web-01.\n`);
    assert.deepEqual(fx.last('PUT', `/v2.1/servers/${SAMPLE_SERVER_ID}`)!.json, { server: { name: 'web-01' } });
    assert.equal(json(await run(...v, 'show', 'web-01', '-f', 'json')).id, SAMPLE_SERVER_ID, 'the new name resolves');
    const puts = () => fx.count('PUT', `/v2.1/servers/${SAMPLE_SERVER_ID}`);
    if (mv === '2.1') {
      usage(
        await run(...v, 'server-set', 'web-01', '--description', 'front'),
        /^ERROR: --description needs compute API version 2\.19 or later \(in use: 2\.1\)\.$/m,
      );
      assert.equal(puts(), 1, 'nothing sent');
      return;
    }
    const doc = json(await run(...v, 'server-set', 'web-01', '--description', 'front end', '--name', 'web-02', '-f', 'json'));
    assert.deepEqual(fx.last('PUT', `/v2.1/servers/${SAMPLE_SERVER_ID}`)!.json, { server: { name: 'web-02', description: 'front end' } });
    assert.equal(doc.message, 'Server web-01: name web-02, description set.');
    assert.equal(doc.data.description, 'front end');
    assert.equal(doc.data.name, 'web-02');
    // '' removes the description (novaclient's rule): null, not "".
    const removed = json(await run(...v, 'server-set', 'web-02', '--description', '', '-f', 'json'));
    assert.deepEqual(fx.last('PUT', `/v2.1/servers/${SAMPLE_SERVER_ID}`)!.json, { server: { description: null } });
    assert.equal(removed.data.description, null);
    assert.equal(puts(), 3);
    usage(await run(...v, 'server-set', 'web-02'), /give --name NAME and\/or --description TEXT; there is nothing to change/);
    usage(await run(...v, 'server-set', 'web-02', '--description', 'bad\u0007bell'), /--description holds a control character \(code 7\)/);
    usage(await run(...v, 'server-set', 'web-02', '--name', ' padded'), /--name must not start or end with a space/);
    usage(await run(...v, 'rename', 'web-02', 'x'.repeat(256)), /The new name is 256 characters long; at most 255 are allowed\./);
    usage(await run(...v, 'rename', 'web-02', 'tab\there'), /The new name contains a tab \(U\+0009\)/);
    usage(await run(...v, 'rename', 'web-02', 'rocket 🚀'), /beyond U\+FFFF/);
    assert.equal(puts(), 3, 'bad names are never sent');
    // A locked server: Nova's 409.
    fx.serverById(SAMPLE_SERVER_ID)!.locked = true;
    refused(await run(...v, 'rename', 'web-02', 'web-03'), /^ERROR.*Instance f5dc173b-6804-445a-a6d8-c705dad5b5eb is locked/, 409);
  });
}

for (const mv of ['2.25', '2.26']) {
  test(`server tags at ${mv}`, async (t) => {
    const { fx, run } = await cloud(t);
    const v = ['--os-compute-api-version', mv];
    if (mv === '2.25') {
      usage(
        await run(...v, 'server-tag-add', VM, 'prod'),
        /The server tags API needs compute API version 2\.26 or later \(in use: 2\.25\)\./,
      );
      usage(await run(...v, 'server-tag-list', VM), /needs compute API version 2\.26/);
      assert.equal(fx.requests.filter((r) => r.path.includes('/tags')).length, 0);
      return;
    }
    assert.equal(ok(await run(...v, 'server-tag-add', VM, 'prod', 'db tier')).stdout, `Tags of server ${VM}: added prod, db tier.\n`);
    assert.deepEqual(
      fx.find('PUT', /\/tags\//).map((r) => r.path.split('/tags/')[1]),
      ['prod', 'db%20tier'],
    );
    const again = json(await run(...v, 'server-tag-add', VM, 'prod', 'web', '-f', 'json'));
    assert.equal(again.message, `Tags of server ${VM}: added web; prod was there already.`);
    assert.deepEqual(again.data, { id: SAMPLE_SERVER_ID, tags: ['prod', 'db tier', 'web'] });
    const table = parseBoxTable(ok(await run(...v, 'server-tag-list', VM)).stdout);
    assert.deepEqual(table, [['Tag'], ['prod'], ['db tier'], ['web']]);
    assert.deepEqual(json(await run(...v, 'server-tag-list', VM, '-f', 'json')), [{ Tag: 'prod' }, { Tag: 'db tier' }, { Tag: 'web' }]);
    assert.deepEqual(json(await run(...v, 'show', VM, '-f', 'json')).tags, ['prod', 'db tier', 'web']);
    ok(await run(...v, 'server-tag-delete', VM, 'prod'));
    assert.equal(fx.last('DELETE', /\/tags\//)!.path, `/v2.1/servers/${SAMPLE_SERVER_ID}/tags/prod`);
    refused(
      await run(...v, 'server-tag-delete', VM, 'web', 'prod'),
      /Instance [0-9a-f-]{36} has no tag 'prod'.* \(already deleted: web\)/,
      404,
    );
    ok(await run(...v, 'server-tag-delete-all', VM));
    assert.equal(fx.last('DELETE', `/v2.1/servers/${SAMPLE_SERVER_ID}/tags`)!.status, 204);
    assert.deepEqual(json(await run(...v, 'server-tag-list', VM, '-f', 'json')), []);
    // Bad tags: refused before any is sent (the good one before it too).
    fx.clearRequests();
    usage(await run(...v, 'server-tag-add', VM, 'ok', 'a/b'), /Tag 'a\/b' must not contain '\/' or ','/);
    usage(await run(...v, 'server-tag-add', VM, 'x'.repeat(61)), /must be 1 to 60 characters long/);
    usage(await run(...v, 'server-tag-delete', VM, 'a,b'), /must not contain/);
    usage(
      await run(...v, 'server-tag-add', VM, ...Array.from({ length: 51 }, (_, i) => `t${i}`)),
      /51 tags given; a server holds at most 50\./,
    );
    assert.deepEqual(changes(fx), []);
  });
}

test("a server's security groups: list-secgroup, add-secgroup, remove-secgroup; Nova's refusals", async (t) => {
  const { fx, run } = await cloud(t);
  assert.deepEqual(parseBoxTable(ok(await run('list-secgroup', VM)).stdout), [
    ['ID', 'Name', 'Description'],
    ['4e469db4-3b60-43c7-8dfa-2c60e2f27075', 'default', 'Default security group'],
  ]);
  assert.equal(ok(await run('add-secgroup', VM, 'web')).stdout, `Security group web added to server ${VM}.\n`);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/action`)!.json, { addSecurityGroup: { name: 'web' } });
  assert.deepEqual(json(await run('list-secgroup', VM, '-f', 'json')), [
    { ID: '4e469db4-3b60-43c7-8dfa-2c60e2f27075', Name: 'default', Description: 'Default security group' },
    { ID: WEB_SECGROUP_ID, Name: 'web', Description: 'HTTP and HTTPS in' },
  ]);
  // Nova lists a group once per port that has it: with a second port, each is still shown once.
  ok(await run('interface-attach', VM, '--port-id', FREE_PORT));
  assert.deepEqual(
    json(await run('list-secgroup', VM, '-f', 'json')).map((g: { Name: string }) => g.Name),
    ['default', 'web'],
  );
  refused(await run('add-secgroup', VM, 'web'), /Security group web is already associated with the instance/, 400);
  refused(await run('add-secgroup', VM, 'nope'), /^ERROR/, 404);
  const removed = json(await run('remove-secgroup', VM, 'web', '-f', 'json'));
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/action`)!.json, { removeSecurityGroup: { name: 'web' } });
  assert.deepEqual(
    removed.data.security_groups.map((g: { name: string }) => g.name),
    ['default'],
  );
  // A server without ports has none and cannot take one (what the local cloud answers too).
  assert.equal(ok(await run('list-secgroup', PORTLESS)).stdout, '');
  refused(await run('add-secgroup', PORTLESS, 'web'), /could not be found as device id on any ports/, 404);
  const before = fx.requests.length;
  usage(await run('add-secgroup', VM, ' '), /the security group name or ID must not be empty/);
  assert.equal(fx.requests.length, before);
});

for (const mv of ['2.1', '2.70']) {
  test(`interfaces at ${mv}: list, attach a port or a network, detach; the tag column from 2.70`, async (t) => {
    const { fx, run } = await cloud(t);
    const v = ['--os-compute-api-version', mv];
    const table = parseBoxTable(ok(await run(...v, 'interface-list', VM)).stdout);
    assert.deepEqual(table[0], ['Port State', 'Port ID', 'Net ID', 'IP addresses', 'MAC Addr', ...(mv === '2.70' ? ['Tag'] : [])]);
    assert.deepEqual(table[1]!.slice(0, 5), ['ACTIVE', PORT, PRIVATE_NET_ID, '192.168.1.30', 'fa:16:3e:4c:2c:30']);
    const listed = json(await run(...v, 'interface-list', VM, '-f', 'json'));
    assert.deepEqual(listed[0]['IP addresses'], ['192.168.1.30'], 'addresses as a list');
    if (mv === '2.70') assert.equal(listed[0].Tag, null, 'no tag is null');
    const byPort = json(await run(...v, 'interface-attach', VM, '--port-id', FREE_PORT, '-f', 'json'));
    assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/os-interface`)!.json, {
      interfaceAttachment: { port_id: FREE_PORT },
    });
    assert.equal(byPort.port_id, FREE_PORT);
    assert.equal(byPort.port_state, 'ACTIVE');
    // A network by name; the tag needs 2.49.
    const tag = mv === '2.70' ? ['--tag', 'data'] : [];
    const byNet = json(await run(...v, 'interface-attach', VM, '--net-id', 'private', '--fixed-ip', '192.168.1.77', ...tag, '-f', 'json'));
    assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/os-interface`)!.json, {
      interfaceAttachment: {
        net_id: PRIVATE_NET_ID,
        fixed_ips: [{ ip_address: '192.168.1.77' }],
        ...(mv === '2.70' ? { tag: 'data' } : {}),
      },
    });
    assert.deepEqual(byNet.fixed_ips, [{ ip_address: '192.168.1.77', subnet_id: '54d6f61d-db07-451c-9ab3-b9609b6b6f0b' }]);
    if (mv === '2.70') assert.equal(byNet.tag, 'data');
    else usage(await run(...v, 'interface-attach', VM, '--net-id', PRIVATE_NET_ID, '--tag', 'x'), /--tag needs compute API version 2\.49/);
    assert.equal(json(await run(...v, 'interface-list', VM, '-f', 'json')).length, 3);
    // The same address again: Nova's 409.
    refused(
      await run(...v, 'interface-attach', VM, '--net-id', PRIVATE_NET_ID, '--fixed-ip', '192.168.1.77'),
      /Fixed IP 192\.168\.1\.77 is already in use\./,
      409,
    );

    assert.equal(ok(await run(...v, 'interface-detach', VM, byNet.port_id)).stdout, `Port ${byNet.port_id} detached from server ${VM}.\n`);
    assert.equal(fx.last('DELETE', /\/os-interface\//)!.path, `/v2.1/servers/${SAMPLE_SERVER_ID}/os-interface/${byNet.port_id}`);
    ok(await run(...v, 'interface-detach', VM, FREE_PORT));
    // Nova would take it (202) and fail it later on the compute host: named here, nothing sent.
    const deletes = fx.count('DELETE', /\/os-interface\//);
    usage(
      await run(...v, 'interface-detach', VM, FREE_PORT),
      new RegExp(`port ${FREE_PORT} is not attached to server ${VM} \\(its ports: ${PORT}\\)`),
    );
    assert.equal(fx.count('DELETE', /\/os-interface\//), deletes, 'no DELETE sent');
    fx.clearRequests();
    usage(
      await run(...v, 'interface-attach', VM, '--port-id', FREE_PORT, '--net-id', PRIVATE_NET_ID),
      /give --port-id or --net-id, not both/,
    );
    usage(await run(...v, 'interface-attach', VM), /--port-id PORT_ID or --net-id NETWORK is required/);
    usage(await run(...v, 'interface-attach', VM, '--port-id', FREE_PORT, '--fixed-ip', '10.0.0.1'), /--fixed-ip needs --net-id/);
    usage(
      await run(...v, 'interface-attach', VM, '--net-id', PRIVATE_NET_ID, '--fixed-ip', '10.0.0.300'),
      /--fixed-ip '10\.0\.0\.300' is not an IP address/,
    );
    usage(await run(...v, 'interface-attach', VM, '--port-id', 'eth0'), /--port-id 'eth0' is not a port ID: a port ID is a UUID/);
    usage(await run(...v, 'interface-detach', VM, 'eth0'), /<port-id> 'eth0' is not a port ID/);
    assert.deepEqual(fx.requests, [], 'nothing sent, not even a lookup');
  });
}

test('floating IPs: list, create on the one external network, add to a server, remove, delete', async (t) => {
  const { fx, run } = await cloud(t);
  const first = json(await run('floating-ip-list', '-f', 'json'));
  assert.deepEqual(first, [
    {
      ID: '2f245a7b-796b-4f26-9cf9-9e82d248fda7',
      'Floating IP Address': SEEDED_FIP,
      'Fixed IP Address': null,
      Port: null,
      'Floating Network': PUBLIC_NET_ID,
      Project: fx.project.id,
    },
  ]);
  // The same typed values in csv and yaml: nothing is null there, not "" or "None".
  assert.deepEqual(parseCsv(ok(await run('floating-ip-list', '-f', 'csv')).stdout)[1], [
    '2f245a7b-796b-4f26-9cf9-9e82d248fda7',
    SEEDED_FIP,
    null,
    null,
    PUBLIC_NET_ID,
    fx.project.id,
  ]);
  assert.deepEqual(parseYaml(ok(await run('floating-ip-list', '-f', 'yaml')).stdout), first);
  // No network named: the only external one.
  const made = json(await run('floating-ip-create', '-f', 'json'));
  assert.deepEqual(fx.last('POST', '/network/v2.0/floatingips')!.json, { floatingip: { floating_network_id: PUBLIC_NET_ID } });
  assert.equal(made.floating_network_id, PUBLIC_NET_ID);
  assert.equal(made.port_id, null);
  assert.equal(made.status, 'DOWN');
  const named = json(await run('floating-ip-create', 'public', '--floating-ip-address', '172.24.4.50', '-f', 'json'));
  assert.equal(named.floating_ip_address, '172.24.4.50');
  refused(await run('floating-ip-create', 'private'), /is not a valid external network/, 400);
  refused(await run('floating-ip-create', 'public', '--floating-ip-address', '172.24.4.50'), /^ERROR/, 409);
  assert.equal(fx.count('POST', '/network/v2.0/floatingips'), 4, 'each create sent once');

  const added = json(await run('add-floating-ip', VM, made.floating_ip_address, '-f', 'json'));
  assert.equal(added.message, `Floating IP ${made.floating_ip_address} added to server ${VM} (on 192.168.1.30).`);
  assert.deepEqual(fx.last('PUT', `/network/v2.0/floatingips/${made.id}`)!.json, { floatingip: { port_id: PORT } });
  assert.equal(added.data.fixed_ip_address, '192.168.1.30');
  const row = json(await run('floating-ip-list', '--port', PORT, '-f', 'json'));
  assert.deepEqual(
    row.map((f: Record<string, unknown>) => [f['Floating IP Address'], f['Fixed IP Address'], f.Port]),
    [[made.floating_ip_address, '192.168.1.30', PORT]],
  );
  assert.equal(fx.last('GET', '/network/v2.0/floatingips')!.query.port_id, PORT);
  // The same fixed IP cannot take a second one: Neutron's 409.
  refused(await run('add-floating-ip', VM, SEEDED_FIP), /already has a floating IP/, 409);
  usage(await run('add-floating-ip', PORTLESS, SEEDED_FIP), /The server has no ports to associate the floating IP with/);
  usage(
    await run('remove-floating-ip', 'Web Server 1', made.floating_ip_address),
    new RegExp(`The floating IP ${made.floating_ip_address} is not associated with this server`),
  );
  const removed = json(await run('remove-floating-ip', VM, made.floating_ip_address, '-f', 'json'));
  assert.deepEqual(fx.last('PUT', `/network/v2.0/floatingips/${made.id}`)!.json, { floatingip: { port_id: null } });
  assert.equal(removed.data.port_id, null);
  // With --fixed-address: the port holding it; one the server does not have is named with the ones it has.
  ok(await run('add-floating-ip', VM, SEEDED_FIP, '--fixed-address', '192.168.1.30'));
  assert.deepEqual(fx.last('PUT', /\/floatingips\//)!.json, { floatingip: { port_id: PORT, fixed_ip_address: '192.168.1.30' } });
  ok(await run('remove-floating-ip', VM, SEEDED_FIP));
  usage(
    await run('add-floating-ip', VM, SEEDED_FIP, '--fixed-address', '10.1.1.1'),
    /--fixed-address 10\.1\.1\.1 is not an address of the server's ports \(192\.168\.1\.30\)/,
  );
  const deleted = ok(await run('floating-ip-delete', made.floating_ip_address, named.id));
  assert.equal(deleted.stdout, `Floating IP ${made.floating_ip_address} deleted.\nFloating IP 172.24.4.50 deleted.\n`);
  assert.deepEqual(
    fx.find('DELETE', /\/floatingips\//).map((r) => r.path.split('/').pop()),
    [made.id, named.id],
  );
  // One that does not exist: the others are still deleted, the exit says it failed.
  const partly = await run('floating-ip-delete', '172.24.4.99', SEEDED_FIP);
  assert.equal(partly.code, 1);
  assert.match(
    partly.stderr,
    /Cannot delete floating IP '172\.24\.4\.99': No floating IP with an address or ID of '172\.24\.4\.99' exists\./,
  );
  assert.equal(partly.stdout, `Floating IP ${SEEDED_FIP} deleted.\n`);
  assert.deepEqual(json(await run('floating-ip-list', '-f', 'json')), []);
  fx.clearRequests();
  usage(await run('floating-ip-create', '--floating-ip-address', 'nine'), /--floating-ip-address 'nine' is not an IP address/);
  usage(
    await run('add-floating-ip', VM, SEEDED_FIP, '--fixed-address', '300.1.1.1'),
    /--fixed-address '300\.1\.1\.1' is not an IP address/,
  );
  usage(await run('floating-ip-list', '--port', 'eth0'), /--port 'eth0' is not a port ID/);
  assert.deepEqual(fx.requests, []);
});

test('floating-ip-create without a network: none or several external networks are named, nothing is sent', async (t) => {
  const { fx, run } = await cloud(t);
  fx.networks.push({ ...fx.networks.find((n) => n.id === PUBLIC_NET_ID)!, id: 'c0ffee00-0000-4000-8000-000000000001', name: 'public2' });
  usage(await run('floating-ip-create'), /this cloud has 2 external networks \(public, public2\): name one\./);
  for (const n of fx.networks) n['router:external'] = false;
  usage(await run('floating-ip-create'), /this cloud has no external network to take a floating IP from/);
  assert.deepEqual(changes(fx), []);
});

test('a lost answer to a create is never sent again, and says where to look', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'POST', path: '/network/v2.0/floatingips', reset: true, afterHandling: true });
  const fip = await run('floating-ip-create', 'public');
  assert.equal(fip.code, 1);
  assert.match(fip.stderr, /may have allocated a floating IP; nothing was sent again: check with 'novash floating-ip-list'/);
  assert.equal(fx.count('POST', '/network/v2.0/floatingips'), 1);
  assert.equal(fx.floatingIps.length, 2, 'it was allocated: the answer alone was lost');
  fx.fail({ method: 'POST', path: /\/os-interface$/, reset: true, afterHandling: true });
  const att = await run('interface-attach', VM, '--net-id', PRIVATE_NET_ID);
  assert.equal(att.code, 1);
  assert.match(
    att.stderr,
    new RegExp(`may have attached an interface; nothing was sent again: check with 'novash interface-list ${SAMPLE_SERVER_ID}'`),
  );
  assert.equal(fx.count('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/os-interface`), 1);
  assert.ok(!hasStack(fip.stderr + att.stderr));
});

const MUTATING: string[][] = [
  ['meta', VM, 'set', 'a=1'],
  ['meta', VM, 'delete', 'My Server Name'],
  ['rename', VM, 'x'],
  ['server-set', VM, '--description', 'x'],
  ['server-tag-add', VM, 'x'],
  ['server-tag-delete', VM, 'x'],
  ['server-tag-delete-all', VM],
  ['add-secgroup', VM, 'web'],
  ['remove-secgroup', VM, 'default'],
  ['interface-attach', VM, '--port-id', FREE_PORT],
  ['interface-detach', VM, PORT],
  ['floating-ip-create', 'public'],
  ['floating-ip-delete', SEEDED_FIP],
  ['add-floating-ip', VM, SEEDED_FIP],
  ['remove-floating-ip', VM, SEEDED_FIP],
];

test('--read-only refuses every command that changes the cloud, before any request; the lists still work', async (t) => {
  const { fx, run } = await cloud(t);
  for (const argv of MUTATING) {
    usage(
      await run('--read-only', ...argv),
      new RegExp(`^ERROR: novash ${argv[0]} changes the cloud and --read-only is set; nothing was sent\\.\n$`),
    );
  }
  assert.deepEqual(fx.requests, []);
  for (const argv of [['server-tag-list', VM], ['list-secgroup', VM], ['interface-list', VM], ['floating-ip-list']])
    ok(await run('--read-only', ...argv));
  const byName = new Map(COMMANDS.map((c) => [c.name, c]));
  for (const argv of MUTATING) assert.equal(byName.get(argv[0]!)!.mutating, true, argv[0]);
  for (const name of ['server-tag-list', 'list-secgroup', 'interface-list', 'floating-ip-list'])
    assert.equal(byName.get(name)!.mutating, false);
});

test('completion: the server argument completes servers, the action set/delete, --net-id networks', async (t) => {
  const { fx, bin } = await cloud(t);
  ok(await bin('list'));
  ok(await bin('network-list'));
  fx.clearRequests();
  const complete = async (...words: string[]) =>
    ok(await bin('__complete', String(words.length - 1), ...words))
      .stdout.split('\n')
      .filter(Boolean);
  assert.deepEqual(await complete('meta', 'new-'), ['new-server-test']);
  assert.deepEqual(await complete('meta', VM, ''), ['set', 'delete']);
  assert.deepEqual(await complete('server-tag-add', 'stop'), ['stopped-vm']);
  assert.deepEqual(await complete('interface-attach', VM, '--net-id', 'pr'), ['private']);
  assert.deepEqual(await complete('floating-ip-create', 'pu'), ['public']);
  assert.deepEqual(await complete('add-floating-ip', 'Web'), ['Web Server 1']);
  assert.deepEqual(fx.requests, [], 'from the caches');
});
