/**
 * Runs novash against a fixture server, two ways:
 * - `runMain`: src/cli.ts's main(argv) in this process (stdout/stderr captured, env swapped in);
 * - `runBin`: `node bin/novash.js` as a child process (dist/novash.cjs, exactly what users run).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import type { FixtureServer } from './fixtureServer.js';
import { repoRoot } from './fixtureServer.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestEnv {
  env: Record<string, string>;
  home: string;
  configDir: string;
  cacheDir: string;
  cleanup(): void;
}

/** Temp HOME, config and cache dirs, and the OS_* variables of the fixture cloud (no OS_CLOUD). */
export function makeEnv(fx: FixtureServer, extra: Record<string, string> = {}): TestEnv {
  const home = mkdtempSync(join(tmpdir(), 'novash-contract-'));
  const configDir = join(home, 'config');
  const cacheDir = join(home, 'cache');
  mkdirSync(configDir);
  mkdirSync(cacheDir);
  const env: Record<string, string> = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    OS_AUTH_URL: fx.authUrl,
    OS_USERNAME: fx.options.username,
    OS_PASSWORD: fx.options.password,
    OS_PROJECT_NAME: fx.options.projectName,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    NOVASH_CONFIG_DIR: configDir,
    NOVASH_CACHE_DIR: cacheDir,
    NOVASH_POLL_MS: '50',
    NO_COLOR: '1',
    ...extra,
  };
  return { env, home, configDir, cacheDir, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

const SCRUB = /^(OS_|NOVASH_)/;
const SWAPPED = ['HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'NO_COLOR'];

type Write = typeof process.stdout.write;

/**
 * main(argv) in this process. Only string writes are captured: the test runner's own reports
 * (serialized Buffers on the same stdout) pass through untouched.
 */
export async function runMain(argv: string[], env: Record<string, string>): Promise<RunResult> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (SCRUB.test(k) || SWAPPED.includes(k)) delete process.env[k];
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const origOut = process.stdout.write;
  const origErr = process.stderr.write;
  const capture = (orig: Write, sink: (s: string) => void): Write =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk !== 'string') return (orig as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      sink(chunk);
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (cb) queueMicrotask(cb);
      return true;
    } as Write;
  process.stdout.write = capture(origOut, (s) => (stdout += s));
  process.stderr.write = capture(origErr, (s) => (stderr += s));
  let code: number;
  try {
    code = await main(argv);
  } finally {
    process.stdout.write = origOut;
    process.stderr.write = origErr;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  return { code, stdout, stderr };
}

export const BIN = join(repoRoot(), 'bin', 'novash.js');

/** `node bin/novash.js ARGS` with exactly this environment (plus PATH), cwd = the temp HOME. */
export function runBin(
  argv: string[],
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      cwd: options.cwd ?? env.HOME,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`novash ${argv.join(' ')} did not finish in ${options.timeoutMs ?? 20_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The one completion-cache directory novash made under NOVASH_CACHE_DIR (per user/project/URL). */
export function cacheDirOf(t: TestEnv): string {
  const dirs = existsSync(t.cacheDir) ? readdirSync(t.cacheDir) : [];
  if (dirs.length !== 1) throw new Error(`expected one cache dir under ${t.cacheDir}, found ${JSON.stringify(dirs)}`);
  return join(t.cacheDir, dirs[0]!);
}

export function cacheLines(t: TestEnv, file: string): string[] {
  const p = join(cacheDirOf(t), file);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean);
}

/** Parses a box table (+---+ / | a | b |) into rows of trimmed cells, header first. */
export function parseBoxTable(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
}

/** A record table (Field | Value) as a map. */
export function parseRecord(text: string): Map<string, string> {
  const rows = parseBoxTable(text);
  const out = new Map<string, string>();
  for (const r of rows.slice(1)) out.set(r[0]!, r.slice(1).join(' | '));
  return out;
}

/** No JavaScript stack trace in what the user sees. */
export function hasStack(text: string): boolean {
  return /\n\s+at .+(\(|:\d+:\d+)/.test(text) || /node:internal/.test(text);
}
