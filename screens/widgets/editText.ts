import type { Key } from 'ink';

/** A text field's value and cursor. */
export interface TextState {
  value: string;
  cursor: number;
}

const segmenter = new Intl.Segmenter();
/** Longer than any character (grapheme cluster) a terminal draws: only this much is looked at. */
const WINDOW = 64;

/** Where the character that ends at `cursor` starts: an emoji, a flag, a letter with its accents is one. */
export function previousBoundary(value: string, cursor: number): number {
  if (cursor <= 0) return 0;
  const from = Math.max(0, cursor - WINDOW);
  let at = cursor - 1;
  for (const { index } of segmenter.segment(value.slice(from, cursor))) at = from + index;
  return at;
}

/** Where the character that starts at `cursor` ends. */
export function nextBoundary(value: string, cursor: number): number {
  if (cursor >= value.length) return value.length;
  for (const { segment } of segmenter.segment(value.slice(cursor, cursor + WINDOW))) return cursor + segment.length;
  return cursor + 1;
}

/**
 * One key applied to a text field, with the keys of the app's LineInput (Left/Right, Home/End,
 * Ctrl-A/E, Backspace, Delete, Ctrl-U/K/W, typed or pasted text). Undefined: not an editing key, the form
 * handles it (Enter, Tab, arrows up/down, Esc...).
 */
export function editText(s: TextState, input: string, key: Key): TextState | undefined {
  let { value } = s;
  let cursor = Math.min(Math.max(0, s.cursor), value.length);
  if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) cursor = previousBoundary(value, cursor);
  else if (key.rightArrow) cursor = nextBoundary(value, cursor);
  else if (key.home || (key.ctrl && input === 'a')) cursor = 0;
  else if (key.end || (key.ctrl && input === 'e')) cursor = value.length;
  else if (key.backspace) {
    if (cursor === 0) return s;
    const start = previousBoundary(value, cursor);
    value = value.slice(0, start) + value.slice(cursor);
    cursor = start;
  } else if (key.delete) {
    // The forward Delete key (screens/keys/keyPress.ts tells it from Backspace): the character under the cursor.
    if (cursor >= value.length) return s;
    value = value.slice(0, cursor) + value.slice(nextBoundary(value, cursor));
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
