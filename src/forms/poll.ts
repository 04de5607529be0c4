/**
 * A poller for the forms' progress views: fetches, reports each value (or each failed fetch, then
 * goes on: the session already retries idempotent GETs), until `settled` or the signal aborts.
 */
export interface PollOptions {
  intervalMs?: number;
  signal?: AbortSignal;
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

export async function poll<T>(
  fetch: (signal?: AbortSignal) => Promise<T>,
  onValue: (value: T) => void,
  settled: (value: T) => boolean,
  options: PollOptions & { onError?: (err: unknown) => boolean | void } = {},
): Promise<T> {
  const interval = pollInterval(options.intervalMs);
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    let value: T | undefined;
    let got = false;
    try {
      value = await fetch(options.signal);
      got = true;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      // onError returning true means: stop, this error is final.
      if (options.onError?.(err) === true) throw err;
    }
    if (got) {
      onValue(value as T);
      if (settled(value as T)) return value as T;
    }
    await sleep(interval, options.signal);
  }
}
