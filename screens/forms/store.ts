import type { Key } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useKeys } from '../hooks/useKeys.js';
import { splitKeyBurst } from './keyBurst.js';

/**
 * Form state in a ref, re-rendered on change: key handlers always read the latest state, even
 * when several keys arrive before React renders again (a burst of typing, a double Enter).
 */
export interface Store<T> {
  state: T;
  get: () => T;
  update: (fn: (s: T) => T) => void;
}

export function useStore<T>(init: () => T): Store<T> {
  const ref = useRef<T | null>(null);
  if (ref.current === null) ref.current = init();
  const [, setTick] = useState(0);
  const get = useCallback(() => ref.current as T, []);
  const update = useCallback((fn: (s: T) => T) => {
    ref.current = fn(ref.current as T);
    setTick((t) => t + 1);
  }, []);
  return { state: ref.current, get, update };
}

/** Is the component still mounted? Async results after unmount are dropped. */
export function useMounted(): { current: boolean } {
  const ref = useRef(true);
  useEffect(() => {
    ref.current = true;
    return () => {
      ref.current = false;
    };
  }, []);
  return ref;
}

/**
 * The form's keys. They go through the app's one keyboard listener (screens/hooks/useKeys.tsx): the handler of the
 * latest render is called, so a key that arrives before React ran its effects still sees that
 * render's data; outside the app (tests, a standalone form) it falls back to useInput. A burst of
 * keys read at once is handled key by key (splitKeyBurst).
 */
export function useFormKeys(handler: (input: string, key: Key) => void): void {
  useKeys((input, key) => {
    for (const [i, k] of splitKeyBurst(input, key)) handler(i, k);
  });
}
