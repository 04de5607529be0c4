/**
 * The operator's commands through the one-shot CLI against the fixture Nova: the request each
 * sends, its table and its -f json (typed values: numbers, booleans, null), a member's 403 said in
 * words, --read-only letting the reads through and refusing the moves.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import type { FixtureServer } from '../support/fixtureServer.js';
import { PROJECT_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';

const ADMIN = { roles: ['admin', 'member', 'reader'] };
type Row = Record<string, unknown>;

/** The requests to Nova (not Keystone, not the version document). */
const novaCalls = (fx: FixtureServer) =>
  fx.requests.filter((r) => r.path.startsWith('/v2.1/') && r.path !== '/v2.1/').map((r) => `${r.method} ${r.path}`);

/** stderr of a member refused an admin-only command. */
function refusedForMember(stderr: string, command: string, rule: string | RegExp): void {
  const ruleText = typeof rule === 'string' ? rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : rule.source;
  assert.match(
    stderr,
    new RegExp(
      `^ERROR \\(forbidden\\): novash ${command} is for cloud administrators, and user demo in project demo has no admin role: ` +
        `use an admin's cloud \\(--os-cloud\\) or credentials\\. Nova said: Policy doesn't allow ${ruleText} to be performed\\. \\(HTTP 403, request req-[0-9a-f-]+\\)\\n$`,
    ),
  );
}

test('hypervisor-list: the detail list, a table and typed json; --matching searches; a member is refused in words', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const table = await run('hypervisor-list');
  assert.equal(table.code, 0, table.stderr);
  assert.deepEqual(novaCalls(fx), ['GET /v2.1/os-hypervisors/detail']);
  assert.match(table.stdout, /\| ID +\| Hypervisor Hostname \| Hypervisor Type \| Host IP +\| State \| Status +\|/);
  assert.match(table.stdout, /\| 1bb62a04-c576-402c-8147-9e89757a09e3 \| compute1 +\| fake +\| 192\.168\.1\.135 \| up +\| enabled \|/);
  const rows = JSON.parse((await run('hypervisor-list', '-f', 'json')).stdout) as Row[];
  assert.deepEqual(rows[1], {
    ID: 'f6d28711-9c10-470e-8b31-c03f498b0032',
    'Hypervisor Hostname': 'compute2',
    'Hypervisor Type': 'fake',
    'Host IP': '192.168.1.136',
    State: 'up',
    Status: 'enabled',
  });
  fx.clearRequests();
  const matching = JSON.parse((await run('hypervisor-list', '--matching', 'compute2', '-f', 'json')).stdout) as Row[];
  assert.deepEqual(
    matching.map((h) => h['Hypervisor Hostname']),
    ['compute2'],
  );
  assert.deepEqual(fx.last('GET', '/v2.1/os-hypervisors/detail')!.query, { hypervisor_hostname_pattern: 'compute2' });
  assert.equal((await run('--read-only', 'hypervisor-list')).code, 0, 'a read runs under --read-only');

  const member = await cloud(t);
  const r = await member.run('hypervisor-list');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  // Nova's rule is list-detail; the fixture calls it detail.
  refusedForMember(r.stderr, 'hypervisor-list', /os_compute_api:os-hypervisors:(list-)?detail/);
});

test('hypervisors before 2.53: integer ids; --matching goes to /os-hypervisors/{pattern}/search; hypervisor-show finds by name', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const rows = JSON.parse(
    (await run('--os-compute-api-version', '2.1', 'hypervisor-list', '--matching', 'compute', '-f', 'json')).stdout,
  ) as Row[];
  assert.equal(fx.count('GET', '/v2.1/os-hypervisors/compute/search'), 1);
  assert.deepEqual(
    rows.map((r) => [r.ID, r['Hypervisor Hostname'], r['Host IP']]),
    [
      ['1', 'compute1', null],
      ['2', 'compute2', null],
    ],
    'the search route answers the short form: no host IP (null, not "")',
  );
  const one = JSON.parse((await run('--os-compute-api-version', '2.1', 'hypervisor-show', 'compute2', '-f', 'json')).stdout) as Row;
  assert.equal(one.id, '2');
  assert.equal(one.hypervisor_hostname, 'compute2');
  assert.equal(typeof one.vcpus, 'number');
});

test('hypervisor-show: counters as numbers and cpu_info as an object before 2.88, gone from 2.88; uptime; servers', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const old = JSON.parse((await run('--os-compute-api-version', '2.87', 'hypervisor-show', 'compute1', '-f', 'json')).stdout) as Row;
  assert.equal(old.vcpus, 8);
  assert.equal(typeof old.memory_mb, 'number');
  assert.equal(old.running_vms, fx.servers.length);
  assert.equal(typeof old.cpu_info, 'object');
  assert.equal(old.service_disabled_reason, null);
  assert.match(String(old.uptime), /up 93 days/);
  assert.equal(fx.count('GET', /\/os-hypervisors\/[^/]+\/uptime$/), 1, 'the uptime is its own request before 2.88');
  assert.equal((old.servers as Row[]).length, fx.servers.length);
  // Nova's own name for the instance, as `openstack hypervisor show` prints it.
  assert.deepEqual((old.servers as Row[])[0], { id: SAMPLE_SERVER_ID, name: 'instance-00000001' });

  fx.clearRequests();
  const now = JSON.parse((await run('hypervisor-show', 'compute1', '-f', 'json')).stdout) as Row;
  assert.equal('vcpus' in now, false, 'no counters from 2.88 (Placement has them)');
  assert.equal('cpu_info' in now, false);
  assert.match(String(now.uptime), /up 93 days/);
  assert.equal(fx.count('GET', /\/uptime$/), 0, 'in the show from 2.88');
  const table = await run('hypervisor-show', 'compute1');
  assert.match(table.stdout, /\| hypervisor_hostname +\| compute1 +\|/);
  assert.match(table.stdout, /\| service_disabled_reason +\| - +\|/);
  const missing = await run('hypervisor-show', 'compute9');
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, "ERROR (CommandError): No hypervisor with a name or ID of 'compute9' exists.\n");
});

for (const mv of ['2.1', '2.93']) {
  test(`service-list at ${mv}: state, status${mv === '2.1' ? '' : ', forced down as a boolean'}; --host and --binary filter`, async (t) => {
    const { fx, run } = await cloud(t, ADMIN);
    fx.setHostDown('compute2');
    const r = await run('--os-compute-api-version', mv, 'service-list', '--binary', 'nova-compute', '--host', 'compute2', '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fx.last('GET', '/v2.1/os-services')!.query, { binary: 'nova-compute', host: 'compute2' });
    const [row] = JSON.parse(r.stdout) as Row[];
    assert.equal(row!.Host, 'compute2');
    assert.equal(row!.State, 'down');
    assert.equal(row!.Status, 'enabled');
    assert.equal(row!['Disabled Reason'], null);
    if (mv === '2.1') assert.equal('Forced down' in row!, false, 'no forced_down before 2.11');
    else assert.equal(row!['Forced down'], false);
    const table = await run('--os-compute-api-version', mv, 'service-list');
    assert.match(table.stdout, /\| nova-compute +\| compute2 +\| nova +\| enabled \| down +\|/);
    assert.match(table.stdout, /\| nova-scheduler +\| controller +\| internal \| enabled \| up +\|/);
    const member = await cloud(t);
    refusedForMember((await member.run('service-list')).stderr, 'service-list', 'os_compute_api:os-services:list');
  });
}

test('migration-list: the filters sent as Nova names them, typed json, the columns of the microversion', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const all = JSON.parse((await run('migration-list', '-f', 'json')).stdout) as Row[];
  assert.deepEqual(
    all.map((x) => x.Id),
    [3, 2, 1],
  );
  assert.equal(all[0]!['Dest Host'], null);
  assert.equal(all[0]!['Old Flavor'], 1);
  assert.equal(all[0]!.Type, 'resize');
  assert.equal(all[0]!.UUID, '32341d4b-346a-40d0-83c6-5f4f6892b650');
  const s = fx.addServer({ name: 'mover' });
  fx.clearRequests();
  const r = await run(
    'migration-list',
    '--server',
    'mover',
    '--host',
    'compute1',
    '--status',
    'error',
    '--migration-type',
    'live-migration',
    '--changes-since',
    '2016-01-01T00:00:00Z',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fx.last('GET', '/v2.1/os-migrations')!.query, {
    host: 'compute1',
    status: 'error',
    instance_uuid: s.id,
    migration_type: 'live-migration',
    'changes-since': '2016-01-01T00:00:00Z',
  });
  assert.equal(r.stdout, '', 'none: an empty list prints nothing, as cliff does');

  const old = await run('--os-compute-api-version', '2.1', 'migration-list');
  assert.doesNotMatch(old.stdout.split('\n')[1]!, /UUID \||Type|Project ID/, 'no uuid, type or owner before 2.23/2.59/2.80');
  assert.match(old.stdout, /\| Id \| Source Node \| Dest Node \|/);
  fx.clearRequests();
  const tooOld = await run('--os-compute-api-version', '2.1', 'migration-list', '--changes-since', '2016-01-01T00:00:00Z');
  assert.equal(tooOld.code, 2);
  assert.equal(tooOld.stderr, 'ERROR: --changes-since needs compute API version 2.59 or later (in use: 2.1).\n');
  assert.equal(fx.count('GET', '/v2.1/os-migrations'), 0, 'nothing sent');
  const badType = await run('migration-list', '--migration-type', 'teleport');
  assert.equal(badType.code, 2);
  assert.match(
    badType.stderr,
    /--migration-type 'teleport' is not a migration type; use one of: migration, live-migration, resize, evacuation\./,
  );
  const badTime = await run('migration-list', '--changes-since', 'yesterday');
  assert.match(badTime.stderr, /--changes-since 'yesterday' is not a time; use ISO 8601/);
  assert.equal(fx.count('GET', '/v2.1/os-migrations'), 0);

  const member = await cloud(t);
  const refused = await member.run('migration-list');
  assert.equal(refused.code, 1);
  refusedForMember(refused.stderr, 'migration-list', 'os_compute_api:os-migrations:index');
});

test('instance-action: one action with its events; tracebacks for admins, not for members; an unknown request id', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const failed = fx.logAction(SAMPLE_SERVER_ID, 'reboot', { failed: 'libvirtError: internal error', message: 'Error' });
  const table = await run('instance-action', 'new-server-test', failed);
  assert.equal(table.code, 0, table.stderr);
  assert.ok(fx.find('GET', `/v2.1/servers/${SAMPLE_SERVER_ID}/os-instance-actions/${failed}`).length === 1);
  assert.match(table.stdout, /\| action +\| reboot +\|/);
  assert.match(table.stdout, /\| events +\| compute_reboot_instance: Error \(\S+ → \S+\) on compute1 +\|/);
  assert.match(table.stdout, /\| +\| +details: libvirtError: internal error +\|/);
  assert.match(table.stdout, /\| +\| +Traceback \(most recent call last\): +\|/);
  const doc = JSON.parse((await run('instance-action', 'new-server-test', failed, '-f', 'json')).stdout) as Row;
  assert.equal(doc.request_id, failed);
  assert.equal(doc.message, 'Error');
  assert.equal(doc.instance_uuid, SAMPLE_SERVER_ID);
  const [event] = doc.events as Row[];
  assert.equal(event!.result, 'Error');
  assert.match(String(event!.traceback), /^Traceback \(most recent call last\):[\s\S]*libvirtError: internal error/);
  assert.equal(event!.host, 'compute1');

  const member = await cloud(t);
  const id = member.fx.logAction(SAMPLE_SERVER_ID, 'reboot', { failed: 'libvirtError: internal error', message: 'Error' });
  const mine = JSON.parse((await member.run('instance-action', 'new-server-test', id, '-f', 'json')).stdout) as Row;
  const [seen] = mine.events as Row[];
  assert.equal(seen!.result, 'Error');
  assert.equal('traceback' in seen!, false, 'no traceback for a member');
  assert.equal('host' in seen!, false);
  const old = JSON.parse(
    (await member.run('--os-compute-api-version', '2.1', 'instance-action', 'new-server-test', id, '-f', 'json')).stdout,
  ) as Row;
  assert.equal(old.events, null, 'members saw no events before 2.51');
  const oldTable = await member.run('--os-compute-api-version', '2.1', 'instance-action', 'new-server-test', id);
  assert.match(oldTable.stdout, /\| events +\| \(not shown to non-admins before compute API 2\.51\) +\|/);
  const unknown = await member.run('instance-action', 'new-server-test', 'req-00000000-0000-0000-0000-000000000000');
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.stderr,
    /^ERROR \(itemNotFound\): Action for request_id req-0+-0000-0000-0000-0+ on instance \S+ not found \(HTTP 404/,
  );
  const blank = await member.run('instance-action', 'new-server-test', ' ');
  assert.equal(blank.code, 2);
  assert.match(blank.stderr, /<request-id> is required/);
});

test('instance-action-list: null for nothing in -f json, "-" in the table', async (t) => {
  const { run } = await cloud(t);
  const before58 = JSON.parse(
    (await run('--os-compute-api-version', '2.1', 'instance-action-list', 'new-server-test', '-f', 'json')).stdout,
  ) as Row[];
  assert.equal(before58[0]!.Message, null);
  assert.equal(before58[0]!.Updated_At, null, 'no updated_at before 2.58: null, not ""');
  const rows = JSON.parse((await run('instance-action-list', 'new-server-test', '-f', 'json')).stdout) as Row[];
  assert.equal(rows[0]!.Message, null);
  assert.match(String(rows[0]!.Updated_At), /^2018-04-25T/);
  const table = await run('instance-action-list', 'new-server-test');
  assert.match(table.stdout, /\| stop +\| req-\S+ +\| - +\| 2018-04-25T\S+ \| 2018-04-25T\S+ \|/);
});

test('console-url: a noVNC URL by default, --type serial and spice; no proxy and a wrong type said clearly', async (t) => {
  const { fx, run } = await cloud(t);
  const doc = JSON.parse((await run('console-url', 'new-server-test', '-f', 'json')).stdout) as Row;
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/remote-consoles`)!.json, {
    remote_console: { protocol: 'vnc', type: 'novnc' },
  });
  assert.equal(doc.type, 'novnc');
  assert.equal(doc.protocol, 'vnc');
  assert.match(String(doc.url), /^http:\/\/example\.com:6080\/vnc_auto\.html\?path=%3Ftoken%3D[0-9a-f-]{36}$/);
  const serial = await run('console-url', '--type', 'serial', 'new-server-test', '-f', 'value', '-c', 'url');
  assert.match(serial.stdout, /^ws:\/\/\S+\n$/);
  await run('console-url', '--type', 'spice', 'new-server-test');
  assert.deepEqual(fx.last('POST', /remote-consoles$/)!.json, { remote_console: { protocol: 'spice', type: 'spice-html5' } });
  fx.clearRequests();
  const wrong = await run('console-url', '--type', 'telnet', 'new-server-test');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /^ERROR: --type 'telnet' is not a console type; use one of: novnc, serial, spice/);
  assert.equal(fx.count('POST', /remote-consoles$/), 0, 'nothing sent');

  const bare = await cloud(t, { consoleTypes: [] });
  const none = await bare.run('console-url', 'new-server-test');
  assert.equal(none.code, 1);
  assert.match(
    none.stderr,
    /^ERROR \(badRequest\): This cloud offers no novnc console \(no console proxy of that kind is enabled\), so there is no URL for server new-server-test: Nova said "Unavailable console type novnc\."\. Try another --type, or read the console log with 'novash console-log new-server-test'\. \(HTTP 400, request req-/,
  );
});

test('quota-show: limit, in use, reserved and the default per resource; another project for admins only', async (t) => {
  const { fx, run } = await cloud(t);
  const rows = JSON.parse((await run('quota-show', '-f', 'json')).stdout) as Row[];
  assert.deepEqual(novaCalls(fx).sort(), [
    `GET /v2.1/os-quota-sets/${PROJECT_ID}/defaults`,
    `GET /v2.1/os-quota-sets/${PROJECT_ID}/detail`,
  ]);
  const instances = rows.find((r) => r.Quota === 'instances');
  assert.deepEqual(instances, { Quota: 'instances', Limit: 10, 'In Use': fx.servers.length, Reserved: 0, Default: 10 });
  const table = await run('quota-show');
  assert.match(table.stdout, /\| Quota +\| +Limit \| In Use \| Reserved \| Default \|/);
  assert.match(table.stdout, /\| ram +\| +51200 \| +6144 \| +0 \| +51200 \|/);
  fx.clearRequests();
  const defaults = JSON.parse((await run('quota-show', '--defaults', '-f', 'json')).stdout) as Row[];
  assert.deepEqual(novaCalls(fx), [`GET /v2.1/os-quota-sets/${PROJECT_ID}/defaults`]);
  assert.deepEqual(
    defaults.find((r) => r.Quota === 'cores'),
    { Quota: 'cores', Limit: 20 },
  );
  const other = await run('quota-show', '--project', 'other-project');
  assert.equal(other.code, 1);
  assert.match(
    other.stderr,
    /^ERROR \(forbidden\): novash quota-show of another project \(other-project\) is for cloud administrators, and user demo in project demo has no admin role/,
  );
  const admin = await cloud(t, ADMIN);
  const theirs = await admin.run('quota-show', '--project', 'other-project', '-f', 'json');
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.ok(admin.fx.find('GET', '/v2.1/os-quota-sets/other-project/detail').length === 1);
});

test('usage and usage-list: a period (dates or times), totals as numbers; all projects for admins only; bad dates sent nowhere', async (t) => {
  const { fx, run } = await cloud(t);
  const r = await run('usage', '--start', '2026-01-01', '--end', '2026-01-02T00:00:00', '-f', 'json');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fx.last('GET', `/v2.1/os-simple-tenant-usage/${PROJECT_ID}`)!.query, {
    start: '2026-01-01T00:00:00.000000',
    end: '2026-01-02T00:00:00.000000',
  });
  const doc = JSON.parse(r.stdout) as Row;
  assert.equal(doc.project, PROJECT_ID);
  assert.equal(doc.servers, fx.servers.length);
  // Every seeded server (2013) runs the whole day: 24 hours each.
  assert.equal(doc.hours, 24 * fx.servers.length);
  assert.equal(typeof doc.ram_mb_hours, 'number');
  const table = await run('usage', '--start', '2026-01-01', '--end', '2026-01-02');
  assert.match(table.stdout, /\| cpu_hours +\| 144\.00 +\|/);
  fx.clearRequests();
  for (const [args, message] of [
    [['--start', 'last week'], /--start 'last week' is not a date; use YYYY-MM-DD or an ISO 8601 time/],
    [
      ['--start', '2026-02-01', '--end', '2026-01-01'],
      /--start \(2026-02-01T00:00:00\.000Z\) is after --end \(2026-01-01T00:00:00\.000Z\)\./,
    ],
  ] as const) {
    const bad = await run('usage', ...args);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, message);
  }
  assert.equal(fx.count('GET', /os-simple-tenant-usage/), 0, 'nothing sent');
  const all = await run('usage-list');
  assert.equal(all.code, 1);
  refusedForMember(all.stderr, 'usage-list', 'os_compute_api:os-simple-tenant-usage:list');
  const admin = await cloud(t, ADMIN);
  const list = JSON.parse(
    (await admin.run('--read-only', 'usage-list', '--start', '2026-01-01', '--end', '2026-01-02', '-f', 'json')).stdout,
  ) as Row[];
  assert.deepEqual(list, [
    {
      'Project ID': PROJECT_ID,
      Servers: admin.fx.servers.length,
      'RAM MiB-Hours': 24 * (4 * 512 + 2 * 2048),
      'CPU Hours': 24 * 6,
      'Disk GiB-Hours': list[0]!['Disk GiB-Hours'],
    },
  ]);
  assert.equal(admin.fx.last('GET', '/v2.1/os-simple-tenant-usage')!.query.detailed, '1');
});

test('live-migration --wait: to the host the scheduler picks; a member is refused in words; --read-only sends nothing', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const s = fx.addServer({ name: 'mover' });
  // 2.73: the last sample with the host in the server (2.90's is a member's view).
  const r = await run('--os-compute-api-version', '2.73', 'live-migration', '--wait', '--block-migrate', 'mover');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${s.id}/action`)!.json, { 'os-migrateLive': { host: null, block_migration: true } });
  assert.equal(r.stdout, `Server mover (${s.id}): live migration done, ACTIVE on host compute2.\n`);
  await run('live-migration', 'mover', 'compute1');
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${s.id}/action`)!.json, {
    'os-migrateLive': { host: 'compute1', block_migration: 'auto' },
  });
  const two = await run('live-migration', '--host', 'compute1', 'mover', 'compute2');
  assert.equal(two.code, 2);
  assert.equal(two.stderr, "ERROR: Two target hosts given ('compute2' and --host 'compute1'): give one.\n");
  const older = fx.addServer({ name: 'older' });
  const old = await run('--os-compute-api-version', '2.24', 'live-migration', 'older');
  assert.equal(old.code, 0, old.stderr);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${older.id}/action`)!.json, {
    'os-migrateLive': { host: null, block_migration: false, disk_over_commit: false },
  });
  fx.clearRequests();
  for (const name of ['live-migration', 'evacuate']) {
    const ro = await run('--read-only', name, 'mover');
    assert.equal(ro.stderr, `ERROR: novash ${name} changes the cloud and --read-only is set; nothing was sent.\n`);
  }
  assert.equal(fx.requests.length, 0);

  const member = await cloud(t);
  member.fx.addServer({ name: 'mover' });
  const refused = await member.run('live-migration', 'mover');
  assert.equal(refused.code, 1);
  refusedForMember(refused.stderr, 'live-migration', 'os_compute_api:os-migrate-server:migrate_live');
});

test('evacuate: only from a host that is down (Nova says so otherwise); a password given is not echoed', async (t) => {
  const { fx, run } = await cloud(t, ADMIN);
  const s = fx.addServer({ name: 'stranded' });
  const up = await run('evacuate', 'stranded');
  assert.equal(up.code, 1);
  assert.match(up.stderr, /^ERROR \(badRequest\): Compute service of compute1 is still in use\. \(HTTP 400/);
  fx.setHostDown('compute1');
  const r = await run('--os-compute-api-version', '2.73', 'evacuate', '--wait', '--password', 'S3cret-pass', 'stranded');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${s.id}/action`)!.json, { evacuate: { adminPass: 'S3cret-pass' } });
  assert.equal(r.stdout, `Server stranded (${s.id}): evacuation done, ACTIVE on host compute2.\n`);
  assert.doesNotMatch(r.stdout + r.stderr, /S3cret-pass/);
  const other = fx.addServer({ name: 'stranded-2' });
  const old = await run('--os-compute-api-version', '2.13', 'evacuate', 'stranded-2');
  assert.equal(old.code, 0, old.stderr);
  assert.deepEqual(fx.last('POST', `/v2.1/servers/${other.id}/action`)!.json, { evacuate: { onSharedStorage: false } });
  assert.match(
    old.stdout,
    /^Request to evacuate server stranded-2 \(\S+\) has been accepted\. Its new admin password: \S+\n$/,
    'shown once',
  );
});
