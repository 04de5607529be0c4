import { FieldError } from './fieldError.js';

/**
 * Names as Nova accepts them (nova/api/validation/parameter_types.py `name`): 1 to 255 characters,
 * every one printable — no control or format characters (Unicode category C*), no line or paragraph
 * separators (Zl, Zp), and, because Nova builds its pattern from U+0000..U+FFFE only, nothing beyond
 * U+FFFF (emoji and other astral characters) — and no leading or trailing space (category Zs).
 * The same rule covers server names and the names of createImage / createBackup images.
 */
export const NAME_MAX = 255;

/** What is allowed, said once, for every name message. */
export const NAME_RULE = '1–255 characters, no leading or trailing spaces, no control characters';

const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}\u{10000}-\u{10FFFF}\uFFFF]/u;
const SPACE = /\p{Zs}/u;

function describeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === '\t') return `a tab (${hex})`;
  if (c === '\n' || c === '\r') return `a line break (${hex})`;
  if (cp > 0xffff) return `'${c}' (${hex}, beyond U+FFFF)`;
  return `character ${hex}`;
}

/** A message naming the field and what is allowed, or undefined when Nova will take the name. */
export function validateName(name: string, field = 'Name'): string | undefined {
  if (name.length === 0) return `${field} is required (${NAME_RULE}).`;
  const chars = [...name];
  if (chars.length > NAME_MAX) return `${field} is ${chars.length} characters long; at most ${NAME_MAX} are allowed.`;
  if (SPACE.test(chars[0]!) || SPACE.test(chars[chars.length - 1]!)) {
    return `${field} must not start or end with a space (${NAME_RULE}).`;
  }
  const bad = chars.find((c) => NOT_PRINTABLE.test(c));
  if (bad !== undefined)
    return `${field} contains ${describeChar(bad)}; only printable characters are allowed (${NAME_RULE}; nothing beyond U+FFFF such as emoji).`;
  return undefined;
}

/** Throws a FieldError (nothing is sent) when Nova would refuse the name; `label` starts the message. */
export function checkName(value: string, field: string, label: string): void {
  const problem = validateName(value, label);
  if (problem) throw new FieldError(field, problem.slice(label.length + 1), label);
}
