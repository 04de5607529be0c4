import { useMemo, useRef } from 'react';
import { useApp } from '../app/context.js';
import { useViewState } from './useViewState.js';
import { useKeys } from './useKeys.js';

export interface ListCursor<T> {
  cursor: number;
  selected: T | undefined;
}

/**
 * The cursor of a list: j/k, arrows, PgUp/PgDn, g/G, Home/End. It follows the selected row's key,
 * so a background refresh, a new sort or a filter keeps the same row under the cursor.
 */
export function useListCursor<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  opts: { active: boolean; pageSize: number; entryKey: number; name?: string },
): ListCursor<T> {
  const { keysFree } = useApp();
  const [cursorKey, setCursorKey] = useViewState<string | undefined>(opts.entryKey, opts.name ?? 'cursor', undefined);
  const lastIndex = useRef(0);
  const found = useMemo(() => (cursorKey === undefined ? -1 : rows.findIndex((r) => keyOf(r) === cursorKey)), [rows, cursorKey]);
  const cursor = Math.max(0, found >= 0 ? found : Math.min(lastIndex.current, rows.length - 1));
  lastIndex.current = cursor;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useKeys(
    (input, key) => {
      if (!keysFree()) return;
      const list = rowsRef.current;
      if (!list.length) return;
      const page = Math.max(1, opts.pageSize);
      let to: number | undefined;
      const at = lastIndex.current;
      // Key repeat may deliver "jjj" in one read: move that many rows.
      if (key.downArrow || /^j+$/.test(input)) to = at + Math.max(1, input.length);
      else if (key.upArrow || /^k+$/.test(input)) to = at - Math.max(1, input.length);
      else if (key.pageDown || (key.ctrl && input === 'f')) to = at + page;
      else if (key.pageUp || (key.ctrl && input === 'b')) to = at - page;
      else if (key.home || input === 'g') to = 0;
      else if (key.end || input === 'G') to = list.length - 1;
      if (to === undefined) return;
      const n = Math.max(0, Math.min(list.length - 1, to));
      lastIndex.current = n;
      setCursorKey(keyOf(list[n]!));
    },
    { isActive: opts.active },
  );
  return { cursor, selected: rows[cursor] };
}
