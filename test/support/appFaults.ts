/**
 * The interactive app behind the fault proxy: the real app (Root, as `novash` starts it) rendered
 * with ink-testing-library, its cloud the fixture server seen through a FaultProxy, with short
 * polls and deadlines so that a fault shows in a second or two, not in 15 s. And what a user would
 * check on its screen under any fault: it still runs, no stack trace, no raw control character,
 * nothing wider than the terminal.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { type MatrixFault, MATRIX_COMMANDS } from './faultMatrix.js';
import { type FaultProxy, startFaultProxy } from './faultProxy.js';
import { type FixtureServer, startFixtureServer } from './fixtureServer.js';
import { hasStack } from './run.js';
import { type Ui, type UiOptions, startUi, strip } from './uiFixture.js';

/** The poll period of these tests (ms): a fault meets a poll within a fifth of a second. */
export const POLL_MS = 200;
/**
 * The feed's deadline (ms): longer than the session's own retries of a refused or reset
 * connection (1 + 2 s of back-off), so those are told as what they are, not as a stall.
 */
export const FEED_DEADLINE_MS = 5000;
/** The session's deadline of one attempt (--timeout, s). */
export const ATTEMPT_TIMEOUT_S = 1;

export const LIST_PATH = '/v2.1/servers/detail';
export const LIST_COMMAND = MATRIX_COMMANDS.find((c) => c.name === 'list')!;

export interface FaultyUi {
  ui: Ui;
  fx: FixtureServer;
  proxy: FaultProxy;
}

/** The fixture cloud, a fault proxy in front of it, and the app talking to the proxy. */
export async function startFaultyUi(t: TestContext, fault?: MatrixFault, opts: UiOptions = {}): Promise<FaultyUi> {
  const fx = await startFixtureServer(opts.fixture);
  const proxy = await startFaultProxy(fx.origin);
  // A huge body takes longer than a second to cross: those faults say how long they may take.
  const timeoutS = fault?.timeoutS ?? ATTEMPT_TIMEOUT_S;
  const ui = await startUi(t, {
    columns: 80,
    rows: 24,
    ...opts,
    fx,
    env: { OS_AUTH_URL: proxy.authUrl, ...opts.env },
    globals: { timeout: String(timeoutS), ...opts.globals },
    feedOptions: { intervalMs: POLL_MS, deadlineMs: Math.max(FEED_DEADLINE_MS, timeoutS * 1000), ...opts.feedOptions },
  });
  // After startUi's own clean-up (the app unmounted first), then the cloud.
  t.after(async () => {
    await proxy.close();
    await fx.close();
  });
  return { ui, fx, proxy };
}

/** Applies a fault of the matrix to the requests matching method and path (or stops the proxy). */
export async function applyFault(proxy: FaultProxy, fault: MatrixFault, method: string, path: string | RegExp): Promise<void> {
  if (fault.refused) await proxy.close();
  else if (fault.fault) proxy.fail({ method, path, times: fault.times, fault: fault.fault });
}

/** The fault ends: the proxy forwards everything again (listening again, on the same port). */
export async function endFault(proxy: FaultProxy): Promise<void> {
  proxy.clearFaults();
  await proxy.reopen();
}

const SGR = /\u001B\[[0-9;]*m/g;
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * What must hold on every frame under any fault: the app has not exited, the screen has no stack
 * trace and no control character but the colours Ink itself draws, and no line is wider than the
 * terminal (a message is cut to fit).
 */
export function assertSane(ui: Ui, frames: readonly string[], columns = 80): void {
  assert.equal(ui.exited(), undefined, 'the app is still running');
  for (const raw of frames) {
    const text = strip(raw);
    assert.ok(!hasStack(text), `a stack trace on screen:\n${text}`);
    assert.ok(!RAW_CONTROL.test(raw.replace(SGR, '')), `a raw control character on screen: ${JSON.stringify(raw)}`);
    for (const line of text.split('\n')) assert.ok(line.length <= columns, `a line of ${line.length} columns:\n${line}`);
  }
}

/** The frames drawn since `from` (an index into ui.stdout.frames). */
export function framesSince(ui: Ui, from: number): string[] {
  return ui.stdout.frames.slice(from);
}

/** The status line: the line above the footer (with the one above it: an error may take two). */
export function statusLine(frame: string): string {
  return frame.split('\n').slice(-3, -1).join('\n');
}

/** The request ids the proxy answered faulted requests to this path with. */
export function faultedRequestIds(proxy: FaultProxy, method: string, path: string | RegExp): string[] {
  return proxy
    .find(method, path)
    .filter((r) => r.fault && r.requestId)
    .map((r) => r.requestId!);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until(what: string, test: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * One fault of the matrix on the servers list's polls. The list stays on screen (never
 * "Servers (0)"), keys still move the cursor; a fault the session cannot absorb shows in the header
 * ("refresh failed Ns ago") and on the status line (status and request id); one it can absorb (a
 * 401 answered by a new login, a 502 retried) shows nothing. When the fault ends, the next poll
 * brings a server made meanwhile, and the failure is no longer shown.
 */
export async function pollFaultCase(t: TestContext, mf: MatrixFault): Promise<void> {
  const { ui, fx, proxy } = await startFaultyUi(t, mf);
  await ui.waitFor('Servers (6)', 10_000);
  const from = ui.stdout.frames.length;
  await applyFault(proxy, mf, 'GET', LIST_PATH);
  if (mf.expect(LIST_COMMAND) === 'fail') {
    const f = await ui.waitFor((s) => /refresh failed \d+s ago/.test(s) && statusLine(s).includes('refresh failed: '), 20_000);
    const status = statusLine(f);
    if (mf.status) {
      assert.match(f.split('\n')[0]!, new RegExp(`refresh failed \\d+s ago: HTTP ${mf.status}`), 'the header names the status');
      assert.ok(status.includes(`HTTP ${mf.status}, request req-`), `the status line names status and request id: ${status}`);
      const shown = /request (req-[0-9a-f-]{36})/.exec(status)?.[1];
      assert.ok(shown && faultedRequestIds(proxy, 'GET', LIST_PATH).includes(shown), `the request id is the proxy's: ${status}`);
    } else {
      assert.match(
        status,
        // An endless body ends either at the deadline or, on a fast machine, at the body cap
        // (then it is an answer: "HTTP 200, request req-...: the answer was larger than ...").
        /no answer|Cannot reach|connection|cut off|stopped arriving|HTTP 200, request req-/i,
        `the status line says what went wrong: ${status}`,
      );
    }
  } else {
    // Absorbed by the session: the fault was met, and polls went on past it.
    await until('the fault to be met', () => proxy.find('GET', LIST_PATH).some((r) => r.fault));
    const met = proxy.find('GET', LIST_PATH).findIndex((r) => r.fault);
    await until('three more polls', () => proxy.find('GET', LIST_PATH).length >= met + 4);
    const shown = framesSince(ui, from).find((s) => strip(s).includes('refresh failed'));
    assert.equal(shown, undefined, `a fault the session absorbs is not shown:\n${shown && strip(shown)}`);
  }
  const f = ui.frame();
  assert.match(f, /Servers \(6\)/, 'the last good list stays');
  assert.match(f, /Web Server 1/);
  assert.equal(
    framesSince(ui, from).find((s) => /Servers \(0\)|Loading…/.test(strip(s))),
    undefined,
    'never emptied by a bad answer',
  );
  await ui.press('j', 'j');
  await ui.waitFor(/^> new-server-/m, 3000);
  assertSane(ui, framesSince(ui, from));

  await endFault(proxy);
  fx.addServer({ name: 'fresh-vm' });
  const g = await ui.waitFor((s) => s.includes('Servers (7)') && s.includes('fresh-vm') && !s.includes('refresh failed'), 15_000);
  assert.match(g, /^> new-server-/m, 'the cursor stayed on its server');
  assertSane(ui, framesSince(ui, from));
}
