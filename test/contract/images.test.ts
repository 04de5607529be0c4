/** Backups, snapshots and Glance images: request bodies, the 2.45 change, --wait, rotation, listing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { BACKUP_NEW_ID, BACKUP_OLD_ID, CIRROS_ID, GOLDEN_ID, SAMPLE_SERVER_ID, SNAPSHOT_ID, UBUNTU_ID } from '../support/glanceImages.js';
import { type RunResult, cacheLines, hasStack, parseBoxTable, parseRecord } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

// ---- createBackup ----------------------------------------------------------------------------

for (const mv of ['2.1', '2.44', '2.45', '2.93']) {
  const body45 = Number(mv.split('.')[1]) >= 45;
  test(`backup at ${mv}: body exactly {name, backup_type, rotation}; the image id from ${body45 ? 'the body' : 'the Location header'}`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: '2.93' });
    const r = ok(await run('--os-compute-api-version', mv, 'backup', 'new-server-test', 'weekly-1', 'weekly', '2'));
    const sent = fx.actions('createBackup');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.path, `/v2.1/servers/${SAMPLE_SERVER_ID}/action`);
    assert.deepEqual(sent[0]!.json, { createBackup: { name: 'weekly-1', backup_type: 'weekly', rotation: 2 } });
    assert.equal(sent[0]!.microversion, mv);
    const made = fx.images.find((i) => i.name === 'weekly-1')!;
    assert.equal(
      r.stdout,
      `Backup 'weekly-1' of server new-server-test (image ${made.id}) requested; Nova keeps the 2 newest weekly backups of this server.\n`,
    );
    // (new-server-test is busy with the first backup now: Nova would answer 409.)
    const j = JSON.parse(
      ok(
        await run(
          '--os-compute-api-version',
          mv,
          'backup',
          '-f',
          'json',
          '--meta',
          'owner=ops',
          '9168b536-cd40-4630-b43f-b259807c6e87',
          'weekly-2',
          'weekly',
          '2',
        ),
      ).stdout,
    );
    assert.deepEqual(fx.actions('createBackup')[1]!.json, {
      createBackup: { name: 'weekly-2', backup_type: 'weekly', rotation: 2, metadata: { owner: 'ops' } },
    });
    assert.equal(j.data.imageId, fx.images.find((i) => i.name === 'weekly-2')!.id);
    assert.match(j.message, /^Backup 'weekly-2' of server Web Server 1 \(image [0-9a-f-]{36}\) requested/);
  });
}

test('backup with rotation 0 before 2.45: no Location header, so no image id, and the message says so', async (t) => {
  const { fx, run } = await cloud(t);
  const r = ok(await run('--os-compute-api-version', '2.1', 'backup', 'new-server-test', 'gone', 'daily', '0'));
  assert.deepEqual(fx.actions('createBackup')[0]!.json, { createBackup: { name: 'gone', backup_type: 'daily', rotation: 0 } });
  assert.equal(
    r.stdout,
    "Backup 'gone' of server new-server-test requested; rotation 0: Nova then deletes every daily backup of this server, this one included.\n",
  );
});

test('backup --wait: image queued -> saving -> active, server task done, rotation reported', async (t) => {
  const { fx, run, bin } = await cloud(t, { maxVersion: '2.93' });
  const r = ok(await bin('backup', '--wait', 'new-server-test', 'nightly-3', 'daily', '1'));
  const made = fx.images.find((i) => i.name === 'nightly-3')!;
  const rec = parseRecord(r.stdout);
  assert.equal(rec.get('id'), made.id);
  assert.equal(rec.get('status'), 'active');
  assert.equal(rec.get('image_type'), 'backup');
  assert.equal(rec.get('backup_type'), 'daily');
  assert.equal(rec.get('instance_uuid'), SAMPLE_SERVER_ID);
  assert.equal(rec.get('kept_backups'), 'nightly-3', 'rotation 1 keeps only the newest');
  assert.equal(fx.imageById(BACKUP_OLD_ID), undefined);
  assert.equal(fx.imageById(BACKUP_NEW_ID), undefined);
  assert.match(r.stderr, /^backup new-server-test: image queued \(\d+s\)$/m);
  assert.match(r.stderr, /^backup new-server-test: image saving \(\d+s\)$/m);
  assert.match(r.stderr, /^backup new-server-test: image active 20\.4 MiB$/m);
  // The rotation check asks Glance for this server's backups of this type, newest first.
  const q = fx.last('GET', '/image/v2/images')!.query;
  assert.deepEqual(q, {
    instance_uuid: SAMPLE_SERVER_ID,
    image_type: 'backup',
    backup_type: 'daily',
    sort_key: 'created_at',
    sort_dir: 'desc',
  });

  // Rotation 0 before 2.45: nothing to wait for in Glance; every daily backup goes.
  const z = ok(await run('--os-compute-api-version', '2.1', 'backup', '--wait', 'new-server-test', 'nightly-4', 'daily', '0'));
  assert.equal(z.stdout, "Backup 'nightly-4' of server new-server-test done; rotation 0 removed every daily backup.\n");
  assert.equal(fx.images.filter((i) => i.backup_type === 'daily').length, 0);
});

test('image-create --wait on a snapshot that fails (image killed): exit 1, the reason, no stack', async (t) => {
  const { fx, run } = await cloud(t);
  fx.snapshotStates = ['saving', 'killed'];
  const r = await run('image-create', '--wait', 'new-server-test', 'bad-snap');
  assert.equal(r.code, 1);
  assert.ok(!hasStack(r.stderr));
  const id = String(fx.images.find((i) => i.name === 'bad-snap')!.id);
  assert.match(
    r.stderr,
    new RegExp(
      `^ERROR: snapshot new-server-test: image ${id} ended killed; the snapshot failed \\(see the server's instance actions\\)\\.$`,
      'm',
    ),
  );
  assert.equal(r.stdout, '');
});

test('backup refuses a bad rotation locally', async (t) => {
  const { fx, run } = await cloud(t);
  for (const rot of ['-1', 'two', '1.5']) {
    const r = await run('backup', 'new-server-test', 'x', 'daily', '--', rot);
    assert.equal(r.code, 2, rot);
    assert.match(r.stderr, /<rotation> must be/);
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.actions('createBackup').length, 0);
});

// ---- createImage -----------------------------------------------------------------------------

for (const mv of ['2.1', '2.45', '2.100']) {
  test(`image-create at ${mv}: {name, metadata}, the image id, the completion cache`, async (t) => {
    const { fx, te, run } = await cloud(t, { maxVersion: '2.100' });
    const r = ok(await run('--os-compute-api-version', mv, 'image-create', '--metadata', 'purpose=test', 'Web Server 1', 'web-snap'));
    assert.deepEqual(fx.actions('createImage')[0]!.json, { createImage: { name: 'web-snap', metadata: { purpose: 'test' } } });
    const made = fx.images.find((i) => i.name === 'web-snap')!;
    assert.equal(made.purpose, 'test');
    assert.equal(r.stdout, `Snapshot 'web-snap' of server Web Server 1 requested: image ${made.id}.\n`);
    assert.ok(cacheLines(te, 'image-uuid-cache').includes(String(made.id)));

    const shown = parseRecord(
      ok(await run('--os-compute-api-version', mv, 'image-create', '--show', 'new-server-test', 'web-snap-2')).stdout,
    );
    assert.deepEqual(fx.actions('createImage')[1]!.json, { createImage: { name: 'web-snap-2' } });
    assert.equal(shown.get('status'), 'queued');
    assert.equal(shown.get('image_type'), 'snapshot');
  });
}

test('image-create --wait: the image record once active', async (t) => {
  const { fx, run } = await cloud(t);
  const r = ok(await run('image-create', '--wait', '-f', 'json', 'new-server-test', 'snap-w'));
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(j.status, 'active');
  assert.equal(j.name, 'snap-w');
  assert.equal(j.instance_uuid, SAMPLE_SERVER_ID);
  assert.match(r.stderr, /^snapshot new-server-test: image saving \(\d+s\)$/m);
  assert.equal(fx.serverById(SAMPLE_SERVER_ID)!.taskState, null);
});

// ---- Glance ----------------------------------------------------------------------------------

const IMAGE_COLUMNS = ['ID', 'Name', 'Status', 'Size', 'Min Disk', 'Min RAM', 'Visibility', 'Kind', 'Server'];

test('image-list: table, json, value; follows Glance `next`; writes the image caches', async (t) => {
  const { fx, te, run } = await cloud(t, { glanceDefaultLimit: 2 });
  const r = ok(await run('image-list'));
  const rows = parseBoxTable(r.stdout);
  assert.deepEqual(rows[0], IMAGE_COLUMNS);
  assert.deepEqual(
    rows.slice(1).map((x) => x[1]),
    ['new-server-test-snap', 'nightly-2', 'nightly-1', 'golden', 'Ubuntu 22.04 LTS', 'cirros-0.6.2-x86_64-disk'],
  );
  assert.deepEqual(rows[2], [BACKUP_NEW_ID, 'nightly-2', 'active', '20.4 MiB', '0', '0', 'private', 'backup (daily)', SAMPLE_SERVER_ID]);
  assert.deepEqual(rows[5], [UBUNTU_ID, 'Ubuntu 22.04 LTS', 'active', '655.9 MiB', '10', '1024', 'public', '', '']);
  const pages = fx.find('GET', '/image/v2/images');
  assert.equal(pages.length, 3, 'three pages of two');
  assert.deepEqual(
    pages.map((p) => p.query.marker),
    [undefined, BACKUP_NEW_ID, GOLDEN_ID],
  );
  assert.equal(cacheLines(te, 'image-uuid-cache').length, 6);
  assert.ok(cacheLines(te, 'image-human-id-cache').includes('ubuntu-2204-lts'));

  const j = JSON.parse(ok(await run('image-list', '-f', 'json')).stdout) as Array<Record<string, unknown>>;
  assert.equal(j.length, 6);
  assert.deepEqual(Object.keys(j[0]!), IMAGE_COLUMNS);
  assert.equal(j[4]!['Min Disk'], 10);
  const v = ok(await run('image-list', '-f', 'value', '-c', 'ID', '--limit', '2')).stdout;
  assert.equal(v, `${SNAPSHOT_ID}\n${BACKUP_NEW_ID}\n`);
  assert.equal(fx.last('GET', '/image/v2/images')!.query.limit, '2');
});

test('image-list filters: --server, --property, --name, --status go to Glance as query parameters', async (t) => {
  const { fx, run } = await cloud(t);
  const s = ok(await run('image-list', '--server', 'new-server-test', '-f', 'value', '-c', 'Name'));
  assert.equal(s.stdout, 'new-server-test-snap\nnightly-2\nnightly-1\n');
  assert.equal(fx.last('GET', '/image/v2/images')!.query.instance_uuid, SAMPLE_SERVER_ID);
  const p = ok(await run('image-list', '--property', 'image_type=backup', '--status', 'active', '-f', 'value', '-c', 'Name'));
  assert.equal(p.stdout, 'nightly-2\nnightly-1\n');
  assert.deepEqual(fx.last('GET', '/image/v2/images')!.query, { status: 'active', image_type: 'backup' });
  const n = ok(await run('image-list', '--name', 'golden', '-f', 'value', '-c', 'ID'));
  assert.equal(n.stdout, `${GOLDEN_ID}\n`);
  const bad = await run('image-list', '--property', 'oops');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--property 'oops' is not of the form key=value/);
});

test('image-show by name, ID and human_id', async (t) => {
  const { fx, run } = await cloud(t);
  for (const ref of ['Ubuntu 22.04 LTS', UBUNTU_ID, 'ubuntu-2204-lts']) {
    const rec = parseRecord(ok(await run('image-show', ref)).stdout);
    assert.equal(rec.get('id'), UBUNTU_ID, ref);
    assert.equal(rec.get('min_disk'), '10');
    assert.equal(rec.get('min_ram'), '1024');
    assert.equal(rec.get('visibility'), 'public');
    assert.equal(rec.get('properties'), "os_distro='ubuntu', os_version='22.04'");
  }
  const backup = JSON.parse(ok(await run('image-show', '-f', 'json', 'nightly-1')).stdout) as Record<string, unknown>;
  assert.equal(backup.image_type, 'backup');
  assert.equal(backup.backup_type, 'daily');
  assert.equal(backup.instance_uuid, SAMPLE_SERVER_ID);
  assert.deepEqual(backup.properties, { base_image_ref: CIRROS_ID, user_id: 'admin' });
  const missing = await run('image-show', 'nope');
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, "ERROR (CommandError): No image with a name or ID of 'nope' exists.\n");
  // An id that Glance does not know: a 404 first, then the name search.
  const unknownId = 'deadbeef-0000-4000-8000-000000000000';
  const gone = await run('image-show', unknownId);
  assert.equal(gone.stderr, `ERROR (CommandError): No image with a name or ID of '${unknownId}' exists.\n`);
  assert.equal(fx.last('GET', `/image/v2/images/${unknownId}`)!.status, 404);
});

test('image-delete: protected images are refused without a request; deletes prune the cache', async (t) => {
  const { fx, te, run } = await cloud(t);
  ok(await run('image-list'));
  const r = await run('image-delete', 'golden', 'nightly-1');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `Cannot delete image 'golden': it is protected\n`);
  assert.equal(r.stdout, `Image nightly-1 (${BACKUP_OLD_ID}) deleted.\n`);
  assert.deepEqual(
    fx.requests.filter((x) => x.method === 'DELETE').map((x) => x.path),
    [`/image/v2/images/${BACKUP_OLD_ID}`],
  );
  assert.ok(!cacheLines(te, 'image-uuid-cache').includes(BACKUP_OLD_ID));
  assert.ok(cacheLines(te, 'image-uuid-cache').includes(GOLDEN_ID));
  const d = ok(await run('image-delete', SNAPSHOT_ID));
  assert.equal(d.stdout, `Image new-server-test-snap (${SNAPSHOT_ID}) deleted.\n`);
});
