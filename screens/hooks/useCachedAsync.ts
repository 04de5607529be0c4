import { useApp } from '../app/context.js';
import { useAsync, type AsyncState } from './useAsync.js';

export type CachedAsync<T> = AsyncState<T>;

/**
 * useAsync with a memory: the last answer under `key` shows at once when a screen comes back,
 * while a fresh request runs; the app's data epoch reloads it when the cloud changed under it.
 */
export function useCachedAsync<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, deps: unknown[] = []): CachedAsync<T> {
  const { dataCache, dataEpoch } = useApp();
  return useAsync(fn, [key, dataEpoch, ...deps], {
    initial: dataCache.get(key) as T | undefined,
    onData: (data) => dataCache.set(key, data),
  });
}
