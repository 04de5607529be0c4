/**
 * Declared server actions in both of Nova's styles (a member path: backup_instance; /action keys:
 * os-resetState with arguments, trigger_crash_dump with none), a wrapped-body resource
 * (os-aggregates), all from the shipped declarations with no code of their own; and
 * `extension-list`, which says what each file adds and what this cloud serves.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { type RunResult, hasStack, parseBoxTable, parseRecord } from '../support/run.js';
import { NOVA_EXTRAS_YAML, SITE_YAML, siteCloud } from '../support/siteExtensionRoutes.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

const BOTH = [SITE_YAML, NOVA_EXTRAS_YAML];
const BACKUP_PATH = `/v2.1/servers/${SAMPLE_SERVER_ID}/backup_instance`;

test('backup-instance: a member-path POST, sent once; --wait follows the image to active', async (t) => {
  const { fx, run, bin } = await siteCloud(t);
  const r = ok(await bin('backup-instance', 'new-server-test', 'b1', 'nightly', '--wait'));
  const posts = fx.find('POST', BACKUP_PATH);
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0]!.json, { name: 'b1', description: 'nightly' });
  const image = parseRecord(r.stdout);
  assert.equal(image.get('name'), 'b1');
  assert.equal(image.get('status'), 'active');
  assert.match(image.get('properties')!, /description='nightly'/);
  assert.match(r.stderr, /backup-instance new-server-test: image saving/);
  assert.match(r.stderr, /backup-instance new-server-test: image active/);
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.taskState, null, 'and the server has finished its image task');

  // Without --wait: the image id, at once.
  const quick = ok(await run('backup-instance', 'Web Server 1', 'b2', 'weekly'));
  const made = fx.images.find((i) => i.name === 'b2')!;
  assert.equal(
    quick.stdout,
    `Request to backup-instance server Web Server 1 (9168b536-cd40-4630-b43f-b259807c6e87) has been accepted; image ${made.id}.\n`,
  );
  assert.deepEqual(JSON.parse(ok(await run('backup-instance', 'stopped-vm', 'b3', 'x', '-f', 'json')).stdout).data, {
    id: fx.images.find((i) => i.name === 'b3')!.id,
  });
});

test("backup-instance: the cloud's refusals (409, 404) with message and request id; bad input sends nothing", async (t) => {
  const { fx, run } = await siteCloud(t);
  fx.serverById(SAMPLE_SERVER_ID)!.taskState = 'rebooting';
  const busy = await run('backup-instance', 'new-server-test', 'b1', 'nightly');
  assert.equal(busy.code, 1);
  const answer = fx.last('POST', BACKUP_PATH)!;
  assert.equal(
    busy.stderr,
    `ERROR (conflictingRequest): Cannot 'backup_instance' instance ${SAMPLE_SERVER_ID} while it is in task_state rebooting (HTTP 409, request ${answer.requestId})\n`,
  );
  assert.equal(fx.count('POST', BACKUP_PATH), 1, 'a refused POST is not retried');
  assert.equal(
    fx.images.some((i) => i.name === 'b1'),
    false,
  );
  const missing = await run('backup-instance', 'no-such-vm', 'b1', 'x');
  assert.match(missing.stderr, /^ERROR \(CommandError\): No server with a name or ID of 'no-such-vm' exists\.\n$/);
  fx.clearRequests();
  const long = await run('backup-instance', 'new-server-test', 'n'.repeat(256), 'x');
  assert.equal(long.code, 2);
  assert.equal(long.stderr, 'ERROR: novash backup-instance: <name> must be at most 255 characters (got 256).\n');
  const few = await run('backup-instance', 'new-server-test', 'b1');
  assert.match(
    few.stderr,
    /^ERROR: novash backup-instance: missing <description>\. Usage: novash backup-instance \[--wait\] <server> <name> <description>\n$/,
  );
  const ro = await run('--read-only', 'backup-instance', 'new-server-test', 'b1', 'x');
  assert.equal(ro.code, 2);
  assert.match(ro.stderr, /--read-only is set; nothing was sent/);
  assert.equal(fx.requests.length, 0);
});

test('reset-state: an /action key with an argument and its default; several servers, each tried', async (t) => {
  const { fx, site, run } = await siteCloud(t, { files: BOTH });
  const r = ok(await run('reset-state', 'new-server-test', 'stopped-vm'));
  const sent = fx.actions('os-resetState');
  assert.deepEqual(
    sent.map((x) => x.json),
    [{ 'os-resetState': { state: 'error' } }, { 'os-resetState': { state: 'error' } }],
    'the declared default',
  );
  assert.match(
    r.stdout,
    /^Request to reset-state server new-server-test \(.+\) has been accepted\.\nRequest to reset-state server stopped-vm/,
  );
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.status, 'ERROR');
  ok(await run('reset-state', '--state', 'active', 'new-server-test'));
  assert.deepEqual(fx.actions('os-resetState').at(-1)!.json, { 'os-resetState': { state: 'active' } });
  assert.deepEqual(
    site.resetStates.map((s) => s.state),
    ['error', 'error', 'active'],
  );
  fx.clearRequests();
  const bad = await run('reset-state', '--state', 'broken', 'new-server-test');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "ERROR: novash reset-state: --state must be one of active, error (got 'broken').\n");
  assert.equal(fx.requests.length, 0);
  const some = await run('reset-state', 'new-server-test', 'ghost');
  assert.equal(some.code, 1);
  assert.match(some.stdout, /new-server-test .* has been accepted/);
  assert.equal(some.stderr, "Cannot reset-state server 'ghost': No server with a name or ID of 'ghost' exists.\n");
  assert.deepEqual(
    ok(await run('__complete', '2', 'reset-state', '--state', ''))
      .stdout.trim()
      .split('\n'),
    ['active', 'error'],
  );
});

test("reset-state refused by policy: Nova's 403 with its request id", async (t) => {
  const { fx, run } = await siteCloud(t, { files: BOTH, member: true });
  const r = await run('reset-state', 'new-server-test');
  assert.equal(r.code, 1);
  const answer = fx.actions('os-resetState')[0]!;
  assert.equal(
    r.stderr,
    `Cannot reset-state server 'new-server-test': Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed. (HTTP 403, request ${answer.requestId})\n`,
  );
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.status, 'ACTIVE');
});

test('trigger-crash-dump: {"<action>": null}, and its minimum microversion checked before sending', async (t) => {
  const { fx, site, run } = await siteCloud(t, { files: BOTH });
  ok(await run('trigger-crash-dump', 'new-server-test'));
  assert.deepEqual(
    fx.actions('trigger_crash_dump').map((x) => x.json),
    [{ trigger_crash_dump: null }],
  );
  assert.deepEqual(site.crashDumps, [SAMPLE_SERVER_ID]);
  fx.clearRequests();
  const old = await run('--os-compute-api-version', '2.10', 'trigger-crash-dump', 'new-server-test');
  assert.equal(old.code, 1);
  assert.equal(
    old.stderr,
    "Cannot trigger-crash-dump server 'new-server-test': trigger-crash-dump needs compute API 2.17 or later; this session uses 2.10 (the cloud's maximum, or --os-compute-api-version).\n",
  );
  assert.equal(fx.actions('trigger_crash_dump').length, 0);
});

test('aggregates: a wrapped-body resource the cloud chooses ids for, from a declaration only', async (t) => {
  const { fx, site, run } = await siteCloud(t, { files: BOTH });
  const created = parseRecord(ok(await run('aggregate-create', 'rack1', '--availability-zone', 'az1')).stdout);
  assert.deepEqual(
    fx.find('POST', '/v2.1/os-aggregates').map((r) => r.json),
    [{ aggregate: { name: 'rack1', availability_zone: 'az1' } }],
  );
  assert.equal(created.get('id'), '1', 'the record of the answer itself: no extra GET');
  assert.equal(fx.count('GET', '/v2.1/os-aggregates/1'), 0);
  assert.ok(created.has('uuid'), 'the negotiated microversion (2.93) shows the 2.41 uuid');
  ok(await run('aggregate-create', 'rack2'));
  site.aggregates[1]!.hosts.push('compute-1');
  assert.deepEqual(parseBoxTable(ok(await run('aggregate-list')).stdout), [
    ['ID', 'Name', 'Availability Zone', 'Hosts'],
    ['1', 'rack1', 'az1', ''],
    ['2', 'rack2', '', 'compute-1'],
  ]);
  const updated = parseRecord(ok(await run('aggregate-update', 'rack2', '--name', 'rack-two', '--availability-zone', 'az2')).stdout);
  assert.deepEqual(
    fx.find('PUT', '/v2.1/os-aggregates/2').map((r) => r.json),
    [{ aggregate: { name: 'rack-two', availability_zone: 'az2' } }],
  );
  assert.equal(updated.get('name'), 'rack-two');
  assert.equal(updated.get('metadata'), "availability_zone='az2'");
  const ro = await run('aggregate-create', 'x', '--hosts', 'h1');
  assert.equal(ro.code, 2, 'a readonly field is no option');
  assert.match(ro.stderr, /unknown option '--hosts'/);
  ok(await run('aggregate-delete', 'rack1'));
  assert.deepEqual(
    site.aggregates.map((a) => a.name),
    ['rack-two'],
  );
  assert.equal(fx.count('DELETE', '/v2.1/os-aggregates/1'), 1);
});

test('extension-list: the files, what each adds, and which declared paths this cloud does not serve', async (t) => {
  const { te, run } = await siteCloud(t, { files: BOTH, serve: ['os-documents', 'os-resetState'] });
  const rows = parseBoxTable(ok(await run('extension-list')).stdout);
  assert.deepEqual(rows[0], ['File', 'Declares', 'Request', 'This cloud']);
  const byWhat = new Map(rows.slice(1).map((r) => [r[1], r]));
  assert.equal(byWhat.get('resource document (list, show, create, update, delete)')![0], SITE_YAML);
  assert.equal(byWhat.get('resource document (list, show, create, update, delete)')![3], 'served (0 listed)');
  assert.equal(byWhat.get('server action backup-instance')![2], 'POST /servers/{id}/backup_instance');
  assert.equal(byWhat.get('server action backup-instance')![3], '404: not served by this cloud');
  assert.equal(
    byWhat.get('resource aggregate (list, show, create, update, delete)')![3],
    '404: not served by this cloud (The resource could not be found.)',
  );
  assert.equal(byWhat.get('server action reset-state')![3], 'served');
  assert.equal(byWhat.get('server action trigger-crash-dump')![3], 'not served: There is no such action: trigger_crash_dump');
  // The POST probes are left out under --read-only; --local sends nothing.
  const ro = parseBoxTable(ok(await run('--read-only', 'extension-list')).stdout);
  assert.match(ro.find((r) => r[1] === 'server action reset-state')![3]!, /^not probed under --read-only/);
  const local = await run('extension-list', '--local', '-f', 'json');
  assert.deepEqual(
    JSON.parse(ok(local).stdout).map((r: Record<string, string>) => r['This cloud']),
    ['not probed', 'not probed', 'not probed', 'not probed', 'not probed'],
  );
  // For another cloud of clouds.yaml the site file is skipped, and says so.
  const yamlPath = te.env.OS_CLIENT_CONFIG_FILE!;
  const yaml = readFileSync(yamlPath, 'utf8');
  writeFileSync(yamlPath, yaml + yaml.replace(/^clouds:\n/, '').replace('  devcloud:', '  prod:'));
  const other = parseBoxTable(ok(await run('--os-cloud', 'prod', 'extension-list', '--local')).stdout);
  assert.deepEqual(
    other.find((r) => r[0] === SITE_YAML),
    [SITE_YAML, '(not for this cloud)', '', 'only for devcloud, devcloud-demo (this is prod)'],
  );
  assert.equal((await run('--os-cloud', 'prod', 'document-list')).code, 2, 'no document commands there');
});

test('a bad extension file: one warning naming file, line and key; novash runs without it', async (t) => {
  const { te, run, bin } = await siteCloud(t);
  const bad = `${te.home}/bad.yaml`;
  writeFileSync(bad, 'resources:\n  - name: thing\n    path: /things\n    feilds: {id: {}}\n');
  te.env.NOVASH_EXTENSIONS = `${SITE_YAML}:${bad}`;
  for (const go of [run, bin]) {
    const r = ok(await go('document-list'));
    assert.equal(
      r.stderr,
      `WARNING: extension file ignored: ${bad}, line 4, column 5: resources[0].feilds: unknown key 'feilds'; did you mean 'fields'? Allowed here: name, plural, title, summary, service, path, list_key, show_key, id_field, name_field, client_chosen_id, body, wrap_key, operations, fields, columns, min_microversion, commands.\n`,
    );
    assert.ok(!hasStack(r.stderr));
  }
  const list = parseBoxTable(ok(await run('extension-list', '--local')).stdout);
  assert.deepEqual(list.find((r) => r[0] === bad)?.slice(1, 2), ['(ignored)']);
});

test('extension-list without a usable cloud: the files are listed; a refused login is an error, not "served"', async (t) => {
  const { te, run } = await siteCloud(t, { files: [NOVA_EXTRAS_YAML] });
  const saved = { ...te.env };
  // No OS_CLOUD, no OS_* credentials, a clouds.yaml with no cloud.
  delete te.env.OS_CLOUD;
  te.env.OS_CLIENT_CONFIG_FILE = `${te.home}/none.yaml`;
  writeFileSync(te.env.OS_CLIENT_CONFIG_FILE, 'clouds: {}\n');
  const r = ok(await run('extension-list'));
  const rows = parseBoxTable(r.stdout).slice(1);
  assert.equal(rows.length, 3);
  for (const row of rows) assert.match(row[3]!, /^not probed: No cloud configured/);
  Object.assign(te.env, saved);
  const wrong = await run('--os-password', 'not-the-password', 'extension-list');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^ERROR \(Unauthorized\): /);
  assert.doesNotMatch(wrong.stdout, /served/);
});
