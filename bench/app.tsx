/**
 * The interactive app against 10,000 servers: the in-process fixture cloud, the real app mounted
 * with the UI test helper (ink-testing-library) on a 120x40 terminal. Prints timings and sizes;
 * asserts nothing.
 *   npx tsc -p . && node dist/bench/app.js          (BENCH_RUNS=N to change the count, default 20)
 *
 * What is timed, from the keystroke (stdin.write) or the mount to the frame that shows its effect:
 * - the first frame showing the servers list with all 10,000 rows counted (token cached; the cold
 *   start with a Keystone login is printed once);
 * - a cursor key (j, Down), PgDn, and each keystroke of a '/' filter;
 * then the size of a frame, and what an idle live refresh costs on the wire.
 *
 * Notes: the fixture server runs in this process, so the first frame includes the time it spends
 * answering (printed apart). It builds each server from the API samples on every list, which for
 * 10,000 servers takes seconds: here its list rendering is memoized per server state (a wrapper on
 * the instance; the fixture's file is untouched), so the numbers are about the app.
 * ink-testing-library renders in Ink's debug mode: every render is written at once, without the
 * ~30 fps throttle of a real terminal.
 */
import type http from 'node:http';
import type { TestContext } from 'node:test';
import type { FixtureServer, RecordedRequest, ServerState } from '../test/support/fixtureServer.js';
import type { TestEnv } from '../test/support/run.js';
import type { Ui } from '../test/support/uiFixture.js';

// As screens/run.tsx does before it loads Ink and React: React's production build (the development
// one times every render for its dev tools), and Ink drawing every frame whatever CI says.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
process.env.NODE_ENV ??= 'production';
const { minor, startFixtureServer } = await import('../test/support/fixtureServer.js');
const { makeEnv } = await import('../test/support/run.js');
const { KEY, startUi, strip } = await import('../test/support/uiFixture.js');

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20) || 20);
const TOTAL = 10_000;
const COLUMNS = 120;
const ROWS = 40;
/** The live refresh period used here (the app's default is 5 s; the overlap is the app's default). */
const INTERVAL_MS = 1000;
const FEED = { intervalMs: INTERVAL_MS, overlapMs: 5000 };
const FILTER_TEXT = 'web-01';
const TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Numbers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const LABEL = 46;

function reportSeconds(label: string, ms: number[]): void {
  console.log(`app: ${label.padEnd(LABEL)} median ${(median(ms) / 1000).toFixed(3)} s   (max ${(Math.max(...ms) / 1000).toFixed(3)} s, n=${ms.length})`);
}

function reportMs(label: string, ms: number[]): void {
  console.log(`app: ${label.padEnd(LABEL)} median ${median(ms).toFixed(1)} ms   (max ${Math.max(...ms).toFixed(1)} ms, n=${ms.length})`);
}

function line(label: string, text: string): void {
  console.log(`app: ${label.padEnd(LABEL)} ${text}`);
}

const fmt = (n: number) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// The fixture cloud: 10,000 servers, and what it answers (bytes, time spent) per request

interface Wire {
  body: number;
  /** Status line, headers and body, as written to the socket. */
  total: number;
}

interface Instrumented {
  fx: FixtureServer;
  wire: Map<RecordedRequest, Wire>;
  /** Milliseconds the fixture spent building and sending answers (it runs in this process). */
  busyMs(): number;
}

/** The fixture's own (private) route/send, wrapped at run time to weigh answers; the file is untouched. */
interface FixtureInternals {
  renderServer(s: ServerState, mv: number, kind: 'detail' | 'get' | 'list'): Record<string, unknown>;
  route(rec: RecordedRequest): unknown;
  send(res: http.ServerResponse, rec: RecordedRequest, reply: unknown): void;
}

async function startCloud(): Promise<Instrumented> {
  const fx = await startFixtureServer({ novaMaxLimit: 1000 });
  // Old enough that no changes-since window (with its overlap) takes them in.
  const stamp = '2024-01-01T00:00:00Z';
  const roles = ['web', 'db', 'cache', 'worker', 'batch'];
  const add = TOTAL - fx.servers.length;
  for (let i = 0; i < add; i++) {
    const off = i % 50 === 7;
    const broken = i % 250 === 11;
    fx.addServer({
      name: `${roles[i % roles.length]}-${String(i).padStart(5, '0')}`,
      created: stamp,
      updated: stamp,
      ...(off ? { status: 'SHUTOFF', vmState: 'stopped', powerState: 4 } : {}),
      ...(broken ? { status: 'ERROR', vmState: 'error', powerState: 0 } : {}),
    });
  }
  // The seeded servers too, so that an idle refresh really is idle.
  for (const s of fx.servers) s.updated = s.created = s.created < stamp ? s.created : stamp;

  const inner = fx as unknown as FixtureInternals;
  // Lists render every server from the samples each time: memoize per server state (list kinds
  // only; a single GET's answer may be changed by its caller). Warm it for the microversion the
  // app will ask for (the fixture's max is below novash's).
  const renderServer = inner.renderServer.bind(fx);
  const rendered = new WeakMap<ServerState, Map<string, { sig: string; out: Record<string, unknown> }>>();
  inner.renderServer = (s, mv, kind) => {
    if (kind === 'get') return renderServer(s, mv, kind);
    const { pending, polls, ...state } = s;
    const sig = JSON.stringify(state) + JSON.stringify(pending);
    let byKind = rendered.get(s);
    if (!byKind) rendered.set(s, (byKind = new Map()));
    const hit = byKind.get(`${kind}@${mv}`);
    if (hit && hit.sig === sig) return hit.out;
    const out = renderServer(s, mv, kind);
    byKind.set(`${kind}@${mv}`, { sig, out });
    return out;
  };
  for (const s of fx.servers) inner.renderServer(s, minor(fx.options.maxVersion), 'detail');

  const wire = new Map<RecordedRequest, Wire>();
  let busy = 0;
  const route = inner.route.bind(fx);
  const send = inner.send.bind(fx);
  inner.route = (rec) => {
    const t0 = performance.now();
    try {
      return route(rec);
    } finally {
      busy += performance.now() - t0;
    }
  };
  inner.send = (res, rec, reply) => {
    const t0 = performance.now();
    const socket = res.socket;
    const before = socket?.bytesWritten ?? 0;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    let body = 0;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      body = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;
      return end(...args);
    }) as typeof res.end;
    res.once('finish', () => wire.set(rec, { body, total: (socket?.bytesWritten ?? before) - before }));
    send(res, rec, reply);
    busy += performance.now() - t0;
  };
  return { fx, wire, busyMs: () => busy };
}

// ---------------------------------------------------------------------------------------------
// The app, and its frames as they are written

interface Mounted {
  ui: Ui;
  /** The time of the next frame (written from now on) that passes `pred`. */
  next(pred: (frame: string) => boolean, what: string): Promise<number>;
  frames(): number;
  close(): Promise<void>;
}

async function mount(fx: FixtureServer, state: TestEnv): Promise<Mounted> {
  const cleanups: Array<() => unknown> = [];
  // startUi only needs t.after from the test context.
  const t = { after: (fn: () => unknown) => void cleanups.push(fn) } as unknown as TestContext;
  // With a running fixture, startUi renders synchronously and resolves at once: no HTTP answer can
  // have been drawn before the hook below is in.
  const ui = await startUi(t, { fx, reuseState: state, columns: COLUMNS, rows: ROWS, feedOptions: FEED });
  let count = 0;
  let waiter: { pred: (f: string) => boolean; resolve: (at: number) => void } | undefined;
  const write = ui.stdout.write;
  ui.stdout.write = (frame: string) => {
    write(frame);
    const at = performance.now();
    count++;
    if (waiter && waiter.pred(strip(frame))) {
      const w = waiter;
      waiter = undefined;
      w.resolve(at);
    }
  };
  return {
    ui,
    next(pred, what) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`no frame with ${what} after ${TIMEOUT_MS} ms; the screen shows:\n${ui.frame()}`));
        }, TIMEOUT_MS);
        waiter = {
          pred,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
      });
    },
    frames: () => count,
    async close() {
      for (const fn of cleanups) await fn();
    },
  };
}

const listShown = (f: string) => f.includes(`Servers (${TOTAL})`) && f.includes(`/${TOTAL}`);

/** Mounts the app and times the first frame with the whole list; the app stays mounted. */
async function mountTimed(fx: FixtureServer, state: TestEnv): Promise<{ m: Mounted; ms: number }> {
  const t0 = performance.now();
  const m = await mount(fx, state);
  const at = listShown(m.ui.frame()) ? performance.now() : await m.next(listShown, `Servers (${TOTAL})`);
  return { m, ms: at - t0 };
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Quiet until no frame has been written for `quietMs` (start-up lookups, preload...). */
async function settle(m: Mounted, quietMs = 300): Promise<void> {
  for (;;) {
    const before = m.frames();
    await pause(quietMs);
    if (m.frames() === before) return;
  }
}

/** The cursor position in the table's footer ("123/10000"). */
function position(frame: string): number | undefined {
  const m = new RegExp(`^\\s+(\\d+)/${TOTAL}\\s*$`, 'm').exec(frame);
  return m ? Number(m[1]) : undefined;
}

/** Presses a key; the time until the first frame that passes `pred`. */
async function timeKey(m: Mounted, key: string, pred: (f: string) => boolean, what: string): Promise<number> {
  const seen = m.next(pred, what);
  const t0 = performance.now();
  void m.ui.press(key); // stdin.write happens now, synchronously
  const at = await seen;
  return at - t0;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const setupStart = performance.now();
  const cloud = await startCloud();
  const { fx } = cloud;
  console.log(`novash app benchmark: ${fmt(fx.servers.length)} servers in the fixture cloud (built in ${((performance.now() - setupStart) / 1000).toFixed(2)} s), ${COLUMNS}x${ROWS} terminal, ${RUNS} runs\n`);

  // Cold start (fresh state: the Keystone login included), once; it leaves a token cache behind.
  const state = makeEnv(fx);
  fx.clearRequests();
  const busy0 = cloud.busyMs();
  const cold = await mountTimed(fx, state);
  const coldBusy = cloud.busyMs() - busy0;
  await settle(cold.m);
  const startup = fx.requests.filter((r) => r.service === 'compute' && /\/servers\/detail$/.test(r.path));
  const startupBytes = startup.reduce((n, r) => n + (cloud.wire.get(r)?.body ?? 0), 0);
  await cold.m.close();
  line(`first frame with ${TOTAL} servers, cold`, `${(cold.ms / 1000).toFixed(3)} s   (with the login; fixture busy ${(coldBusy / 1000).toFixed(3)} s of it)`);
  line('full list at start-up', `${startup.length} GET /servers/detail, ${fmt(startupBytes)} bytes of JSON`);

  // Warm starts: the token is cached, as on a second start.
  const mountMs: number[] = [];
  const busyMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = cloud.busyMs();
    const run = await mountTimed(fx, state);
    busyMs.push(cloud.busyMs() - b);
    mountMs.push(run.ms);
    await run.m.close();
  }
  reportSeconds(`first frame with ${TOTAL} servers`, mountMs);
  reportSeconds('  of which the fixture server (same process)', busyMs);
  reportSeconds('  the rest (app: client, parse, render)', mountMs.map((ms, i) => ms - busyMs[i]!));

  // One app for the keys, the frame size and the idle refresh.
  const { m } = await mountTimed(fx, state);
  const ui = m.ui;
  await settle(m);

  const frameRaw = ui.stdout.lastFrame() ?? '';
  const frameText = strip(frameRaw);
  const frameLines = frameText.split('\n');
  const dataRows = frameLines.filter((l) => /^[> ] \S/.test(l) && /-\d{5}\b|new-server-test|Web Server 1|stopped-vm|resize-me|dup/.test(l)).length;
  line('frame size', `${fmt(frameRaw.length)} characters, ${frameLines.length} lines, ${dataRows} server rows drawn of ${fmt(TOTAL)}`);
  line('  every row drawn would be about', `${fmt(TOTAL * (COLUMNS + 1))} characters`);

  // Cursor keys: one row each.
  for (const [label, key] of [['cursor key j', 'j'], ['cursor key Down', KEY.down]] as const) {
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const from = position(ui.frame()) ?? 1;
      ms.push(await timeKey(m, key, (f) => position(f) === from + 1, `${from + 1}/${TOTAL}`));
      await pause(5);
    }
    reportMs(label, ms);
  }

  // PgDn: one page each.
  {
    const ms: number[] = [];
    const moved: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const from = position(ui.frame()) ?? 1;
      ms.push(await timeKey(m, KEY.pageDown, (f) => (position(f) ?? from) > from, `a cursor past ${from}/${TOTAL}`));
      moved.push((position(ui.frame()) ?? from) - from);
      await pause(5);
    }
    reportMs('PgDn', ms);
    line('  (page)', `${median(moved)} rows per PgDn`);
  }

  // Filter: '/', then each keystroke until the list shows that filter; Esc clears.
  {
    const open: number[] = [];
    const keys: number[] = [];
    let shown = '';
    const titleFilter = (f: string) => /^\s*Servers \(([^)]*)\)\s+filter: (\S*)/m.exec(f);
    for (let i = 0; i < RUNS; i++) {
      open.push(await timeKey(m, '/', (f) => f.includes('filter: text or field:value'), 'the filter prompt'));
      let typed = '';
      for (const ch of FILTER_TEXT) {
        typed += ch;
        const want = typed;
        keys.push(await timeKey(m, ch, (f) => titleFilter(f)?.[2] === want, `filter: ${want}`));
      }
      shown = titleFilter(ui.frame())?.[1] ?? '?';
      await timeKey(m, KEY.esc, (f) => f.includes(`Servers (${TOTAL})`) && !f.includes('filter:'), 'the filter cleared');
      await pause(5);
    }
    reportMs("filter: '/' opens the prompt", open);
    reportMs(`filter: each keystroke of '${FILTER_TEXT}'`, keys);
    line('  (result)', `'${FILTER_TEXT}' leaves ${shown} servers`);
  }

  // Idle live refresh: nothing changes in the cloud; count what the app asks and gets.
  await settle(m);
  await pause(INTERVAL_MS / 2);
  fx.clearRequests();
  const framesBefore = m.frames();
  const windowMs = Math.round(INTERVAL_MS * 2.5);
  await pause(windowMs);
  const idle = [...fx.requests];
  const framesIdle = m.frames() - framesBefore;
  await pause(200); // the last answer's 'finish'
  const polls = idle.filter((r) => r.method === 'GET' && /\/servers\/detail$/.test(r.path) && r.query['changes-since']);
  const body = idle.reduce((n, r) => n + (cloud.wire.get(r)?.body ?? 0), 0);
  const total = idle.reduce((n, r) => n + (cloud.wire.get(r)?.total ?? 0), 0);
  const refreshes = Math.max(1, polls.length);
  line(`idle refresh (interval ${INTERVAL_MS} ms)`, `${idle.length} requests in ${windowMs} ms, ${polls.length} of them GET /servers/detail?changes-since=..., ${idle.length - polls.length} others`);
  line('  per refresh', `${(idle.length / refreshes).toFixed(1)} request, ${fmt(Math.round(body / refreshes))} bytes of body, ${fmt(Math.round(total / refreshes))} bytes with the status line and headers`);
  for (const r of idle) {
    const w = cloud.wire.get(r);
    const q = new URLSearchParams(r.query).toString();
    console.log(`app:    ${r.method} ${r.path}${q ? '?' + decodeURIComponent(q) : ''} -> ${r.status ?? '?'}, ${w ? `${w.body} bytes body, ${w.total} on the wire` : 'no answer yet'}`);
  }
  line('  frames drawn while idle', String(framesIdle));

  await m.close();
  state.cleanup();
  await fx.close();
}

await main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
