/**
 * Helpers for the forms' ink-testing-library tests: a fixture cloud (test/support/fixtureServer.ts,
 * unchanged) with Managers built by createManagers against it, a form mounted with its keys and
 * frames, key codes, a polling wait for renders, and a few faults the forms need that the fixture
 * only offers as building blocks (a server that goes to ERROR with a fault, custom quota).
 */
import type { TestContext } from 'node:test';
import { render } from 'ink-testing-library';
import { createElement, type ReactElement } from 'react';
import type { FormHostProps, FormOutcome } from '../../screens/forms/index.js';
import { KeyboardProvider } from '../../screens/keys/KeyboardProvider.js';
import { createManagers } from '../../src/commands/context.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { type FixtureOptions, type FixtureServer, type RecordedRequest, startFixtureServer } from './fixtureServer.js';
import { type TestEnv, makeEnv } from './run.js';

/**
 * The least a test waits for what it expects on screen. A wait that succeeds returns at once, so
 * this is only how long a failure takes to show: generous, for a loaded 2-core CI machine.
 */
export const WAIT_MS = 20_000;

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  backspace: '\u007F',
  space: ' ',
  ctrlU: '\u0015',
} as const;

export interface FormsCloud {
  fx: FixtureServer;
  te: TestEnv;
  managers: Managers;
}

/** A fresh fixture cloud, temp config/cache dirs and Managers for one test; torn down after it. */
export async function formsCloud(t: TestContext, options: FixtureOptions = {}): Promise<FormsCloud> {
  const fx = await startFixtureServer(options);
  const te = makeEnv(fx);
  // The token cache and completion caches read these when the session is made.
  const saved = { config: process.env.NOVASH_CONFIG_DIR, cache: process.env.NOVASH_CACHE_DIR };
  process.env.NOVASH_CONFIG_DIR = te.configDir;
  process.env.NOVASH_CACHE_DIR = te.cacheDir;
  const managers = createManagers({}, { env: te.env });
  t.after(async () => {
    await fx.close();
    te.cleanup();
    if (saved.config === undefined) delete process.env.NOVASH_CONFIG_DIR;
    else process.env.NOVASH_CONFIG_DIR = saved.config;
    if (saved.cache === undefined) delete process.env.NOVASH_CACHE_DIR;
    else process.env.NOVASH_CACHE_DIR = saved.cache;
  });
  return { fx, te, managers };
}

/** A fixture cloud and one of its servers (by name), as the forms get it from the app. */
export async function formsCloudWithServer(
  t: TestContext,
  name: string,
  options: FixtureOptions = {},
): Promise<FormsCloud & { server: Server }> {
  const cloud = await formsCloud(t, options);
  const server = await cloud.managers.servers.get(cloud.fx.serverByName(name)!.id);
  return { ...cloud, server };
}

/**
 * A form mounted with ink-testing-library: `make` gets the host's props (120x30, quick polls,
 * onClose recording the outcomes in `closed`; `host` changes them) and returns the form.
 */
export function mountForm(make: (host: FormHostProps) => ReactElement, managers: Managers, host: Partial<FormHostProps> = {}) {
  const closed: FormOutcome[] = [];
  // The forms take their keys from the app's one key layer, as in the app.
  const form = make({ managers, readOnly: false, width: 120, height: 30, pollIntervalMs: 10, onClose: (o) => closed.push(o), ...host });
  const inst = render(createElement(KeyboardProvider, null, form));
  const f = framer(inst);
  /** Typed text, then a moment for the form to take it. */
  const type = async (text: string): Promise<void> => {
    inst.stdin.write(text);
    await settle();
  };
  return {
    inst,
    closed,
    ...f,
    key: (k: string) => inst.stdin.write(k),
    type,
    /** Ctrl-U (clears the focused field, or a list's filter), then `text`. */
    retype: (text: string): Promise<void> => {
      inst.stdin.write(KEY.ctrlU);
      return type(text);
    },
    /** Until the form has closed (following a server or an image takes a few polls). */
    closes: (timeoutMs = WAIT_MS): Promise<void> => waitFor(() => closed.length > 0, f.frame, timeoutMs),
    /** Answers a confirmation with `key` (pressed until its `title` is gone). */
    answer: (key: string, title: string): Promise<void> => pressUntil(inst, key, () => !f.frame().includes(title), f.frame),
  };
}

export type MountedForm = ReturnType<typeof mountForm>;

/** Polls until `check` holds (true, or a non-empty string); fails with the last frame after `timeoutMs`. */
export async function waitFor(check: () => boolean, describe: () => string, timeoutMs = WAIT_MS): Promise<void> {
  const until = Date.now() + Math.max(timeoutMs, WAIT_MS);
  for (;;) {
    if (check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting; last frame:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A frame with its line breaks (and the indentation and box borders around them) folded into one space. */
export function flat(frame: string): string {
  return frame.replace(/[ │]*\n[ │]*/g, ' ');
}

/** The frame of an ink-testing-library instance, waiting for text (string or pattern; wrapped lines match too). */
export function framer(instance: { lastFrame: () => string | undefined }) {
  const frame = () => instance.lastFrame() ?? '';
  const has = (what: string | RegExp) => {
    const f = frame();
    return typeof what === 'string' ? f.includes(what) || flat(f).includes(what) : what.test(f) || what.test(flat(f));
  };
  return {
    frame,
    async see(what: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
      const ok = () => has(what);
      await waitFor(ok, () => `${String(what)} not in:\n${frame()}`, timeoutMs);
      return frame();
    },
    async gone(what: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
      const ok = () => !has(what);
      await waitFor(ok, () => `${String(what)} still in:\n${frame()}`, timeoutMs);
      return frame();
    },
  };
}

/**
 * Presses a key until `done` holds, polling: for widgets that register their keys in an effect
 * (the shared ConfirmDialog), a key sent in the same moment the widget is drawn can come too early.
 */
export async function pressUntil(
  instance: { stdin: { write: (s: string) => void } },
  key: string,
  done: () => boolean,
  describe: () => string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const until = Date.now() + Math.max(timeoutMs, WAIT_MS);
  while (!done()) {
    if (Date.now() > until) throw new Error(`pressing ${JSON.stringify(key)} did not help; last frame:\n${describe()}`);
    instance.stdin.write(key);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Ink hands a lone Esc over on the next turn of the event loop: give it that turn. */
export function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 20));
}

/** The quota GET /limits answers from now on (the sample's absolute limits, overridden). */
export function setLimits(fx: FixtureServer, absolute: Record<string, number>): void {
  const base: Record<string, number> = {
    maxImageMeta: 128,
    maxPersonality: 5,
    maxPersonalitySize: 10240,
    maxSecurityGroupRules: -1,
    maxSecurityGroups: -1,
    maxServerMeta: 128,
    maxTotalCores: 20,
    maxTotalFloatingIps: -1,
    maxTotalInstances: 10,
    maxTotalKeypairs: 100,
    maxTotalRAMSize: 51200,
    maxServerGroups: 10,
    maxServerGroupMembers: 10,
    totalCoresUsed: 0,
    totalInstancesUsed: 0,
    totalRAMUsed: 0,
    totalSecurityGroupsUsed: 0,
    totalFloatingIpsUsed: 0,
    totalServerGroupsUsed: 0,
  };
  fx.fail({
    method: 'GET',
    path: /\/limits$/,
    status: 200,
    body: { limits: { absolute: { ...base, ...absolute }, rate: [] } },
    times: 1_000_000,
  });
}

/**
 * The next server booted goes to ERROR with this fault on its first GET (as a scheduling failure
 * does: "No valid host was found."). Uses the fixture's fault matcher to change the server's state
 * just before the GET is answered; no fault is applied to the request itself.
 */
export function nextBootFails(fx: FixtureServer, message: string, code = 500): void {
  let armed = true;
  fx.fail({
    method: 'GET',
    path: /\/servers\/[0-9a-f-]{36}$/,
    times: 1_000_000,
    match: (req: RecordedRequest) => {
      if (!armed) return false;
      const id = req.path.split('/').pop()!;
      const s = fx.serverById(id);
      if (!s || !s.reservationId) return false;
      armed = false;
      s.pending = [];
      Object.assign(s, { status: 'ERROR', taskState: null, vmState: 'error', powerState: 0, fault: { code, message } });
      return false;
    },
  });
}

/** POST /servers requests so far (what the fixture counted). */
export function bootPosts(fx: FixtureServer): RecordedRequest[] {
  return fx.find('POST', /\/servers$/);
}
