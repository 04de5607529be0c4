import type { Key } from 'ink';

/** A text field's value and cursor. */
export interface TextState {
  value: string;
  cursor: number;
}

/**
 * One key applied to a text field, with the keys of the app's LineInput (Left/Right, Home/End,
 * Ctrl-A/E, Backspace, Ctrl-U/K/W, typed or pasted text). Undefined: not an editing key, the form
 * handles it (Enter, Tab, arrows up/down, Esc...).
 */
export function editText(s: TextState, input: string, key: Key): TextState | undefined {
  let { value } = s;
  let cursor = Math.min(Math.max(0, s.cursor), value.length);
  if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) cursor = Math.max(0, cursor - 1);
  else if (key.rightArrow) cursor = Math.min(value.length, cursor + 1);
  else if (key.home || (key.ctrl && input === 'a')) cursor = 0;
  else if (key.end || (key.ctrl && input === 'e')) cursor = value.length;
  else if (key.backspace || key.delete) {
    if (cursor === 0) return s;
    value = value.slice(0, cursor - 1) + value.slice(cursor);
    cursor--;
  } else if (key.ctrl && input === 'u') {
    value = value.slice(cursor);
    cursor = 0;
  } else if (key.ctrl && input === 'k') {
    value = value.slice(0, cursor);
  } else if (key.ctrl && input === 'w') {
    const before = value.slice(0, cursor).replace(/\S+\s*$/, '');
    value = before + value.slice(cursor);
    cursor = before.length;
  } else if (key.ctrl || key.meta) {
    return undefined;
  } else if (input) {
    const clean = input.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
    if (!clean) return undefined;
    value = value.slice(0, cursor) + clean + value.slice(cursor);
    cursor += clean.length;
  } else {
    return undefined;
  }
  return { value, cursor };
}

/** A form state whose draft has text fields, each with its own cursor. */
export interface TextFields<K extends string> {
  draft: Record<K, string>;
  cursors: Record<K, number>;
}

/** The value and cursor of the draft's text field `field`, for a TextField. */
export function textOf<K extends string>(s: TextFields<K>, field: K): TextState {
  return { value: s.draft[field], cursor: s.cursors[field] };
}

/** editText on the draft's field `field`; undefined when the key is not an editing key. */
export function editDraftField<K extends string, S extends TextFields<K>>(s: S, field: K, input: string, key: Key): S | undefined {
  const next = editText(textOf(s, field), input, key);
  if (!next) return undefined;
  return { ...s, draft: { ...s.draft, [field]: next.value }, cursors: { ...s.cursors, [field]: next.cursor } };
}

/**
 * Moving between the fields of a step: ↑↓ to the field above / below, Enter to the next one or,
 * on the last, 'next' (the next step). Undefined: not a moving key.
 */
export function fieldKey(field: number, count: number, key: Key): number | 'next' | undefined {
  if (key.upArrow) return Math.max(0, field - 1);
  if (key.downArrow) return Math.min(count - 1, field + 1);
  if (key.return) return field < count - 1 ? field + 1 : 'next';
  return undefined;
}
