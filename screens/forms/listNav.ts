import type { Key } from 'ink';
import type { FormMessage } from './fields.js';
import type { FormHostProps } from './types.js';
import type { Form } from './useForm.js';

/** A pick list's cursor and filter text. */
export interface ListState {
  cursor: number;
  filter: string;
}

export type ListKeyResult = { kind: 'state'; state: ListState } | { kind: 'pick' } | { kind: 'toggle' } | { kind: 'none' };

/**
 * Keys of a pick list: arrows / PgUp / PgDn / Home / End move; Enter picks; Space toggles (multi
 * lists); with `filterable`, typed text and Backspace edit the filter (the cursor goes to the top).
 */
export function listKey(s: ListState, input: string, key: Key, count: number, page: number, filterable: boolean): ListKeyResult {
  const move = (to: number): ListKeyResult => ({
    kind: 'state',
    state: { ...s, cursor: Math.max(0, Math.min(Math.max(0, count - 1), to)) },
  });
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
  if (key.backspace || key.delete)
    return s.filter ? { kind: 'state', state: { cursor: 0, filter: s.filter.slice(0, -1) } } : { kind: 'none' };
  if (key.ctrl && input === 'u') return { kind: 'state', state: { cursor: 0, filter: '' } };
  if (key.ctrl || key.meta || key.tab || key.escape) return { kind: 'none' };
  const clean = input.replace(/[\u0000-\u001f\u007f]/g, '');
  if (clean) return { kind: 'state', state: { cursor: 0, filter: s.filter + clean } };
  return { kind: 'none' };
}

export type PickKeyResult<T> =
  { kind: 'state'; state: ListState } | { kind: 'pick' | 'toggle'; row: T } | { kind: 'cancel' } | { kind: 'none' };

/**
 * The keys of a list step, over its (filtered) rows: listKey, plus Esc (clears the filter first,
 * then cancels the form) and the row under the cursor for Enter / Space.
 */
export function pickKey<T>(
  list: ListState,
  rows: readonly T[],
  input: string,
  key: Key,
  page: number,
  filterable: boolean,
): PickKeyResult<T> {
  if (key.escape) return filterable && list.filter ? { kind: 'state', state: { cursor: 0, filter: '' } } : { kind: 'cancel' };
  const at = Math.min(list.cursor, Math.max(0, rows.length - 1));
  const r = listKey({ ...list, cursor: at }, input, key, rows.length, page, filterable);
  if (r.kind === 'state' || r.kind === 'none') return r;
  const row = rows[at];
  return row === undefined ? { kind: 'none' } : { kind: r.kind, row };
}

/** A form whose step picks one row of a list (rebuild: an image, resize: a flavor). */
export interface PickStepFields {
  list: ListState;
  message?: FormMessage;
}

/**
 * The keys of that step: pickKey over `rows`; Esc closes the form once the filter is empty; Enter
 * on a row `reason` refuses says why, on any other row `pick`s it.
 */
export function pickStepKey<S extends PickStepFields, T extends { name: string }>(
  form: Form<S, FormHostProps>,
  rows: readonly T[],
  reason: (row: T) => string | undefined,
  input: string,
  key: Key,
  pick: (row: T) => void,
): void {
  const r = pickKey(form.get().list, rows, input, key, form.bodyHeight - 4, true);
  if (r.kind === 'cancel') return form.close({ kind: 'cancelled' });
  if (r.kind === 'state') return form.update((x) => ({ ...x, list: r.state, message: undefined }));
  if (r.kind !== 'pick') return;
  const why = reason(r.row);
  if (why) return form.say({ text: `${r.row.name} cannot be used: ${why}.`, tone: 'error' });
  pick(r.row);
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
