import { useInput, type Key } from 'ink';
import React, { createContext, useContext, useLayoutEffect, useRef } from 'react';

export type KeyHandler = (input: string, key: Key) => void;

interface Entry {
  handler: { current: KeyHandler };
  active: { current: boolean };
}

class KeyRegistry {
  readonly entries: Entry[] = [];
  dispatch(input: string, key: Key): void {
    for (const e of [...this.entries]) if (e.active.current) e.handler.current(input, key);
  }
}

const KeysContext = createContext<KeyRegistry | null>(null);

/**
 * One keyboard listener for the whole app. Ink subscribes each useInput in a passive effect, so a
 * key typed right after a field opened or closed could reach the handler that is going away;
 * here handlers (un)register in layout effects, during the commit, before the next key is read.
 */
export function KeyboardProvider(props: { children: React.ReactNode }): React.JSX.Element {
  const registry = useRef(new KeyRegistry()).current;
  useInput((input, key) => registry.dispatch(input, key));
  return <KeysContext.Provider value={registry}>{props.children}</KeysContext.Provider>;
}

/** useInput, routed through the KeyboardProvider when there is one (plain useInput otherwise). */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const registry = useContext(KeysContext);
  const active = options.isActive !== false;
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const activeRef = useRef(active);
  useLayoutEffect(() => {
    activeRef.current = active;
  }, [active]);
  useLayoutEffect(() => {
    if (!registry) return;
    const entry: Entry = { handler: handlerRef, active: activeRef };
    registry.entries.push(entry);
    return () => {
      activeRef.current = false;
      const i = registry.entries.indexOf(entry);
      if (i >= 0) registry.entries.splice(i, 1);
    };
  }, [registry]);
  useInput((input, key) => handlerRef.current(input, key), { isActive: !registry && active });
}
