/**
 * Name resolution (novaclient's order and messages) and the completion caches that back it and
 * shell completion.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { type RunResult, cacheDirOf, cacheLines, hasStack, parseRecord } from '../support/run.js';

const WEB_ID = '9168b536-cd40-4630-b43f-b259807c6e87';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** The compute requests a run made, as "METHOD path?query" (image-name lookups left out). */
function computeCalls(fx: { requests: Array<{ method: string; path: string; query: Record<string, string>; service: string }> }): string[] {
  return fx.requests
    .filter((r) => r.service === 'compute' && r.path !== '/v2.1/' && !r.path.includes('/flavors'))
    .map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? '?' + new URLSearchParams(r.query).toString() : ''}`);
}

test('a server by ID: one GET of that server, no listing', async (t) => {
  const { fx, run } = await cloud(t);
  assert.equal(parseRecord(ok(await run('show', WEB_ID)).stdout).get('name'), 'Web Server 1');
  assert.deepEqual(computeCalls(fx), [`GET /v2.1/servers/${WEB_ID}`]);
});

test("a server by name: Nova's regex filter, anchored and escaped, then an exact match on our side", async (t) => {
  const { fx, run } = await cloud(t);
  fx.addServer({ name: 'db.1' });
  fx.addServer({ name: 'dbx1' });
  fx.clearRequests();
  assert.equal(parseRecord(ok(await run('show', 'db.1')).stdout).get('name'), 'db.1');
  assert.deepEqual(computeCalls(fx), ['GET /v2.1/servers/detail?name=%5Edb%5C.1%24']);
  fx.clearRequests();
  assert.equal(parseRecord(ok(await run('show', 'Web Server 1')).stdout).get('id'), WEB_ID);
  assert.deepEqual(computeCalls(fx), ['GET /v2.1/servers/detail?name=%5EWeb+Server+1%24']);
});

test('a server by human_id: without a cache a full list; with one, a direct GET', async (t) => {
  const { fx, run } = await cloud(t);
  assert.equal(parseRecord(ok(await run('show', 'web-server-1')).stdout).get('id'), WEB_ID);
  assert.deepEqual(computeCalls(fx), ['GET /v2.1/servers/detail?name=%5Eweb-server-1%24', 'GET /v2.1/servers/detail']);

  // The full list filled the cache: next time the cached id is tried (and checked) first.
  fx.clearRequests();
  assert.equal(parseRecord(ok(await run('show', 'web-server-1')).stdout).get('id'), WEB_ID);
  assert.deepEqual(computeCalls(fx), ['GET /v2.1/servers/detail?name=%5Eweb-server-1%24', `GET /v2.1/servers/${WEB_ID}`]);
});

test('a stale cache entry is verified, never trusted', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('list'));
  // Behind novash's back: the server is replaced by a namesake with a new id.
  fx.servers.splice(
    fx.servers.findIndex((s) => s.id === WEB_ID),
    1,
  );
  const fresh = fx.addServer({ name: 'Web Server 1' });
  fx.clearRequests();
  assert.equal(parseRecord(ok(await run('show', 'web-server-1')).stdout).get('id'), fresh.id);
  assert.deepEqual(computeCalls(fx), [
    'GET /v2.1/servers/detail?name=%5Eweb-server-1%24',
    `GET /v2.1/servers/${WEB_ID}`,
    'GET /v2.1/servers/detail',
  ]);
});

test("novaclient's messages for no match and several matches, exit 1, no stack", async (t) => {
  const { fx, run, bin } = await cloud(t);
  fx.addServer({ name: 'My VM' });
  fx.addServer({ name: 'My  VM' });
  const cases: Array<[string[], string]> = [
    [['show', 'ghost'], "ERROR (CommandError): No server with a name or ID of 'ghost' exists.\n"],
    [['show', 'dup'], "ERROR (CommandError): Multiple server matches found for 'dup', use an ID to be more specific.\n"],
    [['show', 'my-vm'], "ERROR (CommandError): Multiple server matches found for 'my-vm', use an ID to be more specific.\n"],
    [
      ['show', 'deadbeef-0000-4000-8000-000000000000'],
      "ERROR (CommandError): No server with a name or ID of 'deadbeef-0000-4000-8000-000000000000' exists.\n",
    ],
    [['flavor-show', 'm1.huge'], "ERROR (CommandError): No flavor with a name or ID of 'm1.huge' exists.\n"],
    [['image-show', 'windows'], "ERROR (CommandError): No image with a name or ID of 'windows' exists.\n"],
    [['console-log', 'dup'], "ERROR (CommandError): Multiple server matches found for 'dup', use an ID to be more specific.\n"],
  ];
  for (const [argv, message] of cases) {
    for (const go of [run, bin]) {
      const r = await go(...argv);
      assert.equal(r.code, 1, argv.join(' '));
      assert.equal(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.ok(!hasStack(r.stderr));
    }
  }
  // Either of the two can be reached by its id.
  const dupId = fx.servers.find((s) => s.name === 'dup')!.id;
  assert.equal(parseRecord(ok(await run('show', dupId)).stdout).get('id'), dupId);
  // An exact name wins over a human_id shared with others.
  fx.addServer({ name: 'my-vm' });
  assert.equal(parseRecord(ok(await run('show', 'my-vm')).stdout).get('name'), 'my-vm');
});

test('human_id folds accents and punctuation as novaclient does', async (t) => {
  const { fx, run } = await cloud(t);
  const cafe = fx.addServer({ name: 'Café Serveur (prod)!' });
  const rec = parseRecord(ok(await run('show', 'cafe-serveur-prod')).stdout);
  assert.equal(rec.get('id'), cafe.id);
  assert.equal(rec.get('human_id'), 'cafe-serveur-prod');
});

// ---- completion caches -------------------------------------------------------------------------

test('list rewrites the server caches; a filtered list only adds; files are written atomically', async (t) => {
  const { fx, te, run } = await cloud(t);
  ok(await run('list'));
  assert.deepEqual(
    cacheLines(te, 'server-uuid-cache'),
    fx.servers.map((s) => s.id),
  );
  assert.deepEqual(cacheLines(te, 'server-human-id-cache'), ['new-server-test', 'web-server-1', 'stopped-vm', 'resize-me', 'dup']);
  const files = readdirSync(cacheDirOf(te)).sort();
  // The image names the list looked up are remembered too (the next list asks Glance nothing).
  assert.deepEqual(
    files,
    ['image-human-id-cache', 'image-index-cache', 'image-uuid-cache', 'server-human-id-cache', 'server-index-cache', 'server-uuid-cache'],
    'no temp files left behind',
  );

  // A server created elsewhere shows up in a filtered list: added, the others kept.
  const other = fx.addServer({ name: 'elsewhere', status: 'ERROR', vmState: 'error' });
  ok(await run('list', '--status', 'ERROR'));
  assert.equal(cacheLines(te, 'server-uuid-cache').length, 7);
  assert.ok(cacheLines(te, 'server-uuid-cache').includes(other.id));

  // Gone from Nova: a full list drops it.
  fx.servers.splice(fx.servers.indexOf(other), 1);
  fx.servers.splice(
    fx.servers.findIndex((s) => s.id === SAMPLE_SERVER_ID),
    1,
  );
  ok(await run('list'));
  assert.deepEqual(
    cacheLines(te, 'server-uuid-cache'),
    fx.servers.map((s) => s.id),
  );
  assert.ok(!cacheLines(te, 'server-human-id-cache').includes('new-server-test'));
});

test('shell completion (__complete) answers from the caches without a request', async (t) => {
  const { fx, bin } = await cloud(t);
  ok(await bin('list'));
  ok(await bin('flavor-list'));
  ok(await bin('image-list'));
  fx.clearRequests();
  // `novash show we<TAB>`: COMP_CWORD-1 = 1, words after "novash".
  assert.equal(ok(await bin('__complete', '1', 'show', 'we')).stdout, 'web-server-1\n');
  assert.equal(ok(await bin('__complete', '1', 'show', '9168')).stdout, `${WEB_ID}\n`);
  assert.equal(ok(await bin('__complete', '2', 'boot', '--flavor', 'm1.s')).stdout, 'm1.small\nm1.small.description\n');
  // Names and human ids both complete.
  assert.equal(ok(await bin('__complete', '2', 'boot', '--image', 'ci')).stdout, 'cirros-0.6.2-x86_64-disk\ncirros-062-x86_64-disk\n');
  assert.equal(ok(await bin('__complete', '0', 'flavor-')).stdout, 'flavor-list\nflavor-show\n');
  assert.equal(ok(await bin('__complete', '3', 'backup', 'vm', 'name', 'w')).stdout, 'weekly\n');
  assert.equal(fx.requests.length, 0, 'completion never goes to the network');
});
