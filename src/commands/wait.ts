import type { Managers } from '../managers/index.js';
import type { Image, Server } from '../managers/types.js';
import { NotFoundError } from '../session/errors.js';
import type { ProgressReporter } from './types.js';

export class WaitError extends Error {
  override name = 'WaitError';
}

export interface WaitOptions {
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function describeServerState(s: Server): string {
  const parts = [s.status];
  if (s.taskState) parts.push(s.taskState);
  if (s.progress) parts.push(`${s.progress}%`);
  return parts.join(' / ');
}

/** Polls a server until `done(server)`; stops with the fault message on ERROR. */
export async function waitForServer(
  managers: Managers,
  id: string,
  label: string,
  done: (s: Server) => boolean,
  progress: ProgressReporter,
  options: WaitOptions = {},
): Promise<Server> {
  const interval = options.intervalMs ?? Number(process.env.NOVASH_POLL_MS ?? 2000);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const started = Date.now();
  for (;;) {
    const s = await managers.servers.get(id, options.signal);
    const secs = Math.round((Date.now() - started) / 1000);
    // The end state is reported once, by done(); updates are for the states on the way.
    if (!done(s)) progress.update(`${label}: ${describeServerState(s)} (${secs}s)`);
    if (s.status === 'ERROR' && !done(s)) {
      progress.done();
      throw new WaitError(`${label}: server went to ERROR${s.fault ? `: ${s.fault.message}` : ''}`);
    }
    if (done(s)) {
      progress.done(`${label}: ${describeServerState(s)}`);
      return s;
    }
    if (Date.now() > deadline) {
      progress.done();
      throw new WaitError(`${label}: still ${describeServerState(s)} after ${secs}s; stopped waiting (the operation goes on).`);
    }
    await sleep(interval, options.signal);
  }
}

/** Polls until the server is gone (404) or DELETED. */
export async function waitForServerGone(managers: Managers, id: string, label: string, progress: ProgressReporter, options: WaitOptions = {}): Promise<void> {
  const interval = options.intervalMs ?? Number(process.env.NOVASH_POLL_MS ?? 2000);
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    let s: Server;
    try {
      s = await managers.servers.get(id, options.signal);
    } catch (err) {
      if (err instanceof NotFoundError) {
        progress.done(`${label}: deleted`);
        return;
      }
      throw err;
    }
    if (s.status === 'DELETED' || s.status === 'SOFT_DELETED') {
      progress.done(`${label}: ${s.status}`);
      return;
    }
    if (s.status === 'ERROR' && !s.taskState) {
      progress.done();
      throw new WaitError(`${label}: delete failed, server is in ERROR${s.fault ? `: ${s.fault.message}` : ''}`);
    }
    progress.update(`${label}: ${describeServerState(s)} (${Math.round((Date.now() - started) / 1000)}s)`);
    if (Date.now() > deadline) throw new WaitError(`${label}: still ${describeServerState(s)}; stopped waiting.`);
    await sleep(interval, options.signal);
  }
}

export function describeImageState(i: Image): string {
  return `${i.status}${i.size ? ` ${(i.size / 1024 / 1024).toFixed(1)} MiB` : ''}`;
}

/** Polls a Glance image until active; killed/deleted end it with an error. */
export async function waitForImage(managers: Managers, id: string, label: string, progress: ProgressReporter, options: WaitOptions = {}): Promise<Image> {
  const interval = options.intervalMs ?? Number(process.env.NOVASH_POLL_MS ?? 2000);
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 60 * 60_000);
  for (;;) {
    let img: Image;
    try {
      img = await managers.images.get(id);
    } catch (err) {
      if (err instanceof NotFoundError) {
        progress.done();
        throw new WaitError(`${label}: image ${id} disappeared (deleted by rotation or by hand?)`);
      }
      throw err;
    }
    if (img.status !== 'active') progress.update(`${label}: image ${describeImageState(img)} (${Math.round((Date.now() - started) / 1000)}s)`);
    if (img.status === 'active') {
      progress.done(`${label}: image ${describeImageState(img)}`);
      return img;
    }
    if (img.status === 'killed' || img.status === 'deleted' || img.status === 'pending_delete') {
      progress.done();
      throw new WaitError(`${label}: image ${id} ended ${img.status}; the snapshot failed (see the server's instance actions).`);
    }
    if (Date.now() > deadline) throw new WaitError(`${label}: image still ${img.status}; stopped waiting.`);
    await sleep(interval, options.signal);
  }
}
