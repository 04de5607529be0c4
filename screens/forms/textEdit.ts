import type { Key } from 'ink';

export { editText, type TextState } from '../widgets/editText.js';
import { editText, type TextState } from '../widgets/editText.js';

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
