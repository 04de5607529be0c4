/**
 * What keeps the one-shot commands fast without changing what they print: the image names a list
 * looked up are remembered, so the next list is one request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import type { RunResult } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

test('a second list asks Glance nothing: the image names the first one looked up are remembered', async (t) => {
  const { fx, run } = await cloud(t);
  const first = ok(await run('list')).stdout;
  assert.ok(
    fx.requests.some((r) => r.service === 'image'),
    'the first list looks the image names up',
  );
  fx.clearRequests();
  const second = ok(await run('list')).stdout;
  assert.equal(second, first);
  assert.deepEqual(
    fx.requests.filter((r) => r.service === 'image').map((r) => r.path),
    [],
  );
  assert.equal(fx.requests.filter((r) => r.service === 'compute' && r.path.endsWith('/servers/detail')).length, 1);
});

test('an image the cache does not know yet is looked up, and only that one', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('list'));
  const used = new Set(fx.servers.map((s) => s.imageId));
  const other = fx.images.find((i) => typeof i.id === 'string' && !used.has(i.id as string)) as { id: string; name: string } | undefined;
  assert.ok(other, 'the fixture has an image no server uses yet');
  fx.addServer({ name: 'new-one', imageId: other.id });
  fx.clearRequests();
  const out = ok(await run('list')).stdout;
  const lookups = fx.requests.filter((r) => r.service === 'image');
  assert.deepEqual(
    lookups.map((r) => r.query.id),
    [`in:${other.id}`],
  );
  assert.match(out, new RegExp(`new-one.*${other.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
