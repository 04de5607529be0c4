/**
 * A bare-body declared resource from the shipped examples/extensions/site.yaml: the documents
 * commands against the fixture cloud's os-documents — requests sent, output, completion,
 * validation before sending, --read-only, and the cloud's refusal.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RunResult, hasStack, parseBoxTable, parseRecord } from '../support/run.js';
import { siteCloud } from '../support/siteExtensionRoutes.js';

/** Lines of a completion-cache file (the one per-user directory; bin's V8 cache and the declarations sit beside it). */
function cacheFile(root: string, name: string): string[] {
  const dirs = readdirSync(root).filter((d) => d !== 'v8' && d !== 'extensions');
  assert.equal(dirs.length, 1);
  return readFileSync(join(root, dirs[0]!, name), 'utf8')
    .split('\n')
    .filter(Boolean);
}

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

test('documents: create, list, show, update, delete — bare bodies, the singular list key', async (t) => {
  const { fx, site, run, bin, te } = await siteCloud(t);
  site.addDocument(1, 'test1');

  const created = ok(await run('document-create', '2', 'second'));
  const posts = fx.find('POST', '/v2.1/os-documents');
  assert.equal(posts.length, 1, 'one POST');
  assert.deepEqual(posts[0]!.json, { id: 2, name: 'second' }, 'the id is sent as a number, the body bare');
  // The 202 has no body: the new document is shown from a GET.
  const rec = parseRecord(created.stdout);
  assert.equal(rec.get('id'), '2');
  assert.equal(rec.get('name'), 'second');
  assert.ok(rec.has('created_at'), 'every field the cloud shows');

  const list = ok(await bin('document-list'));
  assert.deepEqual(parseBoxTable(list.stdout), [
    ['ID', 'Name'],
    ['1', 'test1'],
    ['2', 'second'],
  ]);
  const json = JSON.parse(ok(await run('document-list', '-f', 'json')).stdout);
  assert.deepEqual(
    json,
    [
      { ID: 1, Name: 'test1' },
      { ID: 2, Name: 'second' },
    ],
    'json keeps numbers as numbers',
  );
  assert.equal(ok(await run('document-list', '-f', 'value', '-c', 'Name')).stdout, 'test1\nsecond\n');

  // By name: resolved through the list, then shown in full.
  fx.clearRequests();
  const shown = parseRecord(ok(await run('document-show', 'second')).stdout);
  assert.equal(shown.get('id'), '2');
  assert.ok(shown.has('updated_at'));
  assert.equal(fx.count('GET', '/v2.1/os-documents/2'), 1);

  fx.clearRequests();
  const updated = parseRecord(ok(await run('document-update', 'second', '--name', 'renamed')).stdout);
  assert.deepEqual(
    fx.find('PUT', '/v2.1/os-documents/2').map((r) => r.json),
    [{ name: 'renamed' }],
    'only what changes',
  );
  assert.equal(updated.get('name'), 'renamed');

  // Completion: ids and names from the cache the list wrote, no network.
  ok(await run('document-list'));
  fx.clearRequests();
  const complete = ok(await bin('__complete', '1', 'document-show', ''));
  assert.deepEqual(complete.stdout.trim().split('\n'), ['1', '2', 'renamed', 'test1']);
  assert.equal(fx.requests.length, 0);
  assert.equal(ok(await bin('__complete', '0', 'document-del')).stdout, 'document-delete\n');

  const del = await run('document-delete', '1', 'renamed', 'nope');
  assert.equal(del.code, 1, 'one of three failed');
  assert.equal(
    del.stdout,
    'Request to delete document 1 (test1) has been accepted.\nRequest to delete document 2 (renamed) has been accepted.\n',
  );
  assert.equal(del.stderr, "Cannot delete document 'nope': No document with a name or ID of 'nope' exists.\n");
  assert.equal(fx.count('DELETE', /^\/v2\.1\/os-documents\/\d+$/), 2);
  assert.equal(site.documents.filter((d) => d.deleted).length, 2, 'soft-deleted rows stay in the table');
  assert.deepEqual(cacheFile(te.cacheDir, 'declared-document-uuid-cache'), [], 'deletes leave the completion cache');
  assert.deepEqual(JSON.parse(ok(await run('document-list', '-f', 'json')).stdout), []);
});

test('bad input is refused before anything is sent, naming the argument and what is allowed', async (t) => {
  const { fx, site, run } = await siteCloud(t);
  site.addDocument(1, 'test1');
  const cases: Array<[string[], RegExp]> = [
    [['document-create', '3', 'x'.repeat(46)], /^ERROR: novash document-create: <name> must be at most 45 characters \(got 46\)\.\n$/],
    [['document-create', 'three', 'x'], /^ERROR: novash document-create: <id> must be a whole number \(got 'three'\)\.\n$/],
    [['document-create', '0', 'x'], /^ERROR: novash document-create: <id> must be at least 1 \(got 0\)\.\n$/],
    [['document-create', '3'], /^ERROR: novash document-create: missing <name>\. Usage: novash document-create <id> <name>\n$/],
    [['document-update', '1'], /^ERROR: novash document-update: nothing to change; give at least one of --name\.\n$/],
    [
      ['document-update', '1', '--name', 'y'.repeat(50)],
      /^ERROR: novash document-update: --name must be at most 45 characters \(got 50\)\.\n$/,
    ],
    [['document-update', '1', '--id', '5'], /^ERROR: novash document-update: unknown option '--id'/],
    [
      ['--read-only', 'document-create', '3', 'x'],
      /^ERROR: novash document-create changes the cloud and --read-only is set; nothing was sent\.\n$/,
    ],
    [['--read-only', 'document-delete', '1'], /--read-only is set; nothing was sent/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing but lookups was sent');
  assert.equal(site.liveDocument(1)?.name, 'test1');
  ok(await run('--read-only', 'document-list'));
});

test("the cloud's refusal shows its message and request id; nothing changed", async (t) => {
  const { fx, site, run, bin } = await siteCloud(t, { member: true });
  site.addDocument(1, 'test1');
  ok(await run('document-list'));
  const r = await bin('document-create', '2', 'mine');
  assert.equal(r.code, 1);
  const answered = fx.last('POST', '/v2.1/os-documents')!;
  assert.equal(answered.status, 403);
  assert.equal(
    r.stderr,
    `ERROR (forbidden): Policy doesn't allow compute_extension:documents:create to be performed. (HTTP 403, request ${answered.requestId})\n`,
  );
  assert.equal(fx.count('POST', '/v2.1/os-documents'), 1, 'a refused create is not retried');
  assert.equal(site.documents.length, 1);

  const missing = await run('document-show', '42');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^ERROR \(CommandError\): No document with a name or ID of '42' exists\.\n$/);
  const del = await run('document-delete', '1');
  assert.match(
    del.stderr,
    /^Cannot delete document '1': Policy doesn't allow compute_extension:documents:delete to be performed\. \(HTTP 403, request req-[0-9a-f-]+\)\n$/,
  );
  assert.equal(site.liveDocument(1)?.name, 'test1');
});

test('a declaration that does not match the answers is an error, never an empty list', async (t) => {
  const { te, run } = await siteCloud(t);
  const wrong = join(te.home, 'wrong.yaml');
  writeFileSync(wrong, 'resources:\n  - name: doc\n    path: /os-documents\n    fields: {id: {type: integer}, name: {}}\n');
  te.env.NOVASH_EXTENSIONS = wrong;
  const r = await run('doc-list');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `ERROR: The cloud's answer to GET /os-documents has no list under 'docs' (its keys: document); check list_key in ${wrong}.\n`,
  );
});

test('help and completion know the declared commands', async (t) => {
  const { run } = await siteCloud(t);
  const help = ok(await run('help')).stdout;
  for (const c of [
    'document-list',
    'document-show',
    'document-create',
    'document-update',
    'document-delete',
    'backup-instance',
    'extension-list',
  ])
    assert.match(help, new RegExp(`^  ${c} `, 'm'));
  const create = ok(await run('help', 'document-create')).stdout;
  assert.match(create, /^usage: novash document-create <id> <name>$/m);
  assert.match(create, /<name> +Document name/);
  assert.match(create, /Changes the cloud: refused with --read-only\./);
  assert.match(ok(await run('document-update', '--help')).stdout, /--name NAME +Document name \(at most 45 characters\)/);
  assert.deepEqual(
    ok(await run('__complete', '0', 'docu'))
      .stdout.trim()
      .split('\n'),
    ['document-create', 'document-delete', 'document-list', 'document-show', 'document-update'],
  );
});
