import { useCallback, useRef, useState } from 'react';
import { useApp } from '../app/context.js';

/**
 * State a screen keeps while it is covered and gets back when the user returns to it (cursor,
 * scroll, tab, sort), without re-rendering the whole app on every key.
 */
export function useViewState<T>(entryKey: number, name: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const { viewStore } = useApp();
  const storeKey = `${entryKey}:${name}`;
  const [value, setValue] = useState<T>(() => (viewStore.has(storeKey) ? (viewStore.get(storeKey) as T) : initial));
  const current = useRef(value);
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const v = typeof next === 'function' ? (next as (p: T) => T)(current.current) : next;
      current.current = v;
      viewStore.set(storeKey, v);
      setValue(v);
    },
    [storeKey, viewStore],
  );
  return [value, set];
}
