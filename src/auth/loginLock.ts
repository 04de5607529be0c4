import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * One login for many processes: whoever needs a token and finds none takes a lock file beside the
 * token cache (created with O_EXCL, holding its pid, host and time), logs in, writes the cache and
 * removes the lock. The others wait (bounded), re-reading the cache, and use the token it brings.
 * A lock whose holder is dead, or that is older than any login can take, is taken over.
 */
export interface LoginLockOptions {
  /** How long to wait for another process's login before logging in anyway. */
  waitMs?: number;
  /** A lock older than this is abandoned (its holder hung or its clock is off). */
  staleMs?: number;
  /** Pause between looks at the cache and the lock. */
  pollMs?: number;
}

export const LOGIN_LOCK_WAIT_MS = 10_000;
export const LOGIN_LOCK_STALE_MS = 60_000;

interface LockContent {
  pid: number;
  host: string;
  time: number;
}

function readLock(path: string): LockContent | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.time === 'number') return v as LockContent;
  } catch {
    // being written, or garbage: judged by its age below
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at `path` may be taken over. */
function isStale(path: string, staleMs: number, now = Date.now()): boolean {
  const content = readLock(path);
  if (content) {
    if (content.host === hostname() && !alive(content.pid)) return true;
    return now - content.time > staleMs;
  }
  try {
    return now - statSync(path).mtimeMs > Math.min(staleMs, 5_000);
  } catch {
    return false; // gone already: the next try will take it
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() } satisfies LockContent));
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(path: string): void {
  try {
    const content = readLock(path);
    // Only our own lock: after a takeover the file may be someone else's now.
    if (!content || (content.pid === process.pid && content.host === hostname())) unlinkSync(path);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` (the login) under the lock at `path`, unless `recheck` finds that another process
 * brought what is needed meanwhile. The lock cannot be had within `waitMs`: `fn` runs anyway
 * (a second login is better than no login). Problems with the lock file itself never fail a login.
 */
export async function underLoginLock<T>(
  path: string,
  recheck: () => Promise<T | undefined>,
  fn: () => Promise<T>,
  options: LoginLockOptions = {},
): Promise<T> {
  const waitMs = options.waitMs ?? LOGIN_LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOGIN_LOCK_STALE_MS;
  const pollMs = options.pollMs ?? 50;
  const until = Date.now() + waitMs;
  let held = false;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    for (;;) {
      if (tryCreate(path)) {
        held = true;
        break;
      }
      if (isStale(path, staleMs)) {
        try {
          unlinkSync(path);
        } catch {
          // another waiter took it over first
        }
        continue;
      }
      const found = await recheck();
      if (found !== undefined) return found;
      if (Date.now() >= until) break;
      // A little jitter, so that waiters do not all look at the same moment.
      await sleep(pollMs + Math.floor(Math.random() * pollMs));
    }
  } catch {
    // an unwritable state directory: log in without the lock
  }
  try {
    // The holder before us may have just finished.
    if (held) {
      const found = await recheck();
      if (found !== undefined) return found;
    }
    return await fn();
  } finally {
    if (held) release(path);
  }
}
