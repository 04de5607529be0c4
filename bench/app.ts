/**
 * The interactive app against 10,000 and 50,000 servers: the in-process fixture cloud, and the real
 * app (node bin/novash.js, the bundled dist/app.cjs) on a 120x40 tmux terminal, timed from inside
 * the app (NOVASH_TRACE_FILE, see bench/tmuxApp.ts). Prints timings and sizes; asserts nothing.
 *   npm run bench:app        (BENCH_RUNS=N start-ups per size, default 3; BENCH_SIZES=10000,50000)
 *
 * For each size: the first page on screen and the whole list (from the process start), the
 * memory (RSS) with the whole list, then the time from a key read to the frame that follows it:
 * cursor keys, PgDn, '/' and each keystroke of a filter; and what an idle refresh costs.
 * The fixture server runs in this process: it builds every list answer from the API samples, here
 * memoized per server state (a wrapper on the instance; the fixture's file is untouched).
 */
import type http from 'node:http';
import type { FixtureServer, RecordedRequest, ServerState } from '../test/support/fixtureServer.js';
import { minor, startFixtureServer } from '../test/support/fixtureServer.js';
import { makeEnv } from '../test/support/run.js';
import { TracedApp, hasTmux } from './tmuxApp.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const SIZES = (process.env.BENCH_SIZES ?? '10000,50000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const KEY_RUNS = 15;
const FILTER_TEXT = 'web-01';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const fmt = (n: number) => n.toLocaleString('en-US');
const LABEL = 50;
function line(label: string, text: string): void {
  console.log(`app: ${label.padEnd(LABEL)} ${text}`);
}
function ms(label: string, xs: number[]): void {
  line(label, `median ${median(xs).toFixed(1)} ms   (max ${Math.max(...xs).toFixed(1)} ms, n=${xs.length})`);
}

interface FixtureInternals {
  renderServer(s: ServerState, mv: number, kind: 'detail' | 'get' | 'list'): Record<string, unknown>;
  send(res: http.ServerResponse, rec: RecordedRequest, reply: unknown): void;
}

/** The fixture with `total` servers, list answers memoized, and the body size of each answer kept. */
async function startCloud(total: number): Promise<{ fx: FixtureServer; bodies: Map<RecordedRequest, number> }> {
  const fx = await startFixtureServer({ novaMaxLimit: 1000 });
  const stamp = '2024-01-01T00:00:00Z';
  const roles = ['web', 'db', 'cache', 'worker', 'batch'];
  for (let i = fx.servers.length; i < total; i++) {
    fx.addServer({
      name: `${roles[i % roles.length]}-${String(i).padStart(5, '0')}`,
      created: stamp,
      updated: stamp,
      ...(i % 50 === 7 ? { status: 'SHUTOFF', vmState: 'stopped', powerState: 4 } : {}),
      ...(i % 250 === 11 ? { status: 'ERROR', vmState: 'error', powerState: 0 } : {}),
    });
  }
  // Old enough that no changes-since window takes them in: an idle refresh really is idle.
  for (const s of fx.servers) s.updated = s.created = s.created < stamp ? s.created : stamp;
  const inner = fx as unknown as FixtureInternals;
  const renderServer = inner.renderServer.bind(fx);
  const rendered = new WeakMap<ServerState, Map<string, { sig: string; out: Record<string, unknown> }>>();
  inner.renderServer = (s, mv, kind) => {
    if (kind === 'get') return renderServer(s, mv, kind);
    const { pending: _pending, polls: _polls, ...state } = s;
    const sig = JSON.stringify(state) + JSON.stringify(s.pending);
    let byKind = rendered.get(s);
    if (!byKind) rendered.set(s, (byKind = new Map()));
    const hit = byKind.get(`${kind}@${mv}`);
    if (hit && hit.sig === sig) return hit.out;
    const out = renderServer(s, mv, kind);
    byKind.set(`${kind}@${mv}`, { sig, out });
    return out;
  };
  for (const s of fx.servers) inner.renderServer(s, minor(fx.options.maxVersion), 'detail');
  const bodies = new Map<RecordedRequest, number>();
  const send = inner.send.bind(fx);
  inner.send = (res, rec, reply) => {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      bodies.set(rec, typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0);
      return end(...args);
    }) as typeof res.end;
    send(res, rec, reply);
  };
  return { fx, bodies };
}

const pause = (t: number) => new Promise<void>((r) => setTimeout(r, t));

async function benchSize(total: number): Promise<void> {
  const t0 = performance.now();
  const { fx, bodies } = await startCloud(total);
  console.log(
    `\n${fmt(total)} servers in the fixture cloud (built in ${((performance.now() - t0) / 1000).toFixed(1)} s), 120x40 terminal, ${RUNS} start-ups`,
  );
  const te = makeEnv(fx);
  // As a user sees it: colours on (the test environment turns them off), forms' polls at their pace.
  const { NO_COLOR: _noColor, NOVASH_POLL_MS: _poll, ...appEnv } = te.env;
  try {
    // Once to log in and fill the token, completion and V8 code caches, as any second start has.
    const warm = new TracedApp(appEnv, []);
    await warm.waitFor('list-complete-frame', 120_000);
    await pause(3500); // the app bundle's code cache is written 3 s after start
    await warm.quit();

    const first: number[] = [];
    const whole: number[] = [];
    const rss: number[] = [];
    let app: TracedApp | undefined;
    for (let i = 0; i < RUNS; i++) {
      app = new TracedApp(appEnv, []);
      first.push((await app.waitFor('first-rows-frame', 120_000)).ms);
      whole.push((await app.waitFor('list-complete-frame', 120_000)).ms);
      const done = (await app.waitFor('list-complete')).detail ?? '';
      rss.push(Number(/rss (\d+)/.exec(done)?.[1] ?? NaN));
      if (i < RUNS - 1) await app.quit();
    }
    line(
      'first page on screen (from process start)',
      `median ${(median(first) / 1000).toFixed(3)} s   (max ${(Math.max(...first) / 1000).toFixed(3)} s)`,
    );
    const at = (label: string) =>
      app!
        .trace()
        .find((e) => e.label === label)
        ?.ms.toFixed(0);
    line(
      '  (the last start-up)',
      `bundle loaded ${at('loaded-app')} ms, request sent ${at('request-sent')} ms, screens loaded ${at('screens-loaded')} ms, first page ${at('first-page')} ms, on screen ${at('first-rows-frame')} ms`,
    );
    line(
      `whole list of ${fmt(total)} on screen`,
      `median ${(median(whole) / 1000).toFixed(3)} s   (max ${(Math.max(...whole) / 1000).toFixed(3)} s)`,
    );
    line('memory (RSS) with the whole list', `median ${(median(rss) / 2 ** 20).toFixed(0)} MiB`);

    // Keys, on the last app.
    const a = app!;
    await pause(500);
    for (const [label, key] of [
      ['cursor key j', 'j'],
      ['cursor key Down', 'Down'],
      ['PgDn', 'NPage'],
    ] as const) {
      const xs: number[] = [];
      for (let i = 0; i < KEY_RUNS; i++) xs.push(await a.timeKey(key));
      ms(label, xs);
    }
    const open: number[] = [];
    const keys: number[] = [];
    for (let i = 0; i < 5; i++) {
      open.push(await a.timeKey('/'));
      for (const ch of FILTER_TEXT) keys.push(await a.timeKey(ch, { literal: true }));
      await a.timeKey('Escape');
      await pause(100);
    }
    ms("filter: '/' opens the prompt", open);
    ms(`filter: each keystroke of '${FILTER_TEXT}'`, keys);

    // An idle refresh: nothing changes in the cloud (the app polls every 5 s).
    await pause(1000);
    fx.clearRequests();
    const framesBefore = a.trace().filter((e) => e.label === 'frame').length;
    await pause(11_000);
    const polls = fx.requests.filter((r) => r.method === 'GET' && /\/servers\/detail$/.test(r.path) && r.query['changes-since']);
    const others = fx.requests.length - polls.length;
    const body = polls.reduce((n, r) => n + (bodies.get(r) ?? 0), 0);
    line(
      'idle refresh (11 s)',
      `${polls.length} GET /servers/detail?changes-since=..., ${others} other requests, ${fmt(Math.round(body / Math.max(1, polls.length)))} bytes of body each`,
    );
    line('  frames drawn while idle', String(a.trace().filter((e) => e.label === 'frame').length - framesBefore));
    await a.quit();
  } finally {
    te.cleanup();
    await fx.close();
  }
}

async function main(): Promise<void> {
  if (!hasTmux()) {
    console.error('bench:app drives the app in tmux: install it (apt-get install tmux).');
    process.exit(2);
  }
  console.log('novash app benchmark: the bundled app in tmux, timed from inside (ms since its process started)');
  for (const n of SIZES) await benchSize(n);
}

await main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
