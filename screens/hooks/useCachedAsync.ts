import { useEffect, useRef, useState } from 'react';
import { useApp } from '../app/context.js';

export interface CachedAsync<T> {
  data?: T;
  loading: boolean;
  error?: unknown;
  reload: () => void;
}

/**
 * useAsync with a memory: the last answer under `key` shows at once when a screen comes back,
 * while a fresh request runs. The request starts in an effect and is cancelled (its answer
 * dropped, its AbortSignal fired) when the screen goes away.
 */
export function useCachedAsync<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, deps: unknown[] = []): CachedAsync<T> {
  const { dataCache, dataEpoch } = useApp();
  const [state, setState] = useState<{ data?: T; loading: boolean; error?: unknown }>(() => ({
    data: dataCache.get(key) as T | undefined,
    loading: true,
  }));
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fnRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        dataCache.set(key, data);
        setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, loading: false, error }));
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, dataEpoch, ...deps]);
  const reload = useRef(() => setTick((t) => t + 1)).current;
  return { ...state, reload };
}
