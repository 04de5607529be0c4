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
