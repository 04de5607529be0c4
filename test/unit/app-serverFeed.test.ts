import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServerFeed } from '../../src/app/serverFeed.js';
import { isSettled } from '../../src/operations/states.js';
import { primeServerList } from '../../src/app/serverList.js';
import type { Managers } from '../../src/managers/index.js';
import { toServer } from '../../src/managers/servers.js';
import type { Server } from '../../src/managers/types.js';
import { NotFoundError } from '../../src/session/errors.js';

function raw(id: string, name: string, status = 'ACTIVE', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name,
    status,
    'OS-EXT-STS:task_state': null,
    updated: '2026-01-01T00:00:00Z',
    created: '2026-01-01T00:00:00Z',
    image: { id: 'img-1' },
    flavor: { original_name: 'm1.tiny' },
    ...extra,
  };
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
    images: {
      async list() {
        return [{ id: 'img-1', name: 'cirros' }];
      },
    },
    flavors: {
      async list() {
        return [];
      },
    },
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
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.name),
    ['alpha', 'beta'],
  );
  assert.equal(feed.getSnapshot().loading, false);
  await until(() => feed.getSnapshot().imageNames.get('img-1') === 'cirros');

  now += 5000;
  f.setChanged([
    raw('a', 'alpha', 'REBOOT', { 'OS-EXT-STS:task_state': 'rebooting', updated: '2026-01-01T00:00:05Z' }),
    raw('c', 'gamma'),
    raw('b', 'beta', 'DELETED'),
  ]);
  await feed.poll();
  const last = f.calls.at(-1)!;
  // The cloud's time, not ours: this fake sends no Date header, so the newest `updated` it showed.
  assert.equal(last.changesSince, '2025-12-31T23:59:58.000Z');
  const snap = feed.getSnapshot();
  assert.deepEqual(
    snap.servers.map((s) => `${s.name}:${s.status}`),
    ['alpha:REBOOT', 'gamma:ACTIVE'],
  );
  // The image name looked up after the first list is remembered; then the servers seen and gone.
  assert.deepEqual(f.cacheOps, ['add img-1', 'add c', 'remove b']);

  // An idle poll: one request, no new snapshot, no render.
  const before = renders;
  const version = feed.getSnapshot().version;
  now += 5000;
  await feed.poll();
  assert.equal(f.calls.at(-1)!.changesSince, '2026-01-01T00:00:03.000Z');
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
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a'],
  );
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

// ---------------------------------------------------------------------------------------------
// A cloud answering page by page (as ServerManager.list does with onPage), with its Date header

interface ListCall {
  filters: Record<string, unknown>;
  signal?: AbortSignal;
}

/** `between`: awaited after the first page (a list caught half-way). */
type Answer = { pages: Array<Array<Record<string, unknown>> | unknown>; date?: string; between?: Promise<void> } | 'hang' | Error;

/** servers.list that hands each page to onPage with a response (headers, body) and can hang until aborted. */
function pagedManagers(cached = 0) {
  const calls: ListCall[] = [];
  const answers: Answer[] = [];
  let gate: Promise<void> = Promise.resolve();
  const m = {
    servers: {
      async list(
        filters: Record<string, unknown> = {},
        options: { signal?: AbortSignal; onPage?: (p: Server[], res: unknown) => void } = {},
      ) {
        calls.push({ filters, signal: options.signal });
        const answer = answers.shift() ?? { pages: [[]] };
        if (answer instanceof Error) throw answer;
        if (answer === 'hang') {
          return new Promise<Server[]>((_resolve, reject) => {
            options.signal?.addEventListener('abort', () =>
              reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })),
            );
          });
        }
        const out: Server[] = [];
        for (const [i, page] of answer.pages.entries()) {
          await gate;
          if (i === 1 && answer.between) await answer.between;
          const body = Array.isArray(page) ? { servers: page } : page;
          const servers = Array.isArray(page) ? page.map((r) => toServer(r as Record<string, unknown>)) : [];
          options.onPage?.(servers, { status: 200, headers: answer.date ? { date: answer.date } : {}, body, url: 'x' });
          out.push(...servers);
        }
        return out;
      },
      async get(id: string) {
        throw new NotFoundError('gone', 404, 'itemNotFound', undefined, 'GET', id);
      },
    },
    images: {
      async list() {
        return [];
      },
    },
    flavors: {
      async list() {
        return [];
      },
    },
    cache: { add: () => undefined, remove: () => undefined, replace: () => undefined, read: () => [], count: () => cached },
  };
  return {
    managers: m as unknown as Managers,
    calls,
    answer: (a: Answer) => answers.push(a),
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((r) => (open = r));
      return () => open();
    },
  };
}

const page = (...names: string[]) => names.map((n) => raw(n, n));

test('changes-since takes the cloud clock (its Date header) minus the overlap, whatever the local clock says', async (t) => {
  const f = pagedManagers();
  const feed = new ServerFeed(f.managers, { intervalMs: 60_000, overlapMs: 3000, now: () => Date.parse('1999-01-01T00:00:00Z') });
  t.after(() => feed.stop());
  f.answer({ pages: [page('a', 'b')], date: 'Tue, 01 Dec 2026 10:00:00 GMT' });
  await feed.reload();
  f.answer({ pages: [[]], date: 'Tue, 01 Dec 2026 10:00:05 GMT' });
  await feed.poll();
  assert.equal(f.calls[1]!.filters.changesSince, '2026-12-01T09:59:57.000Z');
  await feed.poll();
  assert.equal(f.calls[2]!.filters.changesSince, '2026-12-01T10:00:02.000Z');
});

test('a poll with no answer is aborted at its deadline, shown as a failure with its time, and the next poll still runs', async (t) => {
  const f = pagedManagers();
  // The feed's timers do not hold a process open (a real request's socket would): this test's do.
  const keepAlive = setInterval(() => undefined, 1000);
  t.after(() => clearInterval(keepAlive));
  let now = 5_000_000;
  const feed = new ServerFeed(f.managers, { intervalMs: 20, deadlineMs: 40, now: () => now });
  t.after(() => feed.stop());
  f.answer({ pages: [page('a', 'b')] });
  await feed.reload();
  f.answer('hang');
  now += 1000;
  await feed.poll();
  const snap = feed.getSnapshot();
  assert.match(String(snap.error), /no answer from Nova in 40 ms/);
  assert.equal(snap.failedAt, now);
  assert.ok(f.calls[1]!.signal?.aborted, 'the stalled request was aborted');
  assert.deepEqual(
    snap.servers.map((s) => s.id),
    ['a', 'b'],
  );
  // The next scheduled poll goes out and, answered, clears the failure.
  f.answer({ pages: [page('c')] });
  await until(() => f.calls.length >= 3 && feed.getSnapshot().error === undefined);
  assert.equal(feed.getSnapshot().failedAt, undefined);
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a', 'b', 'c'],
  );
});

test('a bad answer (not a list of servers) is an error and never empties the list on screen', async (t) => {
  const f = pagedManagers();
  const feed = new ServerFeed(f.managers, { intervalMs: 60_000 });
  t.after(() => feed.stop());
  f.answer({ pages: [page('a', 'b')] });
  await feed.reload();
  f.answer({ pages: [{ servers: 'maintenance' }] });
  await feed.reload();
  assert.match(String(feed.getSnapshot().error), /not a list of servers/);
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a', 'b'],
  );
  f.answer({ pages: [{ servers: [{ name: 'no id' }] }] });
  await feed.poll();
  assert.match(String(feed.getSnapshot().error), /no id/);
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a', 'b'],
  );
  f.answer(new Error('Cannot reach http://nova: connection refused'));
  await feed.reload();
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a', 'b'],
  );
});

test('the first list is shown page by page with the count to expect; a later reload swaps only when complete', async (t) => {
  const f = pagedManagers(5);
  const feed = new ServerFeed(f.managers, { intervalMs: 60_000 });
  t.after(() => feed.stop());
  let more!: () => void;
  f.answer({ pages: [page('a', 'b'), page('c', 'd'), page('e')], between: new Promise<void>((r) => (more = r)) });
  const done = feed.reload();
  assert.equal(feed.getSnapshot().expected, 5);
  await until(() => feed.getSnapshot().servers.length > 0);
  const partial = feed.getSnapshot();
  assert.deepEqual(
    partial.servers.map((s) => s.id),
    ['a', 'b'],
  );
  assert.equal(partial.loading, false);
  assert.equal(partial.streaming, true);
  more();
  await done;
  const full = feed.getSnapshot();
  assert.deepEqual(
    full.servers.map((s) => s.id),
    ['a', 'b', 'c', 'd', 'e'],
  );
  assert.equal(full.streaming, false);
  assert.equal(full.expected, undefined);
  // Ctrl-R: the old rows stay until the new list is all there.
  let rest!: () => void;
  f.answer({ pages: [page('x'), page('y')], between: new Promise<void>((r) => (rest = r)) });
  const again = feed.reload();
  await until(() => f.calls.length === 2);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['a', 'b', 'c', 'd', 'e'],
  );
  rest();
  await again;
  assert.deepEqual(
    feed.getSnapshot().servers.map((s) => s.id),
    ['x', 'y'],
  );
});

test('a list started with the app (before the screens load) is taken over: its pages are on the first frame, no second request', async (t) => {
  const f = pagedManagers();
  f.answer({ pages: [page('a', 'b'), page('c')] });
  const open = f.hold();
  primeServerList(f.managers, { firstPageSize: 40, deadlineMs: 1000 });
  open();
  await until(() => f.calls.length === 1);
  await new Promise((r) => setImmediate(r));
  const feed = new ServerFeed(f.managers, { intervalMs: 60_000 });
  t.after(() => feed.stop());
  assert.ok(feed.getSnapshot().servers.length >= 2, 'the pages that came are there at once');
  feed.start();
  await until(() => !feed.getSnapshot().streaming && feed.getSnapshot().servers.length === 3);
  assert.equal(f.calls.length, 1);
  assert.equal(f.calls[0]!.filters.allTenants, false);
});
