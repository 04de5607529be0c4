import { useMemo, useRef } from 'react';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { useViewState } from './useViewState.js';

export interface ListCursor<T> {
  cursor: number;
  selected: T | undefined;
}

const FORWARD = new Set(['j', 'down', 'pagedown', 'ctrl-f', 'G', 'end']);

export const CURSOR_KEYS: Keymap<'line' | 'page' | 'edge'> = [
  { keys: ['j', 'k', 'down', 'up'], label: 'j/k ↑/↓', help: 'move', action: 'line' },
  { keys: ['pagedown', 'pageup', 'ctrl-f', 'ctrl-b'], label: 'PgUp/PgDn', help: 'page up / down (Ctrl-B/F too)', action: 'page' },
  { keys: ['g', 'G', 'home', 'end'], label: 'g/G', help: 'first / last (Home/End too)', action: 'edge' },
];

/**
 * The cursor of a list: j/k, arrows, PgUp/PgDn, g/G, Home/End. It follows the selected row's key,
 * so a background refresh, a new sort or a filter keeps the same row under the cursor. While the
 * rows are loading, these keys wait for them.
 */
export function useListCursor<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  opts: { pageSize: number; entryKey: number; name?: string; loading?: boolean },
): ListCursor<T> {
  const [cursorKey, setCursorKey] = useViewState<string | undefined>(opts.entryKey, opts.name ?? 'cursor', undefined);
  const lastIndex = useRef(0);
  const found = useMemo(() => (cursorKey === undefined ? -1 : rows.findIndex((r) => keyOf(r) === cursorKey)), [rows, cursorKey]);
  const cursor = Math.max(0, found >= 0 ? found : Math.min(lastIndex.current, rows.length - 1));
  lastIndex.current = cursor;
  const go = (to: number) => {
    if (!rows.length) return;
    const n = Math.max(0, Math.min(rows.length - 1, to));
    lastIndex.current = n;
    setCursorKey(keyOf(rows[n]!));
  };
  const page = Math.max(1, opts.pageSize);
  useKeymap(
    CURSOR_KEYS,
    {
      line: (p) => go(lastIndex.current + (FORWARD.has(p.name) ? 1 : -1)),
      page: (p) => go(lastIndex.current + (FORWARD.has(p.name) ? page : -page)),
      edge: (p) => go(FORWARD.has(p.name) ? rows.length - 1 : 0),
    },
    { loading: opts.loading },
  );
  return { cursor, selected: rows[cursor] };
}
