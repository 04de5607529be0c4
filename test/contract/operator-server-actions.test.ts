/**
 * The operator's server actions through the managers, against the fixture Nova across
 * microversions: the body each sends, the state the server reaches, admin-only refusals, and
 * fields refused before anything is sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { ApiError } from '../../src/session/errors.js';
import type { FixtureServer } from '../support/fixtureServer.js';
import { CIRROS_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { managedCloud, only, settle } from '../support/managers.js';

const ADMIN = ['admin', 'member', 'reader'];
const STOPPED_ID = '0e44cc9c-e052-415d-afbf-469b0d384170';

/** The call throws a FieldError for `field` and no action request leaves. */
async function refusedBeforeSending(fx: FixtureServer, run: () => Promise<unknown>, field: string, message: RegExp): Promise<void> {
  const before = fx.requests.length;
  await assert.rejects(run, (err: unknown) => err instanceof FieldError && err.field === field && message.test(err.message));
  assert.equal(fx.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/action')).length, 0, 'nothing sent');
}

function policyRefusal(rule: string) {
  return (err: unknown) => err instanceof ApiError && err.status === 403 && err.message === `Policy doesn't allow ${rule} to be performed.`;
}

for (const mv of ['2.1', '2.77', '2.91']) {
  test(`shelve then unshelve at ${mv}: SHELVED_OFFLOADED (offloaded at once), then ACTIVE; the shelved image comes and goes`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    await m.serverActions.shelve(SAMPLE_SERVER_ID);
    assert.deepEqual(only(fx, 'POST', /\/action$/).json, { shelve: null });
    assert.ok(
      fx.images.some((i) => i.name === 'new-server-test-shelved'),
      'Nova snapshots the disk',
    );
    assert.equal(await settle(m, SAMPLE_SERVER_ID, 'SHELVED_OFFLOADED'), 'SHELVED_OFFLOADED');
    assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, null, 'offloaded: off its host');

    fx.clearRequests();
    if (mv === '2.1') {
      await refusedBeforeSending(
        fx,
        () => m.serverActions.unshelve(SAMPLE_SERVER_ID, { availabilityZone: 'nova' }),
        'availabilityZone',
        /needs compute API version 2\.77 or later \(in use: 2\.1\)/,
      );
      await m.serverActions.unshelve(SAMPLE_SERVER_ID);
      assert.deepEqual(fx.last('POST', /\/action$/)!.json, { unshelve: null });
    } else if (mv === '2.77') {
      await refusedBeforeSending(
        fx,
        () => m.serverActions.unshelve(SAMPLE_SERVER_ID, { availabilityZone: null }),
        'availabilityZone',
        /needs compute API version 2\.91/,
      );
      await refusedBeforeSending(
        fx,
        () => m.serverActions.unshelve(SAMPLE_SERVER_ID, { host: 'compute2' }),
        'host',
        /needs compute API version 2\.91/,
      );
      await m.serverActions.unshelve(SAMPLE_SERVER_ID, { availabilityZone: 'nova' });
      assert.deepEqual(fx.last('POST', /\/action$/)!.json, { unshelve: { availability_zone: 'nova' } });
    } else {
      // A member may not choose the host (Nova's policy); an admin may.
      await assert.rejects(
        m.serverActions.unshelve(SAMPLE_SERVER_ID, { host: 'compute2' }),
        policyRefusal('os_compute_api:os-shelve:unshelve_to_host'),
      );
      await as(ADMIN).serverActions.unshelve(SAMPLE_SERVER_ID, { availabilityZone: null, host: 'compute2' });
      assert.deepEqual(fx.last('POST', /\/action$/)!.json, { unshelve: { availability_zone: null, host: 'compute2' } });
    }
    assert.equal(await settle(m, SAMPLE_SERVER_ID, 'ACTIVE'), 'ACTIVE');
    assert.ok(!fx.images.some((i) => i.name === 'new-server-test-shelved'), 'the shelved image is deleted on unshelve');
    if (mv === '2.91') assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute2');
  });
}

test("shelve-offload is for admins: a member gets Nova's 403; an admin offloads a SHELVED server", async (t) => {
  const { fx, m, as } = await managedCloud(t, '2.93', { shelvedOffloadTime: -1 });
  await m.serverActions.shelve(SAMPLE_SERVER_ID);
  assert.equal(await settle(m, SAMPLE_SERVER_ID, 'SHELVED'), 'SHELVED');
  await assert.rejects(m.serverActions.shelveOffload(SAMPLE_SERVER_ID), policyRefusal('os_compute_api:os-shelve:shelve_offload'));
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.status, 'SHELVED', 'nothing happened');
  await as(ADMIN).serverActions.shelveOffload(SAMPLE_SERVER_ID);
  assert.deepEqual(fx.last('POST', /\/action$/)!.json, { shelveOffload: null });
  assert.equal(await settle(m, SAMPLE_SERVER_ID, 'SHELVED_OFFLOADED'), 'SHELVED_OFFLOADED');
  // An availability zone is only taken for an offloaded server; this one is: accepted.
  await m.serverActions.unshelve(SAMPLE_SERVER_ID, { availabilityZone: 'nova' });
  assert.equal(await settle(m, SAMPLE_SERVER_ID, 'ACTIVE'), 'ACTIVE');
});

test('rescue with an image and a password, then unrescue; the answered password is the one given', async (t) => {
  const { fx, m } = await managedCloud(t, '2.87');
  const out = await m.serverActions.rescue(SAMPLE_SERVER_ID, { imageId: CIRROS_ID, adminPass: 'Resc-ue-pw' });
  assert.deepEqual(out, { adminPass: 'Resc-ue-pw' });
  assert.deepEqual(only(fx, 'POST', /\/action$/).json, { rescue: { adminPass: 'Resc-ue-pw', rescue_image_ref: CIRROS_ID } });
  assert.equal(await settle(m, SAMPLE_SERVER_ID, 'RESCUE'), 'RESCUE');
  await m.serverActions.unrescue(SAMPLE_SERVER_ID);
  assert.deepEqual(fx.last('POST', /\/action$/)!.json, { unrescue: null });
  assert.equal(await settle(m, SAMPLE_SERVER_ID, 'ACTIVE'), 'ACTIVE');

  // Without options Nova picks the image and generates a password.
  const generated = await m.serverActions.rescue(STOPPED_ID);
  assert.deepEqual(fx.last('POST', /\/action$/)!.json, { rescue: null });
  assert.match(generated.adminPass ?? '', /^\S{8,}$/);
  // A missing image is Nova's 400, with its message.
  await assert.rejects(
    m.serverActions.rescue(SAMPLE_SERVER_ID, { imageId: 'no-such-image' }),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /Image no-such-image could not be found/.test(e.message),
  );
  // A server already rescued: Nova's 409 names the state.
  await settle(m, STOPPED_ID, 'RESCUE');
  await assert.rejects(
    m.serverActions.rescue(STOPPED_ID),
    (e: unknown) => e instanceof ApiError && e.status === 409 && /vm_state rescued/.test(e.message),
  );
});

for (const mv of ['2.1', '2.56']) {
  test(`cold migration at ${mv} (admin): another host, VERIFY_RESIZE, confirm; the migration follows the server`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    const admin = as(ADMIN);
    await assert.rejects(m.serverActions.migrate(SAMPLE_SERVER_ID), policyRefusal('os_compute_api:os-migrate-server:migrate'));
    if (mv === '2.1') {
      await refusedBeforeSending(
        fx,
        () => admin.serverActions.migrate(SAMPLE_SERVER_ID, { host: 'compute2' }),
        'host',
        /A target host for a cold migration needs compute API version 2\.56 or later \(in use: 2\.1\)\./,
      );
      await admin.serverActions.migrate(SAMPLE_SERVER_ID);
      assert.deepEqual(fx.last('POST', /\/action$/)!.json, { migrate: null });
    } else {
      await assert.rejects(
        admin.serverActions.migrate(SAMPLE_SERVER_ID, { host: 'compute1' }),
        (e: unknown) => e instanceof ApiError && e.status === 400 && /Cannot migrate to the host where the server exists/.test(e.message),
      );
      await assert.rejects(
        admin.serverActions.migrate(SAMPLE_SERVER_ID, { host: 'nowhere' }),
        (e: unknown) => e instanceof ApiError && /Compute host nowhere could not be found/.test(e.message),
      );
      await admin.serverActions.migrate(SAMPLE_SERVER_ID, { host: 'compute2' });
      assert.deepEqual(fx.last('POST', /\/action$/)!.json, { migrate: { host: 'compute2' } });
    }
    const running = await admin.migrations.list({ serverId: SAMPLE_SERVER_ID });
    assert.equal(running.length, 1);
    assert.equal(running[0]!.sourceCompute, 'compute1');
    assert.equal(running[0]!.destCompute, 'compute2');
    assert.equal(await settle(m, SAMPLE_SERVER_ID, 'VERIFY_RESIZE'), 'VERIFY_RESIZE');
    assert.equal((await admin.migrations.list({ serverId: SAMPLE_SERVER_ID }))[0]!.status, 'finished');
    await m.servers.confirmResize(SAMPLE_SERVER_ID);
    assert.equal(await settle(m, SAMPLE_SERVER_ID, 'ACTIVE'), 'ACTIVE');
    assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute2');
    assert.equal((await admin.migrations.list({ serverId: SAMPLE_SERVER_ID }))[0]!.status, 'confirmed');
  });
}

test('a reverted cold migration goes back to its host', async (t) => {
  const { fx, m, as } = await managedCloud(t, '2.93');
  await as(ADMIN).serverActions.migrate(SAMPLE_SERVER_ID);
  await settle(m, SAMPLE_SERVER_ID, 'VERIFY_RESIZE');
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute2');
  await m.servers.revertResize(SAMPLE_SERVER_ID);
  await settle(m, SAMPLE_SERVER_ID, 'ACTIVE');
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute1');
  assert.equal((await as(ADMIN).migrations.list({ serverId: SAMPLE_SERVER_ID, migrationType: 'migration' }))[0]!.status, 'reverted');
});

for (const [mv, body] of [
  ['2.1', { host: null, block_migration: false, disk_over_commit: false }],
  ['2.25', { host: null, block_migration: 'auto' }],
  ['2.68', { host: 'compute2', block_migration: true }],
] as const) {
  test(`live migration at ${mv} sends ${JSON.stringify(body)}; MIGRATING shows in the server's migrations, then ACTIVE on the new host`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    const admin = as(ADMIN);
    await assert.rejects(m.serverActions.liveMigrate(SAMPLE_SERVER_ID), policyRefusal('os_compute_api:os-migrate-server:migrate_live'));
    if (mv === '2.1') {
      await refusedBeforeSending(
        fx,
        () => admin.serverActions.liveMigrate(SAMPLE_SERVER_ID, { blockMigration: 'auto' }),
        'blockMigration',
        /'auto' needs compute API version 2\.25 or later \(in use: 2\.1\); give true or false\./,
      );
      await admin.serverActions.liveMigrate(SAMPLE_SERVER_ID);
    } else if (mv === '2.25') {
      await refusedBeforeSending(
        fx,
        () => admin.serverActions.liveMigrate(SAMPLE_SERVER_ID, { diskOverCommit: true }),
        'diskOverCommit',
        /only accepted before compute API version 2\.25/,
      );
      await admin.serverActions.liveMigrate(SAMPLE_SERVER_ID);
    } else {
      await admin.serverActions.liveMigrate(SAMPLE_SERVER_ID, { host: 'compute2', blockMigration: true });
    }
    assert.deepEqual(fx.last('POST', /\/action$/)!.json, { 'os-migrateLive': body });
    assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.status, 'MIGRATING');
    if (mv !== '2.1') {
      const inProgress = await admin.migrations.listForServer(SAMPLE_SERVER_ID);
      assert.equal(inProgress.length, 1);
      assert.equal(inProgress[0]!.status, 'running');
      assert.equal(inProgress[0]!.memoryTotalBytes, 123456);
      const one = await admin.migrations.getForServer(SAMPLE_SERVER_ID, inProgress[0]!.number);
      assert.equal(one.serverId, SAMPLE_SERVER_ID);
      await assert.rejects(m.migrations.listForServer(SAMPLE_SERVER_ID), policyRefusal('os_compute_api:servers:migrations:index'));
    } else {
      await assert.rejects(
        admin.migrations.listForServer(SAMPLE_SERVER_ID),
        /Listing a server's migrations needs compute API version 2\.23 or later \(in use: 2\.1\)\./,
      );
    }
    assert.equal(await settle(m, SAMPLE_SERVER_ID, 'ACTIVE'), 'ACTIVE');
    assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute2');
    const [done] = await admin.migrations.list({ serverId: SAMPLE_SERVER_ID, migrationType: 'live-migration' });
    assert.equal(done!.status, 'completed');
    if (mv !== '2.1') assert.deepEqual(await admin.migrations.listForServer(SAMPLE_SERVER_ID), []);
  });
}

test('live migration with one usable host: Nova\'s "No valid host" refusal, nothing moves', async (t) => {
  const { fx, m, as } = await managedCloud(t, '2.93');
  fx.setHostDown('compute2');
  await assert.rejects(
    as(ADMIN).serverActions.liveMigrate(SAMPLE_SERVER_ID),
    (e: unknown) => e instanceof ApiError && e.status === 400 && /No valid host was found/.test(e.message),
  );
  assert.equal((await m.servers.get(SAMPLE_SERVER_ID)).status, 'ACTIVE');
});

for (const [mv, body, answer] of [
  ['2.1', { adminPass: 'Ev4c-pw', onSharedStorage: false }, { adminPass: 'Ev4c-pw' }],
  ['2.14', { host: 'compute2', adminPass: 'Ev4c-pw' }, {}],
  ['2.95', { host: 'compute2' }, {}],
] as const) {
  test(`evacuate at ${mv}: refused while the host is up, then rebuilt on another host`, async (t) => {
    const { fx, m, as } = await managedCloud(t, mv);
    const admin = as(ADMIN);
    const opts =
      mv === '2.1' ? { adminPass: 'Ev4c-pw' } : mv === '2.14' ? { host: 'compute2', adminPass: 'Ev4c-pw' } : { host: 'compute2' };
    await assert.rejects(m.serverActions.evacuate(SAMPLE_SERVER_ID, opts), policyRefusal('os_compute_api:os-evacuate'));
    await assert.rejects(
      admin.serverActions.evacuate(SAMPLE_SERVER_ID, opts),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /Compute service of compute1 is still in use/.test(e.message),
    );
    if (mv === '2.1') {
      await refusedBeforeSending(
        fx,
        () => admin.serverActions.evacuate(SAMPLE_SERVER_ID, { onSharedStorage: true, adminPass: 'x' }),
        'adminPass',
        /shared storage/,
      );
    } else {
      await refusedBeforeSending(
        fx,
        () => admin.serverActions.evacuate(SAMPLE_SERVER_ID, { onSharedStorage: true }),
        'onSharedStorage',
        /only accepted before compute API version 2\.14/,
      );
    }
    fx.setHostDown('compute1');
    const out = await admin.serverActions.evacuate(SAMPLE_SERVER_ID, opts);
    assert.deepEqual(fx.last('POST', /\/action$/)!.json, { evacuate: body });
    assert.deepEqual(out, answer);
    // From 2.95 an evacuated server is left stopped.
    const end = mv === '2.95' ? 'SHUTOFF' : 'ACTIVE';
    assert.equal(await settle(m, SAMPLE_SERVER_ID, end), end);
    assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.host, 'compute2');
    const [evac] = await admin.migrations.list({ serverId: SAMPLE_SERVER_ID, migrationType: mv === '2.1' ? undefined : 'evacuation' });
    assert.equal(evac!.status, 'done');
  });
}

test("every action lands in the server's instance actions, with the request id Nova answered", async (t) => {
  const { fx, m } = await managedCloud(t, '2.84');
  await m.serverActions.shelve(SAMPLE_SERVER_ID);
  const requestId = fx.last('POST', /\/action$/)!.requestId!;
  const list = await m.servers.instanceActions(SAMPLE_SERVER_ID);
  assert.equal(list[0]!.action, 'shelve');
  assert.equal(list[0]!.requestId, requestId);
  const shown = await m.servers.instanceAction(SAMPLE_SERVER_ID, requestId);
  assert.equal(shown.action, 'shelve');
  assert.deepEqual(
    shown.events?.map((e) => [e.event, e.result]),
    [['compute_shelve_instance', 'Success']],
  );
});
