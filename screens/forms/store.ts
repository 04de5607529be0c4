import type { Key } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyDoc } from '../keys/dispatcher.js';
import { useKeyOwner } from '../keys/KeyboardProvider.js';

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

const FORM_DOCS: KeyDoc[] = [
  { label: 'Esc', help: 'cancel the form (nothing is sent)', footer: 'cancel the form' },
  { label: 'Ctrl-C', help: 'quit', footer: 'quit' },
];

/**
 * The form's keys: it owns the keyboard while open (modal), one key at a time, each after the last
 * one's state has rendered. While `loading` (what its steps act on is not there yet) the keys
 * typed wait for it, in order; Esc then cancels at once (and what was typed for the form goes too).
 * `typing`: a text field or a filter has the focus now, where printable keys only insert text.
 */
export function useFormKeys(handler: (input: string, key: Key) => void, options: { loading?: boolean; typing?: () => boolean } = {}): void {
  const loading = options.loading === true;
  useKeyOwner((p) => handler(p.input, p.key), {
    modal: true,
    // A text field or a list's filter has the focus: a paste comes in as one edit.
    text: options.typing,
    ready: () => !loading,
    urgent: (p) => loading && p.name === 'esc',
    docs: FORM_DOCS,
  });
}
