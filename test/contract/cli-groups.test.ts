/**
 * Server groups on the command line (server-group-list|show|create|delete, boot --hint) and
 * keypair-create, through main() against the fixture cloud: the request bodies per microversion,
 * the table and typed -f json, --read-only, bad input that sends nothing, names two groups share.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { cloud } from '../support/cloud.js';
import { parseCsv } from '../support/csv.js';
import type { FixtureServer } from '../support/fixtureServer.js';
import { CIRROS_ID } from '../support/glanceImages.js';
import { type RunResult, hasStack } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

function json<T = Record<string, unknown>>(r: RunResult): T {
  return JSON.parse(ok(r).stdout) as T;
}

function addGroup(fx: FixtureServer, name: string, policy = 'affinity', members: string[] = []): string {
  const id = `${String(fx.serverGroups.length + 1).padStart(8, '0')}-aaaa-4bbb-8ccc-${name
    .padEnd(12, '0')
    .slice(0, 12)
    .replace(/[^0-9a-f]/g, 'd')}`;
  fx.serverGroups.push({ id, name, policy, rules: {}, members, projectId: fx.project.id, userId: fx.user.id });
  return id;
}

for (const [mv, rule, sent] of [
  ['2.1', false, { name: 'db', policies: ['anti-affinity'] }],
  ['2.15', false, { name: 'db', policies: ['anti-affinity'] }],
  ['2.64', true, { name: 'db', policy: 'anti-affinity', rules: { max_server_per_host: 2 } }],
  ['2.93', false, { name: 'db', policy: 'anti-affinity' }],
] as const) {
  test(`server-group-create, show, list and delete at ${mv}: the body and the fields of that version`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93' });
    const v = ['--os-compute-api-version', mv];
    const created = json(
      await run(...v, 'server-group-create', 'db', 'anti-affinity', ...(rule ? ['--rule', 'max_server_per_host=2'] : []), '-f', 'json'),
    );
    assert.deepEqual(fx.last('POST', '/v2.1/os-server-groups')!.json, { server_group: sent });
    assert.equal(fx.count('POST', '/v2.1/os-server-groups'), 1);
    const id = fx.serverGroups[0]!.id;
    assert.equal(created.id, id);

    const shown = json(await run(...v, 'server-group-show', 'db', '-f', 'json'));
    if (mv === '2.1' || mv === '2.15') {
      assert.deepEqual(shown.policies, ['anti-affinity']);
      assert.ok(!('policy' in shown) && !('rules' in shown), 'no policy/rules before 2.64');
    } else {
      assert.equal(shown.policy, 'anti-affinity');
      assert.deepEqual(shown.rules, rule ? { max_server_per_host: 2 } : {}, 'rules: a number, not text');
      assert.ok(!('policies' in shown));
    }
    assert.deepEqual(shown.members, [], 'members: a list, even empty');
    assert.equal(shown.project_id, mv === '2.1' ? undefined : fx.project.id, 'project_id from 2.13');

    const table = ok(await run(...v, 'server-group-list')).stdout;
    assert.match(table, /\| ID\s+\| Name\s+\| Policy\s+\| Members\s+\|/);
    assert.match(table, new RegExp(`\\| ${id} \\| db\\s+\\| anti-affinity \\|`));
    const rows = json<Array<Record<string, unknown>>>(await run(...v, 'server-group-list', '-f', 'json'));
    assert.deepEqual(rows, [{ ID: id, Name: 'db', Policy: 'anti-affinity', Members: [] }]);

    const del = ok(await run(...v, 'server-group-delete', 'db'));
    assert.equal(del.stdout, `Server group db (${id}) deleted.\n`);
    assert.equal(fx.serverGroups.length, 0);
    const gone = await run(...v, 'server-group-show', id);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, new RegExp(`No server group with a name or ID of '${id}' exists`));
  });
}

test('server-group-list: --limit/--offset as query parameters, --long, --all-projects for admins only', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93', novaMaxLimit: 2 });
  for (const n of ['a', 'b', 'c']) addGroup(fx, n);
  fx.serverGroups[2]!.rules = {};
  const names = (r: RunResult) => json<Array<{ Name: string }>>(r).map((g) => g.Name);
  assert.deepEqual(names(await run('server-group-list', '-f', 'json')), ['a', 'b', 'c'], 'every page');
  fx.clearRequests();
  assert.deepEqual(names(await run('server-group-list', '--offset', '1', '--limit', '1', '-f', 'json')), ['b']);
  assert.deepEqual(fx.last('GET', '/v2.1/os-server-groups')!.query, { offset: '1', limit: '1' });
  const long = json<Array<Record<string, unknown>>>(await run('server-group-list', '--long', '-f', 'json'));
  assert.deepEqual(Object.keys(long[0]!), ['ID', 'Name', 'Policy', 'Members', 'Rules', 'Project_ID', 'User_ID']);
  assert.equal(long[0]!.Project_ID, fx.project.id);
  for (const [argv, message] of [
    [['--limit', '0'], /--limit must be at least 1/],
    [['--offset', '-1'], /--offset must be at least 0/],
  ] as const) {
    const r = await run('server-group-list', ...argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
  }
  const refused = await run('server-group-list', '--all-projects');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^ERROR.*403/m);
  assert.ok(!hasStack(refused.stderr));
});

test('server-group-list --long and server-group-show: yaml equals json, csv round-trips, values typed', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  const gid = addGroup(fx, 'typed', 'anti-affinity', ['11111111-2222-4333-8444-555555555555']);
  fx.serverGroups[0]!.rules = { max_server_per_host: 3 };
  for (const argv of [
    ['server-group-list', '--long'],
    ['server-group-show', 'typed'],
  ]) {
    const j = json<unknown>(await run(...argv, '-f', 'json'));
    assert.deepEqual(parseYaml(ok(await run(...argv, '-f', 'yaml')).stdout), j, `${argv[0]}: yaml and json agree`);
    const rows = (Array.isArray(j) ? j : [j]) as Array<Record<string, unknown>>;
    const [header, ...csvRows] = parseCsv(ok(await run(...argv, '-f', 'csv')).stdout);
    assert.deepEqual(header, Object.keys(rows[0]!));
    assert.deepEqual(
      csvRows,
      rows.map((r) => Object.values(r).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))),
    );
  }
  const shown = json(await run('server-group-show', gid, '-f', 'json'));
  assert.deepEqual(shown.rules, { max_server_per_host: 3 });
  assert.deepEqual(shown.members, ['11111111-2222-4333-8444-555555555555']);
  // -f value keeps one field one word: the members as compact JSON.
  assert.equal(
    ok(await run('server-group-show', gid, '-c', 'members', '-f', 'value')).stdout,
    '["11111111-2222-4333-8444-555555555555"]\n',
  );
});

test('server-group-list --all-projects as an admin asks Nova for all projects', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93', roles: ['admin', 'member', 'reader'] });
  addGroup(fx, 'theirs');
  assert.equal(json<unknown[]>(await run('server-group-list', '--all-projects', '-f', 'json')).length, 1);
  assert.equal(fx.last('GET', '/v2.1/os-server-groups')!.query.all_projects, 'True');
});

test('server-group-create refuses bad input before sending; --read-only refuses create and delete', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  addGroup(fx, 'keep');
  const cases: Array<[string[], RegExp]> = [
    [
      ['server-group-create', 'x', 'spread'],
      /<policy> 'spread' is not one of affinity, anti-affinity, soft-affinity, soft-anti-affinity\./,
    ],
    [['server-group-create', 'x'], /missing <policy>/],
    [['server-group-create', 'x', 'affinity', '--rule', 'max_server_per_host=2'], /--rule apply to the anti-affinity policy only/],
    [['server-group-create', 'x', 'anti-affinity', '--rule', 'max_server_per_host=0'], /--rule max_server_per_host must be at least 1/],
    [['server-group-create', 'x', 'anti-affinity', '--rule', 'max_server_per_host=two'], /must be a whole number \(got 'two'\)/],
    [['server-group-create', 'x', 'anti-affinity', '--rule', 'spread=1'], /unknown rule 'spread'; Nova knows only max_server_per_host=N/],
    [
      ['server-group-create', 'x', 'anti-affinity', '--rule', 'max_server_per_host'],
      /--rule 'max_server_per_host' is not of the form key=value/,
    ],
    [
      ['--os-compute-api-version', '2.63', 'server-group-create', 'x', 'anti-affinity', '--rule', 'max_server_per_host=2'],
      /--rule needs compute API version 2\.64/,
    ],
    [['--os-compute-api-version', '2.14', 'server-group-create', 'x', 'soft-affinity'], /<policy> needs compute API version 2\.15/],
    [['server-group-create', 'x'.repeat(256), 'affinity'], /<name> is 256 characters long; at most 255 are allowed/],
    [['--read-only', 'server-group-create', 'x', 'affinity'], /changes the cloud and --read-only is set; nothing was sent/],
    [['--read-only', 'server-group-delete', 'keep'], /changes the cloud and --read-only is set; nothing was sent/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.count('POST', '/v2.1/os-server-groups'), 0, 'nothing was created');
  assert.equal(fx.count('DELETE', /^\/v2\.1\/os-server-groups\//), 0);
  assert.deepEqual(
    fx.serverGroups.map((g) => g.name),
    ['keep'],
  );
});

test('server-group-create whose answer is lost is not sent again, and says what the cloud shows now', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  fx.fail({ method: 'POST', path: '/v2.1/os-server-groups', reset: true, afterHandling: true });
  const r = await run('server-group-create', 'lost', 'affinity');
  assert.equal(r.code, 1, r.stderr);
  const id = fx.serverGroups[0]!.id;
  assert.match(
    r.stderr,
    new RegExp(`The create request was sent; server groups named 'lost' now: ${id} \\(affinity\\)\\. Nothing was sent again`),
  );
  assert.equal(fx.count('POST', '/v2.1/os-server-groups'), 1, 'sent once');
  assert.ok(!hasStack(r.stderr));
});

test('a name two groups share is refused with both ids; by id each one is found; delete goes on past a failure', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  const a = addGroup(fx, 'twin', 'affinity');
  const b = addGroup(fx, 'twin', 'anti-affinity', ['11111111-2222-4333-8444-555555555555']);
  const single = addGroup(fx, 'single');
  const shown = await run('server-group-show', 'twin');
  assert.equal(shown.code, 1);
  assert.match(shown.stderr, /Multiple server group matches found for 'twin', use an ID to be more specific:/);
  assert.ok(shown.stderr.includes(`${a} (affinity, 0 members)`), shown.stderr);
  assert.ok(shown.stderr.includes(`${b} (anti-affinity, 1 member)`), shown.stderr);
  assert.equal(json(await run('server-group-show', b, '-f', 'json')).policy, 'anti-affinity');

  const del = await run('server-group-delete', 'twin', 'single', 'nope');
  assert.equal(del.code, 1, 'some failed');
  assert.equal(del.stdout, `Server group single (${single}) deleted.\n`);
  assert.match(del.stderr, /Cannot delete server group 'twin': Multiple server group matches/);
  assert.match(del.stderr, /Cannot delete server group 'nope': No server group with a name or ID of 'nope' exists\./);
  assert.deepEqual(
    fx.serverGroups.map((g) => g.id),
    [a, b],
    'neither twin was deleted',
  );
  const boot = await run('boot', '--image', CIRROS_ID, '--flavor', '1', '--nic', 'none', '--hint', 'group=twin', 'vm');
  assert.equal(boot.code, 1);
  assert.match(boot.stderr, /Multiple server group matches found for 'twin'/);
  assert.equal(fx.count('POST', '/v2.1/servers'), 0, 'no server was booted');
});

test('boot --hint: the group by name becomes its id, servers of same_host/different_host too; the server is a member', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  const gid = addGroup(fx, 'db-group', 'anti-affinity');
  const other = fx.addServer({ name: 'other-vm', flavorId: '1' });
  const shown = json(
    await run(
      'boot',
      '--image',
      CIRROS_ID,
      '--flavor',
      '1',
      '--nic',
      'none',
      '--hint',
      'group=db-group',
      '--hint',
      'different_host=other-vm',
      '--hint',
      'build_near_host_ip=10.0.0.1',
      '--wait',
      '-f',
      'json',
      'db1',
    ),
  );
  assert.deepEqual(fx.last('POST', '/v2.1/servers')!.json['os:scheduler_hints'], {
    group: gid,
    different_host: [other.id],
    build_near_host_ip: '10.0.0.1',
  });
  assert.equal(shown.status, 'ACTIVE');
  const group = json(await run('server-group-show', 'db-group', '-f', 'json'));
  assert.deepEqual(group.members, [shown.id]);
  const listed = json<Array<{ Members: string[] }>>(await run('server-group-list', '-f', 'json'));
  assert.deepEqual(listed[0]!.Members, [shown.id], 'members as a list in -f json');
});

test('boot --hint refuses what cannot be sent before anything is posted; --image and --flavor are required', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  addGroup(fx, 'g1');
  const base = ['boot', '--image', CIRROS_ID, '--flavor', '1', '--nic', 'none'];
  const cases: Array<[string[], RegExp, number]> = [
    [
      [...base, '--hint', 'group', 'x'],
      /--hint 'group' is not of the form key=value \(e\.g\. group=<server group>, same_host=<server>\)/,
      2,
    ],
    [[...base, '--hint', 'group=', 'x'], /--hint 'group=' is not of the form key=value/, 2],
    [[...base, '--hint', 'group=g1', '--hint', 'group=g1', 'x'], /--hint group= can be given once/, 2],
    [[...base, '--hint', 'group=no-such', 'x'], /No server group with a name or ID of 'no-such' exists\./, 1],
    [[...base, '--hint', 'same_host=no-such-vm', 'x'], /No server with a name or ID of 'no-such-vm' exists\./, 1],
    [
      ['boot', '--flavor', '1', 'x'],
      /^ERROR: novash boot: --image IMAGE is required\. Usage: novash boot --image IMAGE --flavor FLAVOR /m,
      2,
    ],
  ];
  for (const [argv, message, code] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, code, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.count('POST', '/v2.1/servers'), 0);
  const help = ok(await run('help', 'boot')).stdout;
  assert.match(help, /^usage: novash boot --image IMAGE --flavor FLAVOR \[/m);
  assert.match(help, /--image IMAGE\s+Image name, human id or ID \(required\)/);
  assert.match(help, /--hint KEY=VALUE/);
});

test('server groups complete from their cache, kept by list, create and delete; --hint group= completes names', async (t) => {
  const { fx, bin, run } = await cloud(t, { maxVersion: '2.93' });
  addGroup(fx, 'alpha');
  // An empty cache is filled from the cloud once.
  assert.deepEqual(
    ok(await bin('__complete', '1', 'server-group-show', 'al'))
      .stdout.split('\n')
      .filter(Boolean),
    ['alpha'],
  );
  assert.ok(fx.count('GET', '/v2.1/os-server-groups') > 0, 'from the cloud: nothing was cached yet');
  ok(await run('server-group-create', 'beta', 'affinity'));
  const beta = fx.serverGroups[1]!.id;
  fx.clearRequests();
  const words = async (...argv: string[]) =>
    ok(await bin('__complete', ...argv))
      .stdout.split('\n')
      .filter(Boolean);
  // Group ids complete too: a random id may start with the same letters as a name.
  const andIds = (prefix: string, names: string[]) =>
    [...names, ...fx.serverGroups.map((g) => g.id).filter((id) => id.startsWith(prefix))].sort();
  assert.deepEqual(await words('1', 'server-group-delete', 'b'), andIds('b', ['beta']), 'added on create');
  assert.deepEqual(
    await words('2', 'boot', '--hint', 'group=b'),
    andIds('b', ['beta']).map((w) => `group=${w}`),
  );
  assert.deepEqual(
    await words('1', 'boot', '--hint=group=al'),
    andIds('al', ['alpha']).map((w) => `--hint=group=${w}`),
  );
  assert.deepEqual(await words('bash', `"'><=;|&(:`, 'novash boot --hint group=be'), andIds('be', ['beta']), 'bash: after the = only');
  assert.deepEqual(await words('2', 'boot', '--nic', 'n'), ['none', 'net-id=', 'net-name=']);
  assert.deepEqual(await words('2', 'server-group-create', 'x', 'anti'), ['anti-affinity']);
  assert.equal(fx.requests.length, 0, 'answered from the cache');
  ok(await run('server-group-delete', beta));
  assert.deepEqual(await words('1', 'server-group-show', ''), ['alpha', fx.serverGroups[0]!.id].sort(), 'removed on delete');
});

const sshKeygen = !spawnSync('ssh-keygen', ['-?']).error;

test('keypair-create writes ~/.ssh/NAME 0600 by default, prints no private key, and never overwrites a file', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.93' });
  const shown = json(await run('keypair-create', 'laptop', '-f', 'json'));
  const file = join(te.home, '.ssh', 'laptop');
  assert.equal(shown.private_key_file, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(te.home, '.ssh')).mode & 0o777, 0o700, '~/.ssh made 0700');
  assert.match(readFileSync(file, 'utf8'), /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  assert.ok(!JSON.stringify(shown).includes('PRIVATE KEY'), 'no private key on stdout');
  const sent = fx.last('POST', '/v2.1/os-keypairs')!.json as { keypair: { public_key: string } };
  assert.equal(shown.public_key, sent.keypair.public_key);
  if (sshKeygen) {
    const derived = spawnSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' });
    assert.equal(derived.status, 0, derived.stderr);
    assert.equal(derived.stdout.trim().split(' ').slice(0, 2).join(' '), sent.keypair.public_key.split(' ').slice(0, 2).join(' '));
  }
  const table = ok(await run('keypair-create', 'second')).stdout;
  assert.match(table, /\| private_key_file \| .*\.ssh\/second/);
  assert.ok(!table.includes('PRIVATE KEY'));

  // An existing file: refused before anything is sent, and left as it was.
  const posts = fx.count('POST', '/v2.1/os-keypairs');
  writeFileSync(join(te.home, 'mine'), 'precious\n');
  for (const argv of [
    ['keypair-create', 'laptop2', '--private-key-file', join(te.home, 'mine')],
    ['keypair-create', 'laptop'],
  ]) {
    const r = await run(...argv);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /exists already; it is never overwritten/);
  }
  assert.equal(readFileSync(join(te.home, 'mine'), 'utf8'), 'precious\n');
  assert.equal(fx.count('POST', '/v2.1/os-keypairs'), posts, 'nothing sent');
  const ro = await run('--read-only', 'keypair-create', 'ro');
  assert.equal(ro.code, 2);
  assert.ok(!existsSync(join(te.home, '.ssh', 'ro')), 'no file under --read-only');
  const slash = await run('keypair-create', '../evil');
  assert.equal(slash.code, 2);
  assert.match(slash.stderr, /cannot name a file in ~\/\.ssh; give --private-key-file FILE/);
  assert.equal(fx.count('POST', '/v2.1/os-keypairs'), posts);
});

test('keypair-create --print-private-key prints it (and writes no file unless one is named); --key-type by version', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.93' });
  const printed = ok(await run('keypair-create', 'ephemeral', '--print-private-key'));
  assert.match(printed.stdout, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+-----END OPENSSH PRIVATE KEY-----\n$/);
  assert.match(printed.stderr, /^Key pair ephemeral created \(/);
  assert.ok(!existsSync(join(te.home, '.ssh', 'ephemeral')));
  mkdirSync(join(te.home, 'keys'));
  const both = ok(await run('keypair-create', 'both', '--print-private-key', '--private-key-file', join(te.home, 'keys', 'both')));
  assert.equal(both.stdout, readFileSync(join(te.home, 'keys', 'both'), 'utf8'));
  assert.match(both.stderr, /private key written to .*keys\/both/);

  // Before 2.92 Nova makes the key (no public_key sent), with the type asked for.
  const old = json(
    await run(
      '--os-compute-api-version',
      '2.91',
      'keypair-create',
      'old',
      '--key-type',
      'x509',
      '--private-key-file',
      join(te.home, 'keys', 'old'),
      '-f',
      'json',
    ),
  );
  assert.deepEqual(fx.last('POST', '/v2.1/os-keypairs')!.json, { keypair: { name: 'old', type: 'x509' } });
  assert.equal(old.generated_by, 'nova');
  assert.equal(statSync(join(te.home, 'keys', 'old')).mode & 0o777, 0o600);
  const posts = fx.count('POST', '/v2.1/os-keypairs');
  for (const [argv, message] of [
    [['keypair-create', 'x', '--key-type', 'x509'], /--key-type x509: from compute API 2\.92 .*keypair-add --pub-key FILE/],
    [['keypair-create', 'x', '--key-type', 'rsa'], /--key-type 'rsa' is not one of ssh, x509/],
    [['--os-compute-api-version', '2.1', 'keypair-create', 'x', '--key-type', 'ssh'], /--key-type needs compute API version 2\.2/],
    [['keypair-create', 'x', '--private-key-file', join(te.home, 'no', 'such', 'dir', 'k')], /is in a directory that does not exist/],
  ] as const) {
    const r = await run(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(fx.count('POST', '/v2.1/os-keypairs'), posts, 'nothing sent');
  assert.ok(!existsSync(join(te.home, '.ssh', 'x')));
});
