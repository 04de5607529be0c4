import { useCallback, useRef, useState } from 'react';
import type { JumpTarget } from '../../src/app/promptCommands.js';
import type { NavEntry, ResourceRoute, Route } from './routes.js';

export interface Navigation {
  stack: NavEntry[];
  top: NavEntry;
  /** The latest stack, for callbacks that run after an await. */
  current: () => NavEntry;
  navigate: (route: Route) => void;
  back: () => void;
  /** `:flavors` and friends: back to that list if it is on the way, else right above the first screen (k9s-like). */
  jumpTo: (screen: JumpTarget | ResourceRoute) => void;
  /** The `/` filter of each entry. */
  filters: Record<number, string>;
  setFilter: (entryKey: number, value: string | ((old: string) => string)) => void;
}

/**
 * Where the app is: a stack of screens (the breadcrumb), each with its filter and its remembered
 * view state (cursor, scroll, tab, in `viewStore`), forgotten when the entry leaves the stack.
 */
export function useNavigation(initial: Route, viewStore: Map<string, unknown>): Navigation {
  const nextKey = useRef(1);
  const [stack, setStack] = useState<NavEntry[]>(() => [{ key: 0, route: initial }]);
  const stackRef = useRef(stack);
  stackRef.current = stack;
  const [filters, setFilters] = useState<Record<number, string>>({});

  const forget = useCallback(
    (gone: NavEntry[]) => {
      for (const e of gone) for (const k of [...viewStore.keys()]) if (k.startsWith(`${e.key}:`)) viewStore.delete(k);
    },
    [viewStore],
  );

  const navigate = useCallback((route: Route) => {
    setStack((s) => [...s, { key: nextKey.current++, route }]);
  }, []);

  const back = useCallback(() => {
    setStack((s) => {
      if (s.length <= 1) return s;
      forget(s.slice(-1));
      return s.slice(0, -1);
    });
  }, [forget]);

  const jumpTo = useCallback(
    (target: JumpTarget | ResourceRoute) => {
      const route = (typeof target === 'string' ? { screen: target } : target) as Route;
      // A declared resource's screen is one per plural (`:documents`).
      const same = (r: Route) => r.screen === route.screen && (r.screen !== 'resource' || r.plural === (route as ResourceRoute).plural);
      setStack((s) => {
        const at = s.findIndex((e) => same(e.route));
        const keep = at >= 0 ? at + 1 : 1;
        forget(s.slice(keep));
        const kept = s.slice(0, keep);
        return at >= 0 ? kept : [...kept, { key: nextKey.current++, route }];
      });
    },
    [forget],
  );

  const setFilter = useCallback((entryKey: number, value: string | ((old: string) => string)) => {
    setFilters((f) => ({ ...f, [entryKey]: typeof value === 'function' ? value(f[entryKey] ?? '') : value }));
  }, []);

  const current = useCallback(() => stackRef.current[stackRef.current.length - 1]!, []);
  return { stack, top: stack[stack.length - 1]!, current, navigate, back, jumpTo, filters, setFilter };
}
