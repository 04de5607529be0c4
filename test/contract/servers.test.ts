/** Server commands against the Nova samples: list/show across microversions, boot, delete, actions. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { CIRROS_ID, SAMPLE_SERVER_ID, UBUNTU_ID } from '../support/glanceImages.js';
import { type RunResult, cacheLines, hasStack, parseBoxTable, parseRecord } from '../support/run.js';

const WEB_ID = '9168b536-cd40-4630-b43f-b259807c6e87';
const STOPPED_ID = '0e44cc9c-e052-415d-afbf-469b0d384170';
const RESIZE_ID = '3cfb801c-f03c-45ce-834b-d097b34e9534';
const LIST_COLUMNS = ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks', 'Image', 'Flavor'];

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

// The same table whatever the response shape: flavor names come from a lookup before 2.47 and
// from the embedded flavor after; image names from one Glance request.
const EXPECTED_ROWS = [
  [SAMPLE_SERVER_ID, 'new-server-test', 'ACTIVE', '-', 'Running', 'private=192.168.1.30', 'cirros-0.6.2-x86_64-disk', 'm1.tiny'],
  [WEB_ID, 'Web Server 1', 'ACTIVE', '-', 'Running', 'private=192.168.1.30', 'cirros-0.6.2-x86_64-disk', 'm1.small'],
  [STOPPED_ID, 'stopped-vm', 'SHUTOFF', '-', 'Shutdown', 'private=192.168.1.30', 'cirros-0.6.2-x86_64-disk', 'm1.tiny'],
  [RESIZE_ID, 'resize-me', 'VERIFY_RESIZE', '-', 'Running', 'private=192.168.1.30', 'cirros-0.6.2-x86_64-disk', 'm1.small'],
];

for (const mv of ['2.1', '2.16', '2.47', '2.73', '2.96', '2.100']) {
  test(`list and show at ${mv}: table, json and value`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.100' });
    const pin = ['--os-compute-api-version', mv];
    const table = ok(await run(...pin, 'list'));
    const rows = parseBoxTable(table.stdout);
    assert.deepEqual(rows[0], LIST_COLUMNS);
    assert.deepEqual(rows.slice(1, 5), EXPECTED_ROWS);
    assert.equal(rows.length, 1 + fx.servers.length);
    assert.equal(fx.count('GET', '/v2.1/servers/detail'), 1);
    const glance = fx.find('GET', '/image/v2/images');
    assert.equal(glance.length, 1, 'image names: one Glance request for the whole list');
    assert.equal(glance[0]!.query.id, `in:${CIRROS_ID}`);
    const embedded = Number(mv.split('.')[1]) >= 47;
    assert.equal(fx.count('GET', '/v2.1/flavors/detail'), embedded ? 0 : 1, 'flavor names: one list before 2.47, none after');
    for (const r of fx.requests.filter((x) => x.service === 'compute' && x.path !== '/v2.1/')) assert.equal(r.microversion, mv);

    const asJson = JSON.parse(ok(await run(...pin, 'list', '-f', 'json')).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(asJson[0]!), LIST_COLUMNS);
    // Machine values: Nova's power_state number, null for no task, addresses by network.
    assert.deepEqual(asJson[1], {
      ...Object.fromEntries(LIST_COLUMNS.map((c, i) => [c, EXPECTED_ROWS[1]![i]])),
      'Task State': null,
      'Power State': 1,
      Networks: { private: ['192.168.1.30'] },
    });
    const values = ok(await run(...pin, 'list', '-f', 'value', '-c', 'ID', '-c', 'Status'))
      .stdout.trim()
      .split('\n');
    assert.deepEqual(values.slice(0, 3), [`${SAMPLE_SERVER_ID} ACTIVE`, `${WEB_ID} ACTIVE`, `${STOPPED_ID} SHUTOFF`]);

    fx.clearRequests();
    const show = parseRecord(ok(await run(...pin, 'show', 'Web Server 1')).stdout);
    assert.equal(show.get('id'), WEB_ID);
    assert.equal(show.get('name'), 'Web Server 1');
    assert.equal(show.get('human_id'), 'web-server-1');
    assert.equal(show.get('status'), 'ACTIVE');
    assert.equal(show.get('OS-EXT-STS:power_state'), 'Running');
    assert.equal(show.get('key_name'), 'mykey');
    assert.equal(show.get('image'), `cirros-0.6.2-x86_64-disk (${CIRROS_ID})`);
    assert.equal(show.get('flavor'), embedded ? 'm1.small (1 vCPU, 2048 MiB RAM, 20 GB disk)' : 'm1.small');
    assert.equal(show.get('addresses'), 'private=192.168.1.30');
    assert.equal(show.get('security_groups'), 'default');
    // `locked` exists in the server body from 2.9.
    assert.equal(show.get('locked'), Number(mv.split('.')[1]) >= 9 ? 'false' : '');
    assert.equal(fx.count('GET', '/v2.1/flavors/detail'), embedded ? 0 : 1);

    const showJson = JSON.parse(ok(await run(...pin, 'show', WEB_ID, '-f', 'json')).stdout) as Record<string, unknown>;
    assert.equal(showJson.id, WEB_ID);
    assert.equal(showJson['OS-EXT-STS:task_state'], null);
    assert.deepEqual(showJson.metadata, {});
    // -c as cliff: the fields in the record's order.
    const showValue = ok(await run(...pin, 'show', WEB_ID, '-f', 'value', '-c', 'status', '-c', 'name')).stdout;
    assert.equal(showValue, 'Web Server 1\nACTIVE\n');
  });
}

test('list follows Nova pagination (next links) and --limit asks for no more than needed', async (t) => {
  const { fx, run } = await cloud(t, { novaMaxLimit: 4 });
  const all = ok(await run('list', '-f', 'value', '-c', 'ID'))
    .stdout.trim()
    .split('\n');
  assert.deepEqual(
    all,
    fx.servers.map((s) => s.id),
  );
  const pages = fx.find('GET', '/v2.1/servers/detail');
  assert.equal(pages.length, 2);
  assert.equal(pages[0]!.query.marker, undefined);
  assert.equal(pages[1]!.query.marker, fx.servers[3]!.id);

  fx.clearRequests();
  const two = ok(await run('list', '--limit', '2', '-f', 'value', '-c', 'Name'))
    .stdout.trim()
    .split('\n');
  assert.deepEqual(two, ['new-server-test', 'Web Server 1']);
  assert.equal(fx.count('GET', '/v2.1/servers/detail'), 1);
  assert.equal(fx.last('GET', '/v2.1/servers/detail')!.query.limit, '2');
});

test('list filters are sent to Nova', async (t) => {
  const { fx, run } = await cloud(t);
  const r = ok(await run('list', '--status', 'shutoff', '--flavor', 'm1.tiny', '-f', 'value', '-c', 'Name'));
  assert.equal(r.stdout, 'stopped-vm\n');
  const q = fx.last('GET', '/v2.1/servers/detail')!.query;
  assert.equal(q.status, 'SHUTOFF');
  assert.equal(q.flavor, '1');
  // changes-since: only the servers changed since then.
  fx.serverById(WEB_ID)!.updated = '2030-01-01T00:00:00Z';
  const since = ok(await run('list', '--changes-since', '2029-12-31T00:00:00Z', '-f', 'value', '-c', 'Name'));
  assert.equal(since.stdout, 'Web Server 1\n');
  assert.equal(fx.last('GET', '/v2.1/servers/detail')!.query['changes-since'], '2029-12-31T00:00:00Z');
  const bad = await run('list', '--changes-since', 'yesterday');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--changes-since 'yesterday' is not a time/);
});

test("list --all-projects (the openstack CLI's spelling) asks for every project, as --all-tenants does", async (t) => {
  const { fx, run } = await cloud(t, { roles: ['admin', 'member', 'reader'] });
  for (const flag of ['--all-projects', '--all-tenants']) {
    ok(await run('list', flag, '-f', 'json'));
    assert.equal(String(fx.last('GET', '/v2.1/servers/detail')!.query.all_tenants), '1', flag);
  }
  ok(await run('list', '-f', 'json'));
  assert.equal(fx.last('GET', '/v2.1/servers/detail')!.query.all_tenants, undefined, 'not without it');
});

// ---- boot ------------------------------------------------------------------------------------

test('boot at 2.1: the body has no networks; the record shows the new server and its adminPass', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.100' });
  const r = ok(await run('--os-compute-api-version', '2.1', 'boot', '--image', 'cirros-0.6.2-x86_64-disk', '--flavor', 'm1.tiny', 'vm1'));
  assert.equal(fx.count('POST', '/v2.1/servers'), 1);
  const sent = fx.last('POST', '/v2.1/servers')!;
  assert.deepEqual(sent.json, { server: { name: 'vm1', flavorRef: '1', imageRef: CIRROS_ID } });
  assert.equal(sent.headers['content-type'], 'application/json');
  const made = fx.serverByName('vm1')!;
  const rec = parseRecord(r.stdout);
  assert.equal(rec.get('id'), made.id);
  assert.equal(rec.get('name'), 'vm1');
  assert.equal(rec.get('status'), 'BUILD');
  assert.match(rec.get('adminPass') ?? '', /^\S{12}$/);
  assert.ok(cacheLines(te, 'server-uuid-cache').includes(made.id), 'a create adds to the completion cache');
});

for (const mv of ['2.37', '2.67', '2.93', '2.100']) {
  test(`boot at ${mv}: networks default to auto, --nic none and net-name= are honoured`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.100' });
    const pin = ['--os-compute-api-version', mv];
    ok(await run(...pin, 'boot', '--image', CIRROS_ID, '--flavor', '2', 'a'));
    assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json, {
      server: { name: 'a', flavorRef: '2', imageRef: CIRROS_ID, networks: 'auto' },
    });
    ok(await run(...pin, 'boot', '--image', 'ubuntu-2204-lts', '--flavor', 'm1small', '--nic', 'none', 'b'));
    assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json, {
      server: { name: 'b', flavorRef: '2', imageRef: UBUNTU_ID, networks: 'none' },
    });
    ok(await run(...pin, 'boot', '--image', CIRROS_ID, '--flavor', 'm1.tiny', '--nic', 'net-name=private', '--nic', 'port-id=p-1', 'c'));
    assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json, {
      server: { name: 'c', flavorRef: '1', imageRef: CIRROS_ID, networks: [{ uuid: fx.networks[0]!.id }, { port: 'p-1' }] },
    });
    assert.equal(fx.count('POST', '/v2.1/servers'), 3);
    assert.equal(fx.last('POST', '/v2.1/servers')!.microversion, mv);
  });
}

test('boot without --nic where no network exists and none can be allocated: refused before sending, --nic none works', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  fx.networks.splice(0);
  const r = await run('boot', '--image', CIRROS_ID, '--flavor', 'm1.tiny', 'lonely');
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'ERROR: Without --nic, Nova is asked to pick a network (--nic auto), but this project sees no network and the cloud cannot allocate one. ' +
      'Use --nic none for a server without networking, or create a network and pass --nic net-id=ID.\n',
  );
  assert.equal(fx.count('POST', '/v2.1/servers'), 0);
  const explicit = await run('boot', '--nic', 'auto', '--image', CIRROS_ID, '--flavor', 'm1.tiny', 'lonely');
  assert.match(explicit.stderr, /^ERROR: --nic auto asks Nova to pick a network, but this project sees no network/);
  assert.equal(fx.count('POST', '/v2.1/servers'), 0);
  ok(await run('boot', '--nic', 'none', '--image', CIRROS_ID, '--flavor', 'm1.tiny', 'lonely'));
  assert.equal(fx.count('POST', '/v2.1/servers'), 1);
});

test('boot with every option sends exactly what was asked for', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.93' });
  const userData = join(te.home, 'cloud-init.yaml');
  writeFileSync(userData, '#cloud-config\npackages: [htop]\n');
  ok(
    await run(
      'boot',
      '--image',
      'cirros-0.6.2-x86_64-disk',
      '--flavor',
      'm1.small',
      '--key-name',
      'mykey',
      '--security-groups',
      'default, web',
      '--availability-zone',
      'nova',
      '--meta',
      'role=db',
      '--meta',
      'tier=2',
      '--description',
      'primary db',
      '--config-drive',
      '--user-data',
      userData,
      '--nic',
      'net-id=3cb9bc59-5699-4588-a4b1-b87f96708bc6,v4-fixed-ip=10.0.0.5',
      'db-1',
    ),
  );
  assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json, {
    server: {
      name: 'db-1',
      flavorRef: '2',
      imageRef: CIRROS_ID,
      key_name: 'mykey',
      security_groups: [{ name: 'default' }, { name: 'web' }],
      availability_zone: 'nova',
      metadata: { role: 'db', tier: '2' },
      description: 'primary db',
      config_drive: true,
      user_data: Buffer.from('#cloud-config\npackages: [htop]\n').toString('base64'),
      networks: [{ uuid: '3cb9bc59-5699-4588-a4b1-b87f96708bc6', fixed_ip: '10.0.0.5' }],
    },
  });
});

test('boot --min-count/--max-count: reservation id, then a table of the servers made', async (t) => {
  const { fx, te, run } = await cloud(t);
  const r = ok(await run('boot', '--image', CIRROS_ID, '--flavor', '1', '--min-count', '2', '--max-count', '2', 'batch'));
  const body = fx.last('POST', '/v2.1/servers')!.json.server;
  assert.equal(body.min_count, 2);
  assert.equal(body.max_count, 2);
  assert.equal(body.return_reservation_id, true);
  assert.equal(fx.count('POST', '/v2.1/servers'), 1);
  const rows = parseBoxTable(r.stdout);
  assert.deepEqual(
    rows.slice(1).map((row) => row[1]),
    ['batch-1', 'batch-2'],
  );
  const made = fx.servers.filter((s) => s.name.startsWith('batch-')).map((s) => s.id);
  assert.equal(fx.last('GET', '/v2.1/servers/detail')!.query.reservation_id, fx.serverById(made[0]!)!.reservationId);
  for (const id of made) assert.ok(cacheLines(te, 'server-uuid-cache').includes(id));
});

test('boot --wait polls until ACTIVE and reports progress on stderr', async (t) => {
  const { fx, run, bin } = await cloud(t);
  for (const [go, name] of [
    [run, 'w1'],
    [bin, 'w2'],
  ] as const) {
    const r = ok(await go('boot', '--wait', '--image', CIRROS_ID, '--flavor', 'm1.tiny', name));
    assert.equal(parseRecord(r.stdout).get('status'), 'ACTIVE');
    assert.match(r.stderr, new RegExp(`^boot ${name}: BUILD / scheduling \\(\\d+s\\)$`, 'm'));
    assert.match(r.stderr, new RegExp(`^boot ${name}: BUILD / spawning \\(\\d+s\\)$`, 'm'));
    assert.match(r.stderr, new RegExp(`^boot ${name}: ACTIVE$`, 'm'));
  }
  assert.equal(fx.count('POST', '/v2.1/servers'), 2);
});

test('boot --wait on a server that goes to ERROR: the fault message, exit 1, no stack', async (t) => {
  const { fx, run } = await cloud(t);
  fx.onServerCreated = (s) => {
    s.pending = [
      { taskState: 'spawning' },
      {
        status: 'ERROR',
        vmState: 'error',
        taskState: null,
        fault: { code: 500, message: 'No valid host was found. There are not enough hosts available.' },
      },
    ];
  };
  const r = await run('boot', '--wait', '--image', CIRROS_ID, '--flavor', 'm1.tiny', 'doomed');
  assert.equal(r.code, 1);
  assert.ok(!hasStack(r.stderr));
  assert.match(r.stderr, /^boot doomed: BUILD \/ spawning \(\d+s\)$/m);
  assert.match(r.stderr, /^ERROR: boot doomed: server went to ERROR: No valid host was found\. There are not enough hosts available\.$/m);
  assert.equal(r.stdout, '');
  const show = parseRecord(ok(await run('show', 'doomed')).stdout);
  assert.equal(show.get('fault'), '500: No valid host was found. There are not enough hosts available.');
});

test('boot refuses bad input locally: nothing is sent to Nova', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.93' });
  const big = join(te.home, 'big');
  writeFileSync(big, Buffer.alloc(49 * 1024, 65));
  const cases: Array<[string[], RegExp, number]> = [
    [['boot', '--flavor', '1', 'x'], /--image IMAGE is required\. Usage: novash boot --image IMAGE --flavor FLAVOR /, 2],
    [['boot', '--image', CIRROS_ID, 'x'], /--flavor FLAVOR is required/, 2],
    [
      ['boot', '--image', CIRROS_ID, '--flavor', '1', '--user-data', big, 'x'],
      /is 50176 bytes \(49\.0 KiB\); at most 49152 bytes \(48 KiB\) are allowed/,
      2,
    ],
    [
      ['--os-compute-api-version', '2.36', 'boot', '--image', CIRROS_ID, '--flavor', '1', '--nic', 'auto', 'x'],
      /--nic auto needs compute API version 2\.37 or later \(in use: 2\.36\)/,
      2,
    ],
    [
      ['boot', '--image', 'no-such-image', '--flavor', '1', 'x'],
      /^ERROR \(CommandError\): No image with a name or ID of 'no-such-image' exists\.$/m,
      1,
    ],
    [
      ['boot', '--image', CIRROS_ID, '--flavor', 'm9.huge', 'x'],
      /^ERROR \(CommandError\): No flavor with a name or ID of 'm9\.huge' exists\.$/m,
      1,
    ],
    [['--read-only', 'boot', '--image', CIRROS_ID, '--flavor', '1', 'x'], /--read-only is set; nothing was sent/, 2],
  ];
  for (const [argv, message, code] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, code, argv.join(' ') + '\n' + r.stderr);
    assert.match(r.stderr, message);
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.count('POST', '/v2.1/servers'), 0);
});

// ---- delete ----------------------------------------------------------------------------------

test('delete: one DELETE per server, a line per server, the completion cache pruned', async (t) => {
  const { fx, te, run } = await cloud(t);
  ok(await run('list'));
  assert.ok(cacheLines(te, 'server-uuid-cache').includes(WEB_ID));
  const r = await run('delete', 'no-such-vm', 'Web Server 1', 'stopped-vm');
  assert.equal(r.code, 1, 'one of them failed');
  // What was done on stdout, what failed on stderr.
  assert.equal(
    r.stdout,
    `Request to delete server Web Server 1 (${WEB_ID}) has been accepted.\n` +
      `Request to delete server stopped-vm (${STOPPED_ID}) has been accepted.\n`,
  );
  assert.equal(r.stderr, `Cannot delete server 'no-such-vm': No server with a name or ID of 'no-such-vm' exists.\n`);
  assert.deepEqual(
    fx.requests.filter((x) => x.method === 'DELETE').map((x) => x.path),
    [`/v2.1/servers/${WEB_ID}`, `/v2.1/servers/${STOPPED_ID}`],
  );
  const ids = cacheLines(te, 'server-uuid-cache');
  assert.ok(!ids.includes(WEB_ID) && !ids.includes(STOPPED_ID));
  assert.ok(ids.includes(SAMPLE_SERVER_ID));
  assert.ok(!cacheLines(te, 'server-human-id-cache').includes('web-server-1'));
  assert.ok(cacheLines(te, 'server-human-id-cache').includes('new-server-test'));
});

test('delete --wait polls until the server is gone; -f json wraps the message', async (t) => {
  const { fx, run } = await cloud(t);
  const r = ok(await run('delete', '--wait', '-f', 'json', SAMPLE_SERVER_ID));
  assert.deepEqual(JSON.parse(r.stdout), { message: `Server new-server-test (${SAMPLE_SERVER_ID}) deleted.` });
  assert.match(r.stderr, /^delete new-server-test: deleted$/m);
  assert.equal(fx.serverById(SAMPLE_SERVER_ID), undefined);
  assert.ok(fx.find('GET', `/v2.1/servers/${SAMPLE_SERVER_ID}`).some((x) => x.status === 404));
});

// ---- actions ---------------------------------------------------------------------------------

interface ActionCase {
  argv: string[];
  server: string;
  body: Record<string, unknown>;
  verb: string;
  /** Status once settled (for --wait). */
  settled?: string;
}

function actionCases(pausedId: string, suspendedId: string): ActionCase[] {
  return [
    { argv: ['start', 'stopped-vm'], server: STOPPED_ID, body: { 'os-start': null }, verb: 'start', settled: 'ACTIVE' },
    { argv: ['stop', 'new-server-test'], server: SAMPLE_SERVER_ID, body: { 'os-stop': null }, verb: 'stop', settled: 'SHUTOFF' },
    {
      argv: ['reboot', 'new-server-test'],
      server: SAMPLE_SERVER_ID,
      body: { reboot: { type: 'SOFT' } },
      verb: 'reboot',
      settled: 'ACTIVE',
    },
    {
      argv: ['reboot', '--hard', 'new-server-test'],
      server: SAMPLE_SERVER_ID,
      body: { reboot: { type: 'HARD' } },
      verb: 'reboot',
      settled: 'ACTIVE',
    },
    { argv: ['pause', 'new-server-test'], server: SAMPLE_SERVER_ID, body: { pause: null }, verb: 'pause', settled: 'PAUSED' },
    { argv: ['unpause', 'paused-vm'], server: pausedId, body: { unpause: null }, verb: 'unpause', settled: 'ACTIVE' },
    { argv: ['suspend', 'new-server-test'], server: SAMPLE_SERVER_ID, body: { suspend: null }, verb: 'suspend', settled: 'SUSPENDED' },
    { argv: ['resume', 'suspended-vm'], server: suspendedId, body: { resume: null }, verb: 'resume', settled: 'ACTIVE' },
    { argv: ['lock', 'new-server-test'], server: SAMPLE_SERVER_ID, body: { lock: null }, verb: 'lock' },
    { argv: ['unlock', 'new-server-test'], server: SAMPLE_SERVER_ID, body: { unlock: null }, verb: 'unlock' },
  ];
}

const NAMES: Record<string, string> = { [STOPPED_ID]: 'stopped-vm', [SAMPLE_SERVER_ID]: 'new-server-test' };

for (const mv of ['2.1', '2.93']) {
  test(`server actions at ${mv}: exact bodies, accepted messages`, async (t) => {
    const { fx, run } = await cloud(t);
    const paused = fx.addServer({ name: 'paused-vm', status: 'PAUSED', vmState: 'paused', powerState: 3 });
    const suspended = fx.addServer({ name: 'suspended-vm', status: 'SUSPENDED', vmState: 'suspended', powerState: 4 });
    const names = { ...NAMES, [paused.id]: 'paused-vm', [suspended.id]: 'suspended-vm' };
    for (const c of actionCases(paused.id, suspended.id)) {
      // Each action from a settled server: fresh state for the ones that share new-server-test.
      const s = fx.serverById(c.server)!;
      if (c.server === SAMPLE_SERVER_ID)
        Object.assign(s, { status: 'ACTIVE', vmState: 'active', taskState: null, powerState: 1, pending: [] });
      fx.clearRequests();
      const r = ok(await run('--os-compute-api-version', mv, ...c.argv));
      assert.equal(r.stdout, `Request to ${c.verb} server ${names[c.server]} (${c.server}) has been accepted.\n`);
      assert.equal(r.stderr, '');
      const posts = fx.requests.filter((x) => x.method === 'POST' && x.service === 'compute');
      assert.equal(posts.length, 1, c.argv.join(' '));
      assert.equal(posts[0]!.path, `/v2.1/servers/${c.server}/action`);
      assert.deepEqual(posts[0]!.json, c.body);
      assert.equal(posts[0]!.microversion, mv);
    }
  });
}

test('server actions with --wait poll until the state settles (main and the built binary)', async (t) => {
  const { fx, run, bin } = await cloud(t);
  const paused = fx.addServer({ name: 'paused-vm', status: 'PAUSED', vmState: 'paused', powerState: 3 });
  const suspended = fx.addServer({ name: 'suspended-vm', status: 'SUSPENDED', vmState: 'suspended', powerState: 4 });
  const names = { ...NAMES, [paused.id]: 'paused-vm', [suspended.id]: 'suspended-vm' };
  let i = 0;
  for (const c of actionCases(paused.id, suspended.id).filter((x) => x.settled)) {
    const s = fx.serverById(c.server)!;
    if (c.server === SAMPLE_SERVER_ID)
      Object.assign(s, { status: 'ACTIVE', vmState: 'active', taskState: null, powerState: 1, pending: [] });
    const go = i++ % 3 === 0 ? bin : run;
    const r = ok(await go(c.argv[0]!, '--wait', ...c.argv.slice(1)));
    const done =
      c.verb === 'reboot'
        ? `Server ${names[c.server]} (${c.server}) rebooted.`
        : `Server ${names[c.server]} (${c.server}): ${c.verb} done.`;
    assert.equal(r.stdout, done + '\n');
    assert.match(r.stderr, new RegExp(`^${c.verb} ${names[c.server]}: ${c.settled}$`, 'm'));
    assert.equal(s.status, c.settled);
    assert.equal(s.taskState, null);
  }
});

test('an action Nova refuses (409): the message, the request id, exit 1, the other servers still tried', async (t) => {
  const { fx, run } = await cloud(t);
  const r = await run('start', 'new-server-test', 'stopped-vm');
  assert.equal(r.code, 1);
  const refused = fx.actions('os-start', SAMPLE_SERVER_ID)[0]!;
  assert.equal(refused.status, 409);
  assert.equal(
    r.stderr,
    `Cannot start server 'new-server-test': Cannot 'start' instance ${SAMPLE_SERVER_ID} while it is in vm_state active (HTTP 409, request ${refused.requestId})\n`,
  );
  assert.equal(r.stdout, `Request to start server stopped-vm (${STOPPED_ID}) has been accepted.\n`);
  assert.ok(!hasStack(r.stderr));
});

test('lock --reason needs 2.73; at 2.73 it sends locked_reason and show reports it', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.100' });
  const old = await run('--os-compute-api-version', '2.72', 'lock', '--reason', 'audit', 'new-server-test');
  assert.equal(old.code, 1);
  assert.match(
    old.stderr,
    /^Cannot lock server 'new-server-test': A lock reason needs compute API version 2\.73 or later \(in use: 2\.72\)\.$/m,
  );
  assert.equal(fx.actions('lock').length, 0);

  ok(await run('--os-compute-api-version', '2.73', 'lock', '--reason', 'audit', 'new-server-test'));
  assert.deepEqual(fx.actions('lock')[0]!.json, { lock: { locked_reason: 'audit' } });
  const show = parseRecord(ok(await run('--os-compute-api-version', '2.73', 'show', 'new-server-test')).stdout);
  assert.equal(show.get('locked'), 'true');
  assert.equal(show.get('locked_reason'), 'audit');
  // A locked server refuses other actions (409), with Nova's message.
  const stop = await run('stop', 'new-server-test');
  assert.equal(stop.code, 1);
  assert.match(
    stop.stderr,
    new RegExp(
      `^Cannot stop server 'new-server-test': Instance ${SAMPLE_SERVER_ID} is locked \\(HTTP 409, request req-[0-9a-f-]+\\)$`,
      'm',
    ),
  );
});

// ---- resize, rebuild -------------------------------------------------------------------------

for (const mv of ['2.1', '2.47', '2.93']) {
  test(`resize, resize-confirm and resize-revert at ${mv}`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93' });
    const pin = ['--os-compute-api-version', mv];
    const r = ok(await run(...pin, 'resize', 'new-server-test', 'm1.small'));
    assert.equal(r.stdout, `Request to resize server new-server-test (${SAMPLE_SERVER_ID}) to m1.small has been accepted.\n`);
    assert.deepEqual(fx.actions('resize')[0]!.json, { resize: { flavorRef: '2' } });

    const w = ok(await run(...pin, 'resize', '--wait', 'Web Server 1', 'm1.medium'));
    assert.match(
      w.stdout,
      /^Server Web Server 1 is in VERIFY_RESIZE on m1\.medium: run 'novash resize-confirm Web Server 1' or 'novash resize-revert Web Server 1'\.$/m,
    );
    assert.match(w.stderr, /^resize Web Server 1: RESIZE \/ resize_migrating \(\d+s\)$/m);
    assert.equal(fx.serverById(WEB_ID)!.status, 'VERIFY_RESIZE');

    const c = ok(await run(...pin, 'resize-confirm', '--wait', 'Web Server 1'));
    assert.deepEqual(fx.actions('confirmResize', WEB_ID)[0]!.json, { confirmResize: null });
    assert.match(
      c.stdout,
      new RegExp(`^Server Web Server 1 \\(${WEB_ID}\\): resize confirmed, ACTIVE on ${mv === '2.1' ? '3' : 'm1.medium'}\\.$`, 'm'),
    );

    const v = ok(await run(...pin, 'resize-revert', 'resize-me'));
    assert.deepEqual(fx.actions('revertResize', RESIZE_ID)[0]!.json, { revertResize: null });
    assert.equal(v.stdout, `Request to revert the resize of server resize-me (${RESIZE_ID}) has been accepted.\n`);

    // Not in VERIFY_RESIZE: refused locally, nothing sent.
    const n = await run(...pin, 'resize-confirm', 'stopped-vm');
    assert.equal(n.code, 1);
    assert.equal(n.stderr, "Cannot confirm the resize of server 'stopped-vm': it is SHUTOFF; this needs VERIFY_RESIZE\n");
    assert.equal(fx.actions('confirmResize', STOPPED_ID).length, 0);
  });
}

test('resize-revert --wait goes back to the old flavor', async (t) => {
  const { fx, run } = await cloud(t);
  const r = ok(await run('resize-revert', '--wait', RESIZE_ID));
  assert.match(r.stdout, new RegExp(`^Server resize-me \\(${RESIZE_ID}\\): resize reverted, ACTIVE on m1\\.tiny\\.$`, 'm'));
  assert.equal(fx.serverById(RESIZE_ID)!.flavorId, '1');
});

for (const mv of ['2.1', '2.47', '2.100']) {
  test(`rebuild at ${mv}: imageRef and name sent, the rebuilt server shown`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.100' });
    const r = ok(await run('--os-compute-api-version', mv, 'rebuild', '--name', 'renamed', 'new-server-test', 'Ubuntu 22.04 LTS'));
    assert.deepEqual(fx.actions('rebuild')[0]!.json, { rebuild: { imageRef: UBUNTU_ID, name: 'renamed' } });
    const rec = parseRecord(r.stdout);
    assert.equal(rec.get('name'), 'renamed');
    assert.equal(rec.get('status'), 'REBUILD');
    assert.equal(rec.get('image'), `Ubuntu 22.04 LTS (${UBUNTU_ID})`);
    const w = ok(await run('--os-compute-api-version', mv, 'rebuild', '--wait', '-f', 'json', 'renamed', CIRROS_ID));
    assert.deepEqual(fx.actions('rebuild')[1]!.json, { rebuild: { imageRef: CIRROS_ID } });
    const j = JSON.parse(w.stdout) as Record<string, unknown>;
    assert.equal(j.status, 'ACTIVE');
    assert.match(w.stderr, /^rebuild renamed: ACTIVE$/m);
  });
}

test('a down cell (2.69+): partial servers are listed with status UNKNOWN, not a crash', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93', downCell: true });
  const rows = parseBoxTable(ok(await run('list')).stdout);
  const down = rows.find((r) => r[0] === 'b6b0410f-b65f-4473-855e-5d82a71759e0');
  assert.ok(down, 'the server of the down cell is listed');
  assert.equal(down[1], '');
  assert.equal(down[2], 'UNKNOWN');
  assert.equal(rows.length, 1 + fx.servers.length + 1);
  const show = parseRecord(ok(await run('show', '33748c23-38dd-4f70-b774-522fc69e7b67')).stdout);
  assert.equal(show.get('status'), 'UNKNOWN');
  assert.equal(show.get('flavor'), 'm1.tiny (1 vCPU, 512 MiB RAM, 1 GB disk)');
  assert.equal(show.get('OS-EXT-AZ:availability_zone'), 'UNKNOWN');
  // Before 2.69 Nova leaves them out.
  const old = parseBoxTable(ok(await run('--os-compute-api-version', '2.68', 'list')).stdout);
  assert.equal(old.length, 1 + fx.servers.length);
});
