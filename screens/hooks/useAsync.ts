import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  loading: boolean;
  data?: T;
  error?: unknown;
  /** Runs the request again (Ctrl-R); keeps the old data visible while loading. */
  reload: () => void;
}

export interface AsyncOptions<T> {
  /** Shown at once, while the first request runs (e.g. the last answer from a cache). */
  initial?: T;
  /** Every answer, as it arrives (e.g. to keep it in a cache). */
  onData?: (data: T) => void;
}

/**
 * Starts `fn` in an effect, cancels it (AbortSignal) when the screen goes away or the deps
 * change, and exposes loading / data / error. Screens never wait on HTTP inside render.
 */
export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[], options: AsyncOptions<T> = {}): AsyncState<T> {
  const [state, setState] = useState<{ loading: boolean; data?: T; error?: unknown }>(() => ({ loading: true, data: options.initial }));
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const onDataRef = useRef(options.onData);
  onDataRef.current = options.onData;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fnRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        onDataRef.current?.(data);
        setState({ loading: false, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ loading: false, data: s.data, error }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
