import type { Managers } from '../managers/index.js';
import type { Image, Server } from '../managers/types.js';
import { NotFoundError, describeError } from '../session/errors.js';
import { describeServerState, reached, type Settle } from './states.js';

/**
 * The one wait: polls a server or an image until its end state, reporting each step. The CLI's
 * --wait, the forms' progress views and the app's "following its state" all use it, so "done",
 * "failed" and "still going" mean the same everywhere.
 */

export class WaitError extends Error {
  override name = 'WaitError';
}

/** Where progress goes: one line, rewritten in place on a terminal. */
export interface ProgressSink {
  update(text: string): void;
  done(text?: string): void;
}

export interface FollowOptions {
  intervalMs?: number;
  /** Stop waiting after this long (the operation goes on in the cloud). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A poll that failed (the wait goes on; the session already retried idempotent GETs). Return true to stop with it. */
  onPollError?: (err: unknown) => boolean | void;
}

export function pollInterval(explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const env = Number(process.env.NOVASH_POLL_MS);
  return Number.isFinite(env) && env > 0 ? env : 2000;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Fetches until `settled`, handing every value to `onValue`. A failed fetch is reported to
 * onPollError and the next round still runs, unless onPollError says it is final.
 */
export async function poll<T>(
  fetch: (signal?: AbortSignal) => Promise<T>,
  onValue: (value: T) => void,
  settled: (value: T) => boolean,
  options: FollowOptions = {},
): Promise<T> {
  const interval = pollInterval(options.intervalMs);
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    try {
      const value = await fetch(options.signal);
      onValue(value);
      if (settled(value)) return value;
    } catch (err) {
      if (options.signal?.aborted || err instanceof WaitError) throw err;
      if (options.onPollError?.(err) === true) throw err;
    }
    if (Date.now() > deadline)
      throw new WaitError(`stopped waiting after ${Math.round((options.timeoutMs ?? 0) / 1000)}s (the operation goes on in the cloud)`);
    await sleep(interval, options.signal);
  }
}

const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)}s`;

/**
 * Follows a server to `settle`, with `label` ("stop vm1") on each progress line. ERROR that is not
 * the end asked for ends it with the fault; a 404 ends a `gone` wait and fails any other.
 */
export async function followServer(
  managers: Managers,
  id: string,
  label: string,
  settle: Settle,
  progress: ProgressSink,
  options: FollowOptions = {},
): Promise<Server | undefined> {
  const started = Date.now();
  let last: Server | undefined;
  if ('immediate' in settle) return undefined;
  try {
    await poll(
      async (signal) => {
        try {
          return await managers.servers.get(id, signal);
        } catch (err) {
          if (err instanceof NotFoundError) {
            if ('gone' in settle) return undefined;
            throw new WaitError(`${label}: the server is gone (deleted meanwhile?)`);
          }
          throw err;
        }
      },
      (s) => {
        if (!s) return;
        last = s;
        if (!reached(settle, s)) progress.update(`${label}: ${describeServerState(s)} (${seconds(started)})`);
        if (s.status === 'ERROR' && !reached(settle, s) && !s.taskState) {
          throw new WaitError(`${label}: server went to ERROR${s.fault?.message ? `: ${s.fault.message}` : ''}`);
        }
      },
      (s) => !s || reached(settle, s),
      {
        ...options,
        onPollError: (err) => {
          progress.update(
            `${label}: ${last ? describeServerState(last) : 'waiting'}; the last check failed: ${describeError(err)} (${seconds(started)})`,
          );
          return options.onPollError?.(err);
        },
      },
    );
  } catch (err) {
    progress.done();
    if (err instanceof WaitError && !err.message.startsWith(label)) {
      throw new WaitError(`${label}: ${last ? `still ${describeServerState(last)}; ` : ''}${err.message}`);
    }
    throw err;
  }
  progress.done(last && !('gone' in settle) ? `${label}: ${describeServerState(last)}` : `${label}: deleted`);
  return last;
}

export function describeImageState(i: Image): string {
  return `${i.status}${i.size ? ` ${(i.size / 1024 / 1024).toFixed(1)} MiB` : ''}`;
}

export const DEAD_IMAGE = new Set(['killed', 'deleted', 'pending_delete']);

/** Follows a Glance image to active; killed / deleted / gone end it with an error. */
export async function followImage(
  managers: Managers,
  id: string,
  label: string,
  progress: ProgressSink,
  options: FollowOptions = {},
): Promise<Image> {
  const started = Date.now();
  try {
    const img = await poll(
      async () => {
        try {
          return await managers.images.get(id);
        } catch (err) {
          if (err instanceof NotFoundError) throw new WaitError(`${label}: image ${id} disappeared (deleted by rotation or by hand?)`);
          throw err;
        }
      },
      (i) => {
        if (DEAD_IMAGE.has(i.status))
          throw new WaitError(`${label}: image ${id} ended ${i.status}; the snapshot failed (see the server's instance actions).`);
        if (i.status !== 'active') progress.update(`${label}: image ${describeImageState(i)} (${seconds(started)})`);
      },
      (i) => i.status === 'active',
      {
        ...options,
        onPollError: (err) => {
          progress.update(`${label}: the last check of the image failed: ${describeError(err)} (${seconds(started)})`);
          return options.onPollError?.(err);
        },
      },
    );
    progress.done(`${label}: image ${describeImageState(img)}`);
    return img;
  } catch (err) {
    progress.done();
    throw err;
  }
}
