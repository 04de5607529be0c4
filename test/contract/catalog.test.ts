/**
 * The read-only commands around servers: flavors, key pairs, limits, zones, console output,
 * instance actions, networks, whoami, help and completion, across response versions.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { type RunResult, cacheLines, parseBoxTable, parseRecord } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

const minorOf = (mv: string) => Number(mv.split('.')[1]);

// ---- flavors ---------------------------------------------------------------------------------

const FLAVOR_COLUMNS = ['ID', 'Name', 'Memory_MiB', 'Disk', 'Ephemeral', 'Swap', 'VCPUs', 'RXTX_Factor', 'Is_Public'];

for (const mv of ['2.1', '2.55', '2.61', '2.75', '2.100']) {
  test(`flavor-list and flavor-show at ${mv}`, async (t) => {
    const { fx, te, run } = await cloud(t, { maxVersion: '2.100' });
    const pin = ['--os-compute-api-version', mv];
    const rows = parseBoxTable(ok(await run(...pin, 'flavor-list')).stdout);
    assert.deepEqual(rows[0], FLAVOR_COLUMNS);
    // Swap is "" before 2.75 and 0 after: both show as empty.
    assert.deepEqual(rows[1], ['1', 'm1.tiny', '512', '1', '0', '', '1', '1', 'true']);
    assert.deepEqual(rows[5], ['5', 'm1.xlarge', '16384', '160', '0', '', '8', '1', 'true']);
    assert.equal(rows.length - 1, minorOf(mv) >= 55 ? 7 : 6, 'the 2.55 samples add m1.small.description');
    assert.equal(fx.last('GET', '/v2.1/flavors/detail')!.microversion, mv);
    assert.equal(cacheLines(te, 'flavor-uuid-cache').length, rows.length - 1);
    assert.ok(cacheLines(te, 'flavor-human-id-cache').includes('m1tinyspecs'));

    const j = JSON.parse(ok(await run(...pin, 'flavor-list', '-f', 'json')).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(j[1], {
      ID: '2',
      Name: 'm1.small',
      Memory_MiB: 2048,
      Disk: 20,
      Ephemeral: 0,
      Swap: 0,
      VCPUs: 1,
      RXTX_Factor: 1,
      Is_Public: true,
    });
    assert.equal(ok(await run(...pin, 'flavor-list', '-f', 'value', '-c', 'Name', '--limit', '2')).stdout, 'm1.tiny\nm1.small\n');

    // Extra specs: in the flavor from 2.61, one request per flavor before.
    fx.clearRequests();
    const ex = parseBoxTable(ok(await run(...pin, 'flavor-list', '--extra-specs')).stdout);
    assert.equal(ex[0]!.at(-1), 'extra_specs');
    assert.equal(ex[6]!.at(-1), "hw:numa_nodes='1'");
    assert.equal(fx.count('GET', /\/os-extra_specs$/), minorOf(mv) >= 61 ? 0 : ex.length - 1);

    fx.clearRequests();
    for (const ref of ['m1.tiny.specs', '6', 'm1tinyspecs']) {
      const rec = parseRecord(ok(await run(...pin, 'flavor-show', ref)).stdout);
      assert.equal(rec.get('id'), '6', ref);
      assert.equal(rec.get('name'), 'm1.tiny.specs');
      assert.equal(rec.get('ram'), '512');
      assert.equal(rec.get('extra_specs'), "hw:numa_nodes='1'");
      assert.equal(rec.get('OS-FLV-DISABLED:disabled'), 'false');
    }
    assert.equal(fx.count('GET', '/v2.1/flavors/6/os-extra_specs'), minorOf(mv) >= 61 ? 0 : 3);
    if (minorOf(mv) >= 55) {
      const d = JSON.parse(ok(await run(...pin, 'flavor-show', '-f', 'json', 'm1.small.description')).stdout) as Record<string, unknown>;
      assert.equal(d.description, 'test description');
    }
  });
}

test('flavor-list --all / --private send is_public; bad combinations are refused', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('flavor-list', '--all'));
  assert.equal(fx.last('GET', '/v2.1/flavors/detail')!.query.is_public, 'None');
  ok(await run('flavor-list', '--private', '--min-ram', '1024', '--min-disk', '10'));
  assert.deepEqual(fx.last('GET', '/v2.1/flavors/detail')!.query, { is_public: 'false', minDisk: '10', minRam: '1024' });
  const both = await run('flavor-list', '--all', '--private');
  assert.equal(both.code, 2);
  assert.equal(both.stderr, 'ERROR: --all and --private cannot be combined.\n');
  const missing = await run('flavor-show', 'm1.tiny');
  assert.equal(parseRecord(missing.stdout).get('id'), '1', 'm1.tiny is not confused with m1.tiny.specs');
  const none = await run('flavor-show', 'm1');
  assert.equal(none.code, 1);
  assert.equal(none.stderr, "ERROR (CommandError): No flavor with a name or ID of 'm1' exists.\n");
});

// ---- key pairs -------------------------------------------------------------------------------

for (const mv of ['2.1', '2.2', '2.35', '2.93']) {
  test(`keypair-list and keypair-show at ${mv}`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93', novaMaxLimit: 1 });
    const pin = ['--os-compute-api-version', mv];
    const rows = parseBoxTable(ok(await run(...pin, 'keypair-list')).stdout);
    assert.deepEqual(rows[0], ['Name', 'Type', 'Fingerprint']);
    // Before 2.2 Nova does not say the type: ssh.
    assert.deepEqual(rows.slice(1), [
      ['mykey', 'ssh', '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd'],
      [
        'keypair-50ca852e-273f-4cdc-8949-45feba200837',
        minorOf(mv) >= 2 ? 'x509' : 'ssh',
        '44:fe:29:6e:23:14:b9:53:5b:65:82:58:1c:fe:5a:c3',
      ],
    ]);
    // From 2.35 key pairs page (here one a page): the marker is followed.
    assert.equal(fx.count('GET', '/v2.1/os-keypairs'), minorOf(mv) >= 35 ? 3 : 1);
    const rec = parseRecord(ok(await run(...pin, 'keypair-show', 'mykey')).stdout);
    assert.equal(rec.get('name'), 'mykey');
    assert.equal(rec.get('fingerprint'), '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd');
    assert.equal(rec.get('user_id'), 'fake');
    assert.match(rec.get('public_key') ?? '', /^ssh-ed25519 /);
    const j = JSON.parse(ok(await run(...pin, 'keypair-list', '-f', 'json')).stdout) as unknown[];
    assert.deepEqual(j[0], { Name: 'mykey', Type: 'ssh', Fingerprint: '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd' });
  });
}

test('keypair-add imports a public key; keypair-delete removes; errors are per key', async (t) => {
  const { fx, te, run } = await cloud(t);
  const pub = join(te.home, 'id.pub');
  writeFileSync(pub, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx9c0i7 me@host\n');
  const add = ok(await run('keypair-add', '--pub-key', pub, 'laptop'));
  assert.equal(add.stdout, 'Key pair laptop imported (1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c).\n');
  assert.deepEqual(fx.last('POST', '/v2.1/os-keypairs')!.json, {
    keypair: { name: 'laptop', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx9c0i7 me@host' },
  });
  const dupe = await run('keypair-add', '--pub-key', pub, 'laptop');
  assert.equal(dupe.code, 1);
  assert.match(dupe.stderr, /^ERROR \(conflictingRequest\): Key pair 'laptop' already exists\. \(HTTP 409, request req-[0-9a-f-]+\)$/m);
  const noKey = await run('keypair-add', 'x');
  assert.equal(noKey.code, 2);
  const del = await run('keypair-delete', 'laptop', 'ghost');
  assert.equal(del.code, 1);
  assert.equal(del.stdout, 'Key pair laptop deleted.\n');
  assert.match(del.stderr, /^Cannot delete key pair 'ghost': Keypair ghost not found for user \S+ \(HTTP 404, request req-[0-9a-f-]+\)\n$/);
  assert.deepEqual(
    fx.keypairs.map((k) => k.name),
    ['mykey', 'keypair-50ca852e-273f-4cdc-8949-45feba200837'],
  );
});

// ---- limits, zones, networks, whoami ---------------------------------------------------------

for (const mv of ['2.1', '2.36', '2.57']) {
  test(`limits at ${mv}: used / max / remaining`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93' });
    const rows = parseBoxTable(ok(await run('--os-compute-api-version', mv, 'limits')).stdout);
    assert.deepEqual(rows, [
      ['Name', 'Used', 'Max', 'Remaining'],
      ['Instances', '0', '10', '10'],
      ['Cores', '0', '20', '20'],
      ['RAM (MiB)', '0', '51200', '51200'],
      ['Keypairs', '0', '100', '100'],
      ['Server groups', '0', '10', '10'],
    ]);
    assert.equal(fx.last('GET', '/v2.1/limits')!.microversion, mv);
    const j = JSON.parse(ok(await run('--os-compute-api-version', mv, 'limits', '-f', 'json')).stdout);
    assert.deepEqual(j[0], { Name: 'Instances', Used: 0, Max: 10, Remaining: 10 });
    const v = ok(await run('limits', '-f', 'value', '-c', 'Remaining')).stdout;
    assert.equal(v, '10\n20\n51200\n100\n10\n');
  });
}

test('image and network endpoints registered with their version (…/v2, …/v2.0) work as well', async (t) => {
  const { fx, run } = await cloud(t, { versionedCatalog: true });
  const images = await run('image-list', '-f', 'value', '-c', 'Name');
  assert.equal(images.code, 0, images.stderr);
  assert.match(images.stdout, /new-server-test-snap/);
  const nets = await run('network-list', '-f', 'value', '-c', 'Name');
  assert.equal(nets.code, 0, nets.stderr);
  assert.ok(
    fx.requests.some((r) => r.method === 'GET' && r.path === '/image/v2/images'),
    'no doubled /v2/v2',
  );
  assert.ok(fx.requests.some((r) => r.method === 'GET' && r.path === '/network/v2.0/networks'));
});

test('an unreadable CA bundle is named, with where it was set; nothing is sent', async (t) => {
  const { fx, run } = await cloud(t);
  const r = await run('--os-cacert', '/nonexistent/ca.pem', 'list');
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    "ERROR: Cannot read the CA bundle '/nonexistent/ca.pem' (from cacert in clouds.yaml, OS_CACERT or --os-cacert).\n",
  );
  assert.equal(fx.requests.length, 0);
});

test('availability-zone-list, network-list and whoami', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  assert.deepEqual(parseBoxTable(ok(await run('availability-zone-list')).stdout), [
    ['Name', 'Status'],
    ['nova', 'available'],
  ]);
  assert.equal(ok(await run('availability-zone-list', '-f', 'value')).stdout, 'nova available\n');
  const nets = parseBoxTable(ok(await run('network-list')).stdout);
  assert.deepEqual(nets[0], ['ID', 'Name', 'Status', 'Shared', 'External', 'Subnets']);
  assert.deepEqual(nets[1], [
    '3cb9bc59-5699-4588-a4b1-b87f96708bc6',
    'private',
    'ACTIVE',
    'false',
    'false',
    '54d6f61d-db07-451c-9ab3-b9609b6b6f0b',
  ]);
  assert.deepEqual(nets[2]!.slice(1, 5), ['public', 'ACTIVE', 'true', 'true']);
  assert.equal(fx.count('GET', '/network/v2.0/networks'), 1);
  const who = parseRecord(ok(await run('whoami')).stdout);
  assert.equal(who.get('cloud'), '(from OS_* / flags)');
  assert.equal(who.get('auth_url'), fx.authUrl);
  assert.equal(who.get('project'), 'demo');
  assert.equal(who.get('project_id'), fx.project.id);
  assert.equal(who.get('user'), 'demo');
  assert.equal(who.get('user_id'), fx.user.id);
  assert.equal(who.get('roles'), 'member, reader');
  assert.equal(who.get('compute_api_version'), '2.93');
});

// ---- console output, instance actions -------------------------------------------------------

test('console-log: the output as is; --length sent; -f json wraps it', async (t) => {
  const { fx, run } = await cloud(t);
  assert.equal(ok(await run('console-log', 'new-server-test')).stdout, 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE\n');
  assert.deepEqual(fx.actions('os-getConsoleOutput')[0]!.json, { 'os-getConsoleOutput': {} });
  assert.equal(ok(await run('console-log', '--length', '2', SAMPLE_SERVER_ID)).stdout, 'ANOTHER\nLAST LINE\n');
  assert.deepEqual(fx.actions('os-getConsoleOutput')[1]!.json, { 'os-getConsoleOutput': { length: 2 } });
  assert.deepEqual(JSON.parse(ok(await run('console-log', '-f', 'json', 'new-server-test')).stdout), {
    output: 'FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE',
  });
  const bad = await run('console-log', '--length', '0', 'new-server-test');
  assert.equal(bad.code, 2);
  assert.equal(fx.actions('os-getConsoleOutput').length, 3);
});

for (const mv of ['2.1', '2.21', '2.58', '2.84']) {
  test(`instance-action-list at ${mv}`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93' });
    const rows = parseBoxTable(ok(await run('--os-compute-api-version', mv, 'instance-action-list', 'Web Server 1')).stdout);
    assert.deepEqual(rows[0], ['Action', 'Request_ID', 'Message', 'Start_Time', 'Updated_At']);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['stop', 'create'],
    );
    assert.match(rows[1]![1]!, /^req-[0-9a-f-]{36}$/);
    // updated_at exists from 2.58.
    if (minorOf(mv) >= 58) assert.match(rows[1]![4]!, /^2018-04-25T/);
    else assert.equal(rows[1]![4], '-', "none before 2.58: '-' in the table (null in -f json)");
    assert.equal(fx.last('GET', /\/os-instance-actions$/)!.path, '/v2.1/servers/9168b536-cd40-4630-b43f-b259807c6e87/os-instance-actions');
    const j = JSON.parse(
      ok(await run('--os-compute-api-version', mv, 'instance-action-list', '-f', 'json', 'Web Server 1')).stdout,
    ) as Array<Record<string, unknown>>;
    assert.equal(j[1]!.Action, 'create');
    assert.equal(j[1]!.Message, null);
    if (minorOf(mv) < 58) assert.equal(j[1]!.Updated_At, null);
  });
}

// ---- local commands --------------------------------------------------------------------------

test('completion bash/zsh/fish, help and --version need no cloud at all', async (t) => {
  const { fx, run, bin } = await cloud(t);
  const bash = ok(await bin('completion', 'bash')).stdout;
  assert.match(bash, /^# novash bash completion: eval "\$\(novash completion bash\)"/m);
  // No -o default: an empty answer never turns into file names.
  assert.match(bash, /^complete -F _novash novash$/m);
  assert.match(bash, /novash __complete bash "\$COMP_WORDBREAKS"/);
  const zsh = ok(await run('completion', 'zsh')).stdout;
  assert.match(zsh, /^#compdef novash$/m);
  assert.match(ok(await run('completion', 'fish')).stdout, /^complete -c novash -f -a '\(__novash_complete\)'$/m);
  const bad = await run('completion', 'tcsh');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "ERROR: novash completion: unknown shell 'tcsh'; use bash, zsh or fish.\n");
  const help = ok(await run('help')).stdout;
  for (const name of ['list', 'boot', 'backup', 'image-create', 'flavor-list', 'keypair-list', 'limits', 'completion']) {
    assert.match(help, new RegExp(`^  ${name} `, 'm'));
  }
  assert.match(ok(await run('help', 'backup')).stdout, /^usage: novash backup .*<server> <name> <backup-type> <rotation>$/m);
  assert.equal(ok(await bin('--version')).stdout, 'novash 0.1.0\n');
  const noCmd = await bin();
  assert.equal(noCmd.code, 2, 'not a terminal: no app');
  assert.match(noCmd.stderr, /this is not a terminal/);
  assert.equal(fx.requests.length, 0, 'nothing was sent');
});
