/**
 * The operator's commands against the real local cloud: the admin's views of hosts, services,
 * quota, usage and migrations; a member refused them in words; one server taken through shelve,
 * unshelve, rescue and unrescue, one of its actions shown with its events, and what the local
 * cloud cannot do (no console proxy, one compute host) said clearly. The server is deleted at the end.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BIN, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';

type Row = Record<string, unknown>;

const env = cleanEnv();
const serverName = uniqueName('e2e-admin');
let serverId = '';

function ok(args: string[], cloud = 'devcloud'): string {
  const r = novash(args, env, cloud);
  assert.equal(r.code, 0, `novash ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function status(): string {
  return String(novashJson<Row>(['show', serverId], env).status);
}

const REFUSED =
  /^ERROR \(forbidden\): novash (\S+) is for cloud administrators, and user demo in project demo has no admin role: use an admin's cloud \(--os-cloud\) or credentials\. Nova said: Policy doesn't allow \S+ to be performed\. \(HTTP 403, request req-[0-9a-f-]+\)\n$/;

describe('operator commands on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
  });

  after(() => {
    if (serverId) novash(['delete', '--wait', serverId], env);
  });

  test('as admin: hypervisors, services, quota, usage and migrations, with typed values', () => {
    const hypervisors = novashJson<Row[]>(['hypervisor-list'], env);
    assert.ok(hypervisors.length >= 1);
    const h = hypervisors[0]!;
    assert.equal(h.State, 'up');
    assert.equal(h['Hypervisor Type'], 'fake');
    const shown = novashJson<Row>(['hypervisor-show', String(h['Hypervisor Hostname'])], env);
    assert.equal(shown.id, h.ID);
    assert.equal(shown.hypervisor_hostname, h['Hypervisor Hostname']);
    assert.equal(typeof shown.hypervisor_version, 'number');
    assert.ok('uptime' in shown);

    const services = novashJson<Row[]>(['service-list'], env);
    const compute = services.find((s) => s.Binary === 'nova-compute');
    assert.ok(compute, 'a nova-compute service');
    assert.equal(compute.State, 'up');
    assert.equal(compute.Status, 'enabled');
    assert.equal(compute['Forced down'], false);
    const filtered = novashJson<Row[]>(['service-list', '--binary', 'nova-scheduler'], env);
    assert.deepEqual(
      filtered.map((s) => s.Binary),
      ['nova-scheduler'],
    );

    const quota = novashJson<Row[]>(['quota-show'], env);
    const instances = quota.find((q) => q.Quota === 'instances')!;
    assert.equal(typeof instances.Limit, 'number');
    assert.equal(typeof instances['In Use'], 'number');
    assert.equal(typeof instances.Default, 'number');
    const defaults = novashJson<Row[]>(['quota-show', '--defaults'], env);
    assert.ok(defaults.some((q) => q.Quota === 'cores' && typeof q.Limit === 'number'));

    const usage = novashJson<Row>(['usage'], env);
    for (const k of ['servers', 'ram_mb_hours', 'cpu_hours', 'disk_gb_hours']) assert.equal(typeof usage[k], 'number', k);
    const everyone = novashJson<Row[]>(['usage-list'], env);
    for (const u of everyone) assert.equal(typeof u.Servers, 'number', 'servers as a number');
    // A project is listed when it had servers in the period: on a fresh cloud, admin may have none yet.
    if ((usage.servers as number) > 0) assert.ok(everyone.some((u) => u['Project ID'] === usage.project));

    const migrations = novashJson<Row[]>(['migration-list'], env);
    assert.ok(Array.isArray(migrations));
    for (const x of migrations) assert.equal(typeof x.Id, 'number');
  });

  test('as demo (a member): hypervisor-list and migration-list refused in words, nothing on stdout', () => {
    for (const command of ['hypervisor-list', 'migration-list', 'service-list', 'usage-list']) {
      const r = novash([command], env, 'devcloud-demo');
      assert.equal(r.code, 1, command);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, REFUSED);
      assert.equal(REFUSED.exec(r.stderr)![1], command);
    }
    // Its own quota and usage a member may see.
    assert.ok(novashJson<Row[]>(['quota-show'], env, 'devcloud-demo').length > 0);
  });

  test('one server: shelve, unshelve, rescue, unrescue (each --wait), an action with its events', () => {
    const image = novashJson<Row[]>(['image-list'], env).find((i) => i.Status === 'active')!;
    const booted = novashJson<Row>(
      ['boot', '--nic', 'none', '--image', String(image.ID), '--flavor', 'm1.tiny', '--wait', serverName],
      env,
    );
    serverId = String(booted.id);
    assert.equal(booted.status, 'ACTIVE');

    ok(['shelve', '--wait', serverId]);
    assert.equal(status(), 'SHELVED_OFFLOADED', 'the local cloud offloads at once');
    ok(['unshelve', '--wait', serverId]);
    assert.equal(status(), 'ACTIVE');
    const rescued = ok(['rescue', '--wait', serverId]);
    assert.match(rescued, /rescue done/);
    assert.equal(status(), 'RESCUE');
    ok(['unrescue', '--wait', serverId]);
    assert.equal(status(), 'ACTIVE');

    const actions = novashJson<Row[]>(['instance-action-list', serverId], env);
    assert.deepEqual(actions.map((a) => a.Action).slice(0, 5), ['unrescue', 'rescue', 'unshelve', 'shelve', 'create'], 'newest first');
    const rescue = actions.find((a) => a.Action === 'rescue')!;
    const detail = novashJson<Row>(['instance-action', serverId, String(rescue.Request_ID)], env);
    assert.equal(detail.action, 'rescue');
    assert.equal(detail.request_id, rescue.Request_ID);
    assert.equal(detail.instance_uuid, serverId);
    const events = detail.events as Row[];
    assert.ok(events.length >= 1);
    assert.ok(
      events.every((e) => e.result === 'Success'),
      JSON.stringify(events),
    );
    assert.match(String(events[0]!.event), /rescue/);
    const table = ok(['instance-action', serverName, String(rescue.Request_ID)]);
    assert.match(table, /\| events +\| compute_rescue_instance: Success/);
  });

  test('what the local cloud cannot do, said clearly: no console proxy, one compute host', () => {
    assert.ok(serverId, 'the server of the previous test');
    const console = novash(['console-url', serverId], env);
    assert.equal(console.code, 1);
    assert.match(
      console.stderr,
      /^ERROR \(badRequest\): This cloud offers no novnc console \(no console proxy of that kind is enabled\), so there is no URL for server \S+: Nova said "Unavailable console type novnc\."\. Try another --type, or read the console log with 'novash console-log \S+'\. \(HTTP 400, request req-/,
    );
    const serial = novash(['console-url', '--type', 'serial', serverId], env);
    assert.match(serial.stderr, /offers no serial console/);

    const moved = novash(['live-migration', '--wait', serverId], env);
    assert.equal(moved.code, 1, moved.stdout);
    assert.match(
      moved.stderr,
      /ERROR: Nova accepted the live migration of server \S+ \(\S+\), but it failed: No valid host was found\. There are not enough hosts available\. \(request req-[0-9a-f-]+; 'novash instance-action \S+ req-[0-9a-f-]+' shows its events\)\. The server is ACTIVE on host \S+\.\n$/,
    );
    assert.equal(status(), 'ACTIVE');
    const migrations = novashJson<Row[]>(['migration-list', '--server', serverId], env);
    assert.equal(migrations[0]!.Type, 'live-migration');
    assert.equal(migrations[0]!.Status, 'error');
    assert.equal(migrations[0]!['Instance UUID'], serverId);

    const evacuate = novash(['evacuate', serverId], env);
    assert.equal(evacuate.code, 1);
    assert.match(evacuate.stderr, /^ERROR \(badRequest\): Compute service of \S+ is still in use\. \(HTTP 400, request req-/);
  });
});
