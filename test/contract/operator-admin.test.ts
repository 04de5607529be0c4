/**
 * The admin's views through the managers against the fixture Nova: migrations (filters, paging
 * from 2.59), hypervisors (ids, search, servers, uptime across 2.1..2.88), compute services,
 * quotas with usage and defaults, simple tenant usage (paged from 2.40). A member is refused
 * with Nova's 403 where Nova's default policy says so.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { ApiError } from '../../src/session/errors.js';
import { CIRROS_ID, PROJECT_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { managedCloud, only } from '../support/managers.js';

const ADMIN = ['admin', 'member', 'reader'];
const forbidden = (rule: string) => (e: unknown) =>
  e instanceof ApiError && e.status === 403 && e.message === `Policy doesn't allow ${rule} to be performed.`;

for (const mv of ['2.1', '2.23', '2.59', '2.80']) {
  test(`migration list at ${mv}: newest first, filters, the fields of the version; a member is refused`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv, { novaMaxLimit: 2 });
    await assert.rejects(m.migrations.list(), forbidden('os_compute_api:os-migrations:index'));
    fx.clearRequests();
    const admin = as(ADMIN);
    const all = await admin.migrations.list();
    assert.deepEqual(
      all.map((x) => x.number),
      [3, 2, 1],
    );
    const minor = Number(mv.split('.')[1]);
    // Paged from 2.59 (here 2 a page), one answer before.
    assert.equal(fx.count('GET', '/v2.1/os-migrations'), minor >= 59 ? 2 : 1);
    assert.equal(all[0]!.id, minor >= 59 ? '32341d4b-346a-40d0-83c6-5f4f6892b650' : '3', 'uuids from 2.59');
    assert.equal(all[0]!.migrationType, minor >= 23 ? 'resize' : undefined);
    assert.equal(all[0]!.projectId, minor >= 80 ? '9842f0f7-1229-4355-afe7-15ebdbb8c3d8' : undefined);
    fx.clearRequests();
    const errors = await admin.migrations.list({ status: 'error', host: 'compute2' });
    assert.deepEqual(
      errors.map((x) => x.number),
      [3, 2],
    );
    assert.deepEqual(fx.find('GET', '/v2.1/os-migrations')[0]!.query, { status: 'error', host: 'compute2' });
    assert.equal((await admin.migrations.list({}, { limit: 1 })).length, 1);
    if (minor < 59) {
      await assert.rejects(
        admin.migrations.list({ changesSince: '2016-01-01T00:00:00Z' }),
        (e: unknown) => e instanceof FieldError && e.field === 'changesSince' && /needs compute API version 2\.59/.test(e.message),
      );
    } else {
      assert.deepEqual(
        (await admin.migrations.list({ changesSince: '2016-06-01T00:00:00Z' })).map((x) => x.number),
        [3],
      );
    }
    if (minor >= 80)
      assert.deepEqual(
        (await admin.migrations.list({ projectId: 'ef92ccff-00f3-46e4-b015-811110e36ee4' })).map((x) => x.number),
        [2, 1],
      );
    else
      await assert.rejects(admin.migrations.list({ projectId: 'x' }), (e: unknown) => e instanceof FieldError && e.field === 'projectId');
  });
}

for (const mv of ['2.1', '2.28', '2.33', '2.53', '2.88']) {
  test(`hypervisors at ${mv}: list, detail, find by name, servers, uptime`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    await assert.rejects(m.hypervisors.list(), forbidden('os_compute_api:os-hypervisors:list'));
    const admin = as(ADMIN);
    const minor = Number(mv.split('.')[1]);
    const list = await admin.hypervisors.list();
    assert.deepEqual(
      list.map((h) => [h.id, h.name, h.state, h.status]),
      [
        [minor >= 53 ? '1bb62a04-c576-402c-8147-9e89757a09e3' : '1', 'compute1', 'up', 'enabled'],
        [minor >= 53 ? 'f6d28711-9c10-470e-8b31-c03f498b0032' : '2', 'compute2', 'up', 'enabled'],
      ],
    );
    const [c1] = await admin.hypervisors.list({ detailed: true });
    assert.equal(c1!.hostIp, '192.168.1.135');
    assert.equal(c1!.service?.host, 'compute1');
    if (minor >= 88) {
      assert.equal(c1!.vcpus, undefined, 'the counters are gone from 2.88');
    } else {
      assert.equal(c1!.vcpus, 8);
      assert.equal(c1!.runningVms, fx.servers.length, 'every seeded server runs on compute1');
      assert.equal(typeof c1!.cpuInfo, 'object', 'cpu_info parsed (a JSON string before 2.28)');
    }
    const shown = await admin.hypervisors.find('compute1', { withServers: true });
    assert.equal(shown.name, 'compute1');
    if (minor >= 53) assert.equal(shown.servers?.length, fx.servers.length);
    const uptime = await admin.hypervisors.uptime(shown.id);
    assert.match(uptime ?? '', /up 93 days/);
    assert.equal(fx.count('GET', /\/uptime$/), minor >= 88 ? 0 : 1);
    const searched = await admin.hypervisors.list({ pattern: 'compute2', withServers: true });
    assert.deepEqual(
      searched.map((h) => h.name),
      ['compute2'],
    );
    assert.equal(searched[0]!.servers, undefined, 'no servers on compute2: Nova leaves the key out');
    if (minor < 53) assert.equal(fx.count('GET', '/v2.1/os-hypervisors/compute2/servers'), 1);
    else assert.deepEqual(fx.last('GET', '/v2.1/os-hypervisors')!.query, { hypervisor_hostname_pattern: 'compute2', with_servers: 'true' });
    await assert.rejects(admin.hypervisors.find('compute9'), /No hypervisor with a name or ID of 'compute9' exists\./);
  });
}

for (const mv of ['2.1', '2.11', '2.53']) {
  test(`compute services at ${mv}: binary, host, zone, status, state${mv === '2.1' ? '' : ', forced_down'}`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    await assert.rejects(m.computeServices.list(), forbidden('os_compute_api:os-services:list'));
    fx.clearRequests();
    const admin = as(ADMIN);
    fx.setHostDown('compute2');
    const computes = await admin.computeServices.list({ binary: 'nova-compute' });
    assert.deepEqual(only(fx, 'GET', '/v2.1/os-services').query, { binary: 'nova-compute' });
    assert.deepEqual(
      computes.map((s) => [s.host, s.zone, s.status, s.state]),
      [
        ['compute1', 'nova', 'enabled', 'up'],
        ['compute2', 'nova', 'enabled', 'down'],
      ],
    );
    assert.equal(computes[0]!.forcedDown, mv === '2.1' ? undefined : false);
    assert.match(computes[0]!.id!, mv === '2.53' ? /^[0-9a-f-]{36}$/ : /^\d+$/);
    assert.equal((await admin.computeServices.list()).length, 4);
  });
}

for (const mv of ['2.1', '2.36', '2.57']) {
  test(`quota at ${mv}: limits, in use from the detail, defaults; another project's for admins only`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    const limits = await m.quotas.get(PROJECT_ID);
    assert.equal(limits.quotas.instances!.limit, 10);
    assert.equal('floating_ips' in limits.quotas, mv === '2.1', 'network quotas gone from 2.36');
    assert.equal('injected_files' in limits.quotas, mv !== '2.57', 'injected files gone from 2.57');
    const usage = await m.quotas.usage(PROJECT_ID);
    assert.equal(only(fx, 'GET', `/v2.1/os-quota-sets/${PROJECT_ID}/detail`).status, 200);
    assert.deepEqual(usage.quotas.instances, { limit: 10, inUse: fx.servers.length, reserved: 0 });
    assert.deepEqual(usage.quotas.key_pairs, { limit: 100, inUse: 2, reserved: 0 });
    // 4 m1.tiny (512 MiB, 1 vCPU) and 2 m1.small (2048 MiB, 1 vCPU).
    assert.equal(usage.quotas.ram!.inUse, 4 * 512 + 2 * 2048);
    assert.equal(usage.quotas.cores!.inUse, 6);
    const defaults = await m.quotas.defaults(PROJECT_ID);
    assert.equal(defaults.quotas.cores!.limit, 20);
    await assert.rejects(m.quotas.usage('other-project'), forbidden('os_compute_api:os-quota-sets:detail'));
    assert.equal((await as(ADMIN).quotas.get('other-project')).projectId, 'other-project');
    await assert.rejects(m.quotas.get(''), (e: unknown) => e instanceof FieldError && e.field === 'projectId');
  });
}

for (const mv of ['2.1', '2.40']) {
  test(`usage at ${mv}: one project over a period (pages merged), all projects for admins`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv, { novaMaxLimit: 2 });
    // Two servers booted now: the seeded ones (2013) run through the whole period too.
    for (const name of ['u1', 'u2'])
      await m.servers.create({ name, imageId: CIRROS_ID, flavorId: '2', ...(mv === '2.1' ? {} : { networks: 'none' as const }) });
    const end = new Date();
    const start = new Date(end.getTime() - 3_600_000);
    const mine = await m.usage.get(PROJECT_ID, start, end);
    const minor = Number(mv.split('.')[1]);
    assert.equal(
      fx.count('GET', `/v2.1/os-simple-tenant-usage/${PROJECT_ID}`),
      minor >= 40 ? 5 : 1,
      'from 2.40 every page (2 servers each)',
    );
    assert.equal(mine.servers?.length, fx.servers.length);
    assert.ok(Math.abs(mine.totalHours - 6) < 0.05, `6 servers for the whole hour, 2 for a moment: ${mine.totalHours}`);
    const seeded = mine.servers!.find((s) => s.serverId === SAMPLE_SERVER_ID)!;
    assert.equal(seeded.flavor, 'm1.tiny');
    assert.ok(Math.abs(seeded.hours - 1) < 0.01);
    assert.ok(Math.abs(mine.totalMemoryMbUsage - (4 * 512 + 2 * 2048)) < 10);
    assert.match(fx.last('GET', /os-simple-tenant-usage/)!.query.start!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    await assert.rejects(m.usage.list(start, end), forbidden('os_compute_api:os-simple-tenant-usage:list'));
    const all = await as(ADMIN).usage.list(start, end, { detailed: true });
    assert.equal(all.length, 1, 'one project, its pages merged');
    assert.equal(all[0]!.servers?.length, fx.servers.length);
    await assert.rejects(
      m.usage.get(PROJECT_ID, end, start),
      (e: unknown) => e instanceof FieldError && e.field === 'start' && /is after the end/.test(e.message),
    );
    const empty = await m.usage.get(PROJECT_ID, new Date('2001-01-01T00:00:00Z'), new Date('2001-01-02T00:00:00Z'));
    assert.deepEqual([empty.totalHours, empty.servers], [0, []]);
  });
}
