/**
 * The one-shot commands against the real local cloud (scripts/devcloud), as a user runs them.
 * Every server and image made here is deleted at the end, so the suite can run twice in a row.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  cleanEnv,
  e2eEnabled,
  keystoneCountingProxy,
  novash,
  novashAsync,
  novashJson,
  novashOk,
  openstackJson,
  skipReason,
  uniqueName,
  BIN,
} from './cloud.js';

type Row = Record<string, unknown>;
type Record_ = Record<string, unknown>;

const env = cleanEnv();
const serverName = `E2E Server ${uniqueName('cli')}`;
const humanId = serverName.toLowerCase().replace(/\s+/g, '-');
let serverId = '';
/** Backups and snapshots outlive their server: remembered for the clean-up. */
let imageOwnerId = '';
const createdImages: string[] = [];

function show(name: string): Record_ {
  return novashJson<Record_>(['show', name], env);
}

const ok = (args: string[]): string => novashOk(args, env);

describe('one-shot commands on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
  });

  after(() => {
    // Clean up even when a test failed half-way.
    if (serverId) novash(['delete', '--wait', serverId], env);
    for (const id of createdImages) novash(['image-delete', id], env);
    if (imageOwnerId) {
      for (const img of novashJson<Row[]>(['image-list', '--property', `instance_uuid=${imageOwnerId}`], env))
        novash(['image-delete', String(img.ID)], env);
    }
  });

  test('flavor-list shows the seeded flavors; the private one only with --all as admin', () => {
    const pub = novashJson<Row[]>(['flavor-list'], env).map((f) => f.Name);
    for (const n of ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large']) assert.ok(pub.includes(n), `${n} in ${pub}`);
    assert.ok(!pub.includes('m1.private'), 'the private flavor is not in the public list');
    const all = novashJson<Row[]>(['flavor-list', '--all'], env).map((f) => f.Name);
    assert.ok(all.includes('m1.private'), 'admin sees the private flavor with --all');
  });

  test('flavor-list gives the same IDs and names as the openstack CLI', () => {
    const ours = novashJson<Row[]>(['flavor-list', '--all'], env)
      .map((f) => `${f.ID} ${f.Name}`)
      .sort();
    const theirs = openstackJson<Row[]>(['flavor', 'list', '--all'], env)
      .map((f) => `${f.ID} ${f.Name}`)
      .sort();
    assert.deepEqual(ours, theirs);
  });

  test('boot --nic none --wait ends ACTIVE', () => {
    const r = novash(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', serverName, '-f', 'json'], env);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Record_;
    serverId = String(s.id);
    imageOwnerId = serverId;
    assert.equal(s.status, 'ACTIVE');
    assert.match(r.stderr, /boot .*ACTIVE/, 'progress was shown on stderr');
  });

  test('show finds the server by name, human_id and ID', () => {
    for (const key of [serverName, humanId, serverId]) {
      const s = show(key);
      assert.equal(s.id, serverId, `lookup by '${key}'`);
      assert.equal(s.name, serverName);
    }
  });

  test('list shows it with image and flavor names, like the openstack CLI', () => {
    const ours = novashJson<Row[]>(['list'], env);
    const row = ours.find((r) => r.ID === serverId);
    assert.ok(row, 'the server is listed');
    assert.equal(row.Image, 'tiny-image');
    assert.equal(row.Flavor, 'm1.tiny');
    const theirs = openstackJson<Row[]>(['server', 'list'], env);
    assert.deepEqual(ours.map((r) => `${r.ID} ${r.Name}`).sort(), theirs.map((r) => `${r.ID} ${r.Name}`).sort());
    assert.deepEqual(
      novashJson<Row[]>(['list', '--name', serverName], env).map((r) => r.ID),
      [serverId],
    );
  });

  test('image-list gives the same IDs and names as the openstack CLI', () => {
    const ours = novashJson<Row[]>(['image-list'], env)
      .map((i) => `${i.ID} ${i.Name}`)
      .sort();
    const theirs = openstackJson<Row[]>(['image', 'list'], env)
      .map((i) => `${i.ID} ${i.Name}`)
      .sort();
    assert.deepEqual(ours, theirs);
  });

  // -f json carries Nova's power_state number: 1 Running, 3 Paused, 4 Shutdown, 7 Suspended.
  const steps: Array<[string, string, number]> = [
    ['stop', 'SHUTOFF', 4],
    ['start', 'ACTIVE', 1],
    ['reboot', 'ACTIVE', 1],
    ['pause', 'PAUSED', 3],
    ['unpause', 'ACTIVE', 1],
    ['suspend', 'SUSPENDED', 7],
    ['resume', 'ACTIVE', 1],
  ];
  for (const [action, status, power] of steps) {
    test(`${action} --wait leaves the server ${status}`, () => {
      ok([action, '--wait', humanId]);
      const s = show(serverId);
      assert.equal(s.status, status);
      assert.equal(s['OS-EXT-STS:power_state'], power);
      assert.equal(s['OS-EXT-STS:task_state'], null);
    });
  }

  test('lock and unlock', () => {
    ok(['lock', serverName]);
    assert.equal(show(serverId).locked, true);
    ok(['unlock', serverName]);
    assert.equal(show(serverId).locked, false);
  });

  test('resize then revert goes back to the old flavor', () => {
    ok(['resize', '--wait', serverId, 'm1.small']);
    assert.equal(show(serverId).status, 'VERIFY_RESIZE');
    ok(['resize-revert', '--wait', serverId]);
    const s = show(serverId);
    assert.equal(s.status, 'ACTIVE');
    assert.equal((s.flavor as { name?: string }).name, 'm1.tiny');
  });

  test('resize then confirm keeps the new flavor', () => {
    ok(['resize', '--wait', serverId, 'm1.small']);
    ok(['resize-confirm', '--wait', serverId]);
    const s = show(serverId);
    assert.equal(s.status, 'ACTIVE');
    assert.equal((s.flavor as { name?: string }).name, 'm1.small');
  });

  test('backup three times with rotation 2 leaves exactly the two newest in Glance', () => {
    const names = ['b1', 'b2', 'b3'].map((b) => `${humanId}-${b}`);
    for (const name of names) ok(['backup', '--wait', serverId, name, 'daily', '2']);
    const backups = novashJson<Row[]>(['image-list', '--property', `instance_uuid=${serverId}`, '--property', 'image_type=backup'], env);
    assert.deepEqual(backups.map((b) => b.Name).sort(), names.slice(1).sort());
    assert.ok(backups.every((b) => b.Status === 'active'));
    const theirs = openstackJson<Row[]>(['image', 'list', '--property', `instance_uuid=${serverId}`], env);
    assert.deepEqual(theirs.map((b) => b.Name).sort(), names.slice(1).sort(), 'Glance itself agrees');
  });

  test('image-create --wait ends with an active snapshot', () => {
    const img = novashJson<Record_>(['image-create', '--wait', serverId, `${humanId}-snap`], env);
    createdImages.push(String(img.id));
    assert.equal(img.status, 'active');
    assert.equal(img.image_type, 'snapshot');
    assert.equal(img.instance_uuid, serverId);
  });

  test('console-log and instance-action-list', () => {
    const r = novash(['console-log', serverId], env);
    assert.equal(r.code, 0, r.stderr);
    const actions = novashJson<Row[]>(['instance-action-list', serverId], env).map((a) => a.Action);
    for (const a of ['create', 'stop', 'start', 'reboot', 'pause', 'resize', 'confirmResize', 'createBackup', 'createImage']) {
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    }
  });

  test('limits show used and remaining', () => {
    const rows = novashJson<Row[]>(['limits'], env);
    const inst = rows.find((r) => r.Name === 'Instances')!;
    assert.ok(Number(inst.Used) >= 1);
    assert.equal(Number(inst.Remaining), Number(inst.Max) - Number(inst.Used));
  });

  test('delete --wait removes it, and the caches stop offering it', () => {
    const before = spawnSync(process.execPath, [BIN, '__complete', '1', 'show', humanId.slice(0, 12)], {
      env: { ...env, OS_CLOUD: 'devcloud' },
      encoding: 'utf8',
    });
    assert.ok(before.stdout.split('\n').includes(humanId), `completion offers it before delete: ${before.stdout}`);
    ok(['delete', '--wait', serverId]);
    const r = novash(['show', serverId], env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /No server with a name or ID of/);
    const afterDelete = spawnSync(process.execPath, [BIN, '__complete', '1', 'show', humanId.slice(0, 12)], {
      env: { ...env, OS_CLOUD: 'devcloud' },
      encoding: 'utf8',
    });
    assert.ok(!afterDelete.stdout.includes(humanId), `completion no longer offers it: ${afterDelete.stdout}`);
    const cacheRoot = env.NOVASH_CACHE_DIR!;
    const caches = readdirSync(cacheRoot)
      .map((d) => join(cacheRoot, d, 'server-uuid-cache'))
      .filter((f) => existsSync(f));
    assert.ok(caches.length > 0, 'a server cache was written');
    for (const file of caches) assert.ok(!readFileSync(file, 'utf8').includes(serverId));
    serverId = '';
  });
});

describe('tokens and permissions on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  test('ten commands cost Keystone exactly one token request', async () => {
    // Counted by a proxy in front of Keystone, not by trusting novash: the services' own logins
    // land in Keystone's log too.
    const proxy = await keystoneCountingProxy();
    try {
      const freshEnv: NodeJS.ProcessEnv = { ...cleanEnv(), OS_CLIENT_CONFIG_FILE: proxy.cloudsYaml };
      const commands = [
        ['flavor-list'],
        ['list'],
        ['image-list'],
        ['keypair-list'],
        ['limits'],
        ['flavor-show', 'm1.tiny'],
        ['availability-zone-list'],
        ['list', '--long'],
        ['image-show', 'tiny-image'],
        ['whoami'],
      ];
      for (const c of commands) {
        const r = await novashAsync(c, freshEnv);
        assert.equal(r.code, 0, `${c.join(' ')}: ${r.stderr}`);
      }
      assert.equal(proxy.tokenRequests(), 1);
      const tokens = join(freshEnv.NOVASH_CONFIG_DIR!, 'tokens.json');
      assert.equal(statSync(tokens).mode & 0o777, 0o600);
      assert.ok(!readFileSync(tokens, 'utf8').includes('devcloud-admin'), 'the password is not stored');
    } finally {
      await proxy.close();
    }
  });

  test('the demo user is refused an admin-only listing, with a clear message', () => {
    const demoEnv = cleanEnv();
    const r = novash(['list', '--all-tenants'], demoEnv, 'devcloud-demo');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ERROR \(forbidden\): Policy doesn't allow os_compute_api:servers:detail:get_all_tenants/);
    assert.match(r.stderr, /HTTP 403, request req-/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  test('the demo user sees the private flavor shared with its project, as the openstack CLI does', () => {
    const demoEnv = cleanEnv();
    const ours = novashJson<Row[]>(['flavor-list'], demoEnv, 'devcloud-demo')
      .map((f) => `${f.ID} ${f.Name}`)
      .sort();
    const theirs = openstackJson<Row[]>(['flavor', 'list'], demoEnv, 'devcloud-demo')
      .map((f) => `${f.ID} ${f.Name}`)
      .sort();
    assert.deepEqual(ours, theirs);
  });

  test('a wrong password is a clear message and a non-zero exit', () => {
    const r = novash(['--os-password', 'wrong-password', 'list'], cleanEnv());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Authentication failed/);
    assert.doesNotMatch(r.stderr, /wrong-password/);
  });
});
