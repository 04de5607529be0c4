import type { Key } from 'ink';

/** A pick list's cursor and filter text. */
export interface ListState {
  cursor: number;
  filter: string;
}

export type ListKeyResult =
  | { kind: 'state'; state: ListState }
  | { kind: 'pick' }
  | { kind: 'toggle' }
  | { kind: 'none' };

/**
 * Keys of a pick list: arrows / PgUp / PgDn / Home / End move; Enter picks; Space toggles (multi
 * lists); with `filterable`, typed text and Backspace edit the filter (the cursor goes to the top).
 */
export function listKey(s: ListState, input: string, key: Key, count: number, page: number, filterable: boolean): ListKeyResult {
  const move = (to: number): ListKeyResult => ({ kind: 'state', state: { ...s, cursor: Math.max(0, Math.min(Math.max(0, count - 1), to)) } });
  if (key.return) return { kind: 'pick' };
  if (key.downArrow) return move(s.cursor + 1);
  if (key.upArrow) return move(s.cursor - 1);
  if (key.pageDown) return move(s.cursor + Math.max(1, page));
  if (key.pageUp) return move(s.cursor - Math.max(1, page));
  if (key.home) return move(0);
  if (key.end) return move(count - 1);
  if (!filterable) {
    if (input === ' ') return { kind: 'toggle' };
    if (input === 'j') return move(s.cursor + 1);
    if (input === 'k') return move(s.cursor - 1);
    return { kind: 'none' };
  }
  if (key.backspace || key.delete) return s.filter ? { kind: 'state', state: { cursor: 0, filter: s.filter.slice(0, -1) } } : { kind: 'none' };
  if (key.ctrl && input === 'u') return { kind: 'state', state: { cursor: 0, filter: '' } };
  if (key.ctrl || key.meta || key.tab || key.escape) return { kind: 'none' };
  const clean = input.replace(/[\u0000-\u001f\u007f]/g, '');
  if (clean) return { kind: 'state', state: { cursor: 0, filter: s.filter + clean } };
  return { kind: 'none' };
}

/** Rows whose text contains every word of the filter (case-insensitive). */
export function filterRows<T>(rows: T[], filter: string, text: (row: T) => string): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const t = text(r).toLowerCase();
    return words.every((w) => t.includes(w));
  });
}
