/**
 * Terminal safety: any string that came from a cloud (a name, metadata, a fault, error text, console
 * output) may hold escape sequences that would recolour, retitle or rewrite the user's terminal.
 * Before such text is written to a terminal, control characters are made visible in caret notation
 * (ESC -> ^[, BEL -> ^G, DEL -> ^?) and C1 controls and bidi overrides as \u{XXXX}; the text stays
 * readable and nothing in it is executed. `-f json` keeps real values (JSON escapes them itself).
 */

// C0 controls, DEL, C1 controls; bidi embeddings/overrides/isolates that reorder what follows.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** One-line text (a cell, a name, a message): every control character made visible, line breaks included. */
export function safeText(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Multi-line text (console output, a traceback): line breaks and tabs kept, every other control made visible. */
export function safeLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_KEEP_LINES, visible);
}

/** True when the text holds anything safeText would change. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** Text of any length cut to `max` characters for a message, saying how much was left out. */
export function clipText(text: string, max = 500): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/** A message on one line: line breaks (and the blanks around them) become one space. */
export function oneLine(text: string): string {
  return text.replace(/[^\S\r\n]*[\r\n]+\s*/g, ' ').trim();
}
