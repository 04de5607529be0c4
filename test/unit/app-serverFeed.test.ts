import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServerFeed } from '../../src/app/serverFeed.js';
import { isSettled } from '../../src/operations/states.js';
import type { Managers } from '../../src/managers/index.js';
import { toServer } from '../../src/managers/servers.js';
import type { Server } from '../../src/managers/types.js';
import { NotFoundError } from '../../src/session/errors.js';

function raw(id: string, name: string, status = 'ACTIVE', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name, status, 'OS-EXT-STS:task_state': null, updated: '2026-01-01T00:00:00Z', created: '2026-01-01T00:00:00Z', image: { id: 'img-1' }, flavor: { original_name: 'm1.tiny' }, ...extra };
}

/** Just what the feed uses: servers.list / get, the completion cache and the image names. */
function fakeManagers() {
  const calls: Array<Record<string, unknown>> = [];
  let all: Server[] = [raw('a', 'alpha'), raw('b', 'beta')].map(toServer);
  let changed: Server[] = [];
  const cacheOps: string[] = [];
  const gets: string[] = [];
  let getAnswer: (id: string) => Server = (id) => {
    const s = all.find((x) => x.id === id);
    if (!s) throw new NotFoundError('gone', 404, 'itemNotFound', undefined, 'GET', id);
    return s;
  };
  const m = {
    servers: {
      async list(filters: Record<string, unknown> = {}) {
        calls.push(filters);
        if (filters.changesSince) {
          const out = changed;
          changed = [];
          return out;
        }
        return all;
      },
      async get(id: string) {
        gets.push(id);
        return getAnswer(id);
      },
    },
    images: { async list() { return [{ id: 'img-1', name: 'cirros' }]; } },
    flavors: { async list() { return []; } },
    cache: {
      add: (_k: string, e: Array<{ id: string }>) => cacheOps.push(`add ${e.map((x) => x.id).join(',')}`),
      remove: (_k: string, ids: string[]) => cacheOps.push(`remove ${ids.join(',')}`),
      replace: () => undefined,
    },
  };
  return {
    managers: m as unknown as Managers,
    calls,
    cacheOps,
    gets,
    setAll: (s: Array<Record<string, unknown>>) => (all = s.map(toServer)),
    setChanged: (s: Array<Record<string, unknown>>) => (changed = s.map(toServer)),
    setGet: (f: (id: string) => Server) => (getAnswer = f),
  };
}

const until = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

test('a full list first, then changes-since polls merged in: changed rows replaced, new ones added, DELETED dropped', async (t) => {
  const f = fakeManagers();
  let now = 1_000_000;
  const feed = new ServerFeed(f.managers, { intervalMs: 10_000, overlapMs: 2000, now: () => now });
  t.after(() => feed.stop());
  let renders = 0;
  feed.subscribe(() => renders++);
  await feed.reload();
  assert.deepEqual(feed.getSnapshot().servers.map((s) => s.name), ['alpha', 'beta']);
  assert.equal(feed.getSnapshot().loading, false);
  await until(() => feed.getSnapshot().imageNames.get('img-1') === 'cirros');

  now += 5000;
  f.setChanged([raw('a', 'alpha', 'REBOOT', { 'OS-EXT-STS:task_state': 'rebooting', updated: '2026-01-01T00:00:05Z' }), raw('c', 'gamma'), raw('b', 'beta', 'DELETED')]);
  await feed.poll();
  const last = f.calls.at(-1)!;
  assert.equal(last.changesSince, new Date(1_000_000 - 2000).toISOString());
  const snap = feed.getSnapshot();
  assert.deepEqual(snap.servers.map((s) => `${s.name}:${s.status}`), ['alpha:REBOOT', 'gamma:ACTIVE']);
  assert.deepEqual(f.cacheOps, ['add c', 'remove b']);

  // An idle poll: one request, no new snapshot, no render.
  const before = renders;
  const version = feed.getSnapshot().version;
  now += 5000;
  await feed.poll();
  assert.equal(f.calls.at(-1)!.changesSince, new Date(1_005_000 - 2000).toISOString());
  assert.equal(feed.getSnapshot().version, version);
  assert.equal(renders, before);
});

test('a watched server is fetched by id until it settles; a 404 drops it', async (t) => {
  const f = fakeManagers();
  const feed = new ServerFeed(f.managers, { intervalMs: 10_000, fastIntervalMs: 5 });
  t.after(() => feed.stop());
  await feed.reload();
  const states = ['REBOOT', 'REBOOT', 'ACTIVE'];
  f.setGet((id) => toServer(raw(id, 'alpha', states.shift() ?? 'ACTIVE', { updated: `2026-01-01T00:00:0${states.length}Z` })));
  const seen: string[] = [];
  feed.subscribe(() => seen.push(feed.get('a')?.status ?? '-'));
  feed.watch('a');
  assert.ok(feed.getSnapshot().watching.has('a'));
  await until(() => feed.get('a')?.status === 'ACTIVE');
  assert.ok(seen.includes('REBOOT'));
  await until(() => !feed.getSnapshot().watching.has('a'));
  f.setGet((id) => {
    if (id === 'a') return toServer(raw(id, 'alpha'));
    throw new NotFoundError(`Instance ${id} could not be found.`, 404, 'itemNotFound', undefined, 'GET', id);
  });
  feed.watch('b');
  await until(() => !feed.get('b'));
  assert.deepEqual(feed.getSnapshot().servers.map((s) => s.id), ['a']);
});

test('errors keep the data and are reported; the next good answer clears them', async (t) => {
  const f = fakeManagers();
  const feed = new ServerFeed(f.managers, { intervalMs: 10_000 });
  t.after(() => feed.stop());
  await feed.reload();
  const list = f.managers.servers.list.bind(f.managers.servers);
  (f.managers.servers as { list: unknown }).list = async () => {
    throw new Error('Cannot reach http://nova: connection refused');
  };
  await feed.poll();
  assert.match(String(feed.getSnapshot().error), /connection refused/);
  assert.equal(feed.getSnapshot().servers.length, 2);
  (f.managers.servers as { list: unknown }).list = list;
  f.setChanged([raw('c', 'gamma')]);
  await feed.poll();
  assert.equal(feed.getSnapshot().error, undefined);
  assert.equal(feed.getSnapshot().servers.length, 3);
});

test('all projects: a fresh full list with all_tenants, and polls keep asking for it', async (t) => {
  const f = fakeManagers();
  const feed = new ServerFeed(f.managers, { intervalMs: 10_000 });
  t.after(() => feed.stop());
  await feed.reload();
  feed.setAllTenants(true);
  await until(() => !feed.getSnapshot().loading);
  assert.equal(f.calls.at(-1)!.allTenants, true);
  await feed.poll();
  assert.equal(f.calls.at(-1)!.allTenants, true);
  assert.ok(f.calls.at(-1)!.changesSince);
});

test('isSettled: no task state and not in a moving status', () => {
  assert.equal(isSettled(toServer(raw('a', 'a', 'ACTIVE'))), true);
  assert.equal(isSettled(toServer(raw('a', 'a', 'REBOOT'))), false);
  assert.equal(isSettled(toServer(raw('a', 'a', 'ACTIVE', { 'OS-EXT-STS:task_state': 'image_snapshot' }))), false);
});
