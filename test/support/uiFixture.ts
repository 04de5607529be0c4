/**
 * Drives the interactive app in-process against the fixture cloud with ink-testing-library:
 * keys go in through its stdin, frames come out as text; the fake terminal is given a size
 * (80x24 unless asked) and can be resized.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { render } from 'ink-testing-library';
import React from 'react';
import { PromptHistory } from '../../src/app/history.js';
import type { ServerFeedOptions } from '../../src/app/serverFeed.js';
import { createManagers } from '../../src/commands/context.js';
import type { OptionValues } from '../../src/commands/types.js';
import { Root } from '../../screens/app/Root.js';
import type { Route } from '../../screens/app/routes.js';
import type { ConnectFn } from '../../screens/app/useConnection.js';
import { type FixtureOptions, type FixtureServer, startFixtureServer } from './fixtureServer.js';
import { makeEnv, type TestEnv } from './run.js';
import { WAIT_MS } from './formsFixture.js';

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
  ctrlU: '\u0015',
} as const;

const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

export function strip(text: string): string {
  return text.replace(ANSI, '');
}

export interface UiOptions {
  columns?: number;
  rows?: number;
  globals?: OptionValues;
  fixture?: FixtureOptions;
  /** Extra environment for config resolution (e.g. OS_PASSWORD removed). */
  env?: Record<string, string | undefined>;
  feedOptions?: ServerFeedOptions;
  initialRoute?: Route;
  /** Reuse a running fixture (several apps against one cloud). */
  fx?: FixtureServer;
  connect?: ConnectFn;
  /** Sees the global options of every connection (start-up, switches). */
  onConnect?: (globals: OptionValues) => void;
  history?: string[];
  /** Use these state dirs (token cache, completion caches) instead of fresh ones. */
  reuseState?: TestEnv;
}

export interface Ui {
  fx: FixtureServer;
  te: TestEnv;
  /** The fake terminal's output stream (ink-testing-library's). */
  stdout: ReturnType<typeof render>['stdout'];
  /** The screen as text, without colours. */
  frame(): string;
  /** Sends keys as the terminal would (one write = one read). */
  press(...keys: string[]): Promise<void>;
  /** Types text one character at a time. */
  type(text: string): Promise<void>;
  waitFor(what: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  waitForNot(what: string | RegExp, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  exit: Promise<{ code: number; error?: unknown }>;
  exited(): { code: number; error?: unknown } | undefined;
  historyFile: string;
  unmount(): void;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 15));

/** Starts the fixture cloud and the app on a fake terminal of 80x24 (or as asked). */
export async function startUi(t: TestContext, opts: UiOptions = {}): Promise<Ui> {
  const fx = opts.fx ?? (await startFixtureServer(opts.fixture));
  const te = opts.reuseState ?? makeEnv(fx);
  const env: NodeJS.ProcessEnv = { ...te.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  // Token and completion caches live under these (the session reads process.env).
  process.env.NOVASH_CONFIG_DIR = te.configDir;
  process.env.NOVASH_CACHE_DIR = te.cacheDir;
  process.env.NO_COLOR = '1';
  for (const k of Object.keys(process.env)) if (k.startsWith('OS_')) delete process.env[k];
  const historyFile = join(te.configDir, 'history');
  if (opts.history) writeFileSync(historyFile, opts.history.join('\n') + '\n');

  let finished: { code: number; error?: unknown } | undefined;
  let finish!: (r: { code: number; error?: unknown }) => void;
  const exit = new Promise<{ code: number; error?: unknown }>((resolve) => (finish = resolve));
  const connect: ConnectFn =
    opts.connect ??
    ((g, promptSecret) => {
      opts.onConnect?.(g);
      return createManagers(g, { promptSecret, env });
    });
  const instance = render(
    React.createElement(Root, {
      globals: opts.globals ?? {},
      connect,
      env,
      history: new PromptHistory(historyFile),
      feedOptions: { intervalMs: 300, fastIntervalMs: 60, overlapMs: 0, ...opts.feedOptions },
      formPollMs: 30,
      initialRoute: opts.initialRoute,
      onExit: (code: number, error?: unknown) => {
        finished = { code, error };
        finish(finished);
      },
    }),
  );
  const { stdout, stdin } = instance;
  // ink-testing-library's terminal is 100 columns and has no height: give it one, as a resize would.
  const setSize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
    stdout.emit('resize');
  };
  setSize(opts.columns ?? 80, opts.rows ?? 24);
  let unmounted = false;
  const unmount = () => {
    if (unmounted) return;
    unmounted = true;
    instance.unmount();
  };
  t.after(async () => {
    unmount();
    if (!opts.fx) await fx.close();
    if (!opts.reuseState) te.cleanup();
  });

  const frame = () => strip(stdout.lastFrame() ?? '');
  const matches = (f: string, what: string | RegExp | ((frame: string) => boolean)) =>
    typeof what === 'string' ? f.includes(what) : what instanceof RegExp ? what.test(f) : what(f);

  const ui: Ui = {
    fx,
    te,
    stdout,
    frame,
    historyFile,
    exit,
    exited: () => finished,
    unmount,
    async press(...keys) {
      for (const k of keys) {
        stdin.write(k);
        await tick();
      }
    },
    async type(text) {
      for (const ch of text) {
        stdin.write(ch);
        await tick();
      }
    },
    async waitFor(what, timeoutMs = WAIT_MS) {
      const deadline = Date.now() + Math.max(timeoutMs, WAIT_MS);
      for (;;) {
        const f = frame();
        if (matches(f, what)) return f;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(what)}; the screen shows:\n${f}`);
        await tick();
      }
    },
    async waitForNot(what, timeoutMs = WAIT_MS) {
      const deadline = Date.now() + Math.max(timeoutMs, WAIT_MS);
      for (;;) {
        const f = frame();
        if (!matches(f, what)) return f;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(what)} to go; the screen shows:\n${f}`);
        await tick();
      }
    },
    async resize(columns, rows) {
      setSize(columns, rows);
      await tick();
    },
  };
  return ui;
}

/** A temp clouds.yaml with two clouds: the fixture as `fixture`, and `other` whose user Keystone refuses. */
export function cloudsYamlFor(fx: FixtureServer, extra = ''): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'novash-clouds-'));
  const path = join(dir, 'clouds.yaml');
  const entry = (name: string, user: string, password: string) =>
    `  ${name}:\n    auth:\n      auth_url: ${fx.authUrl}\n      username: ${user}\n      password: ${password}\n      project_name: ${fx.options.projectName}\n      user_domain_name: Default\n      project_domain_name: Default\n`;
  writeFileSync(
    path,
    `clouds:\n${entry('fixture', fx.options.username, fx.options.password)}${entry('other', 'someone-else', 'wrong-password')}${extra}`,
  );
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
