import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Ink hands a burst of keys that arrive in one read (fast typing, a paste, `tmux send-keys`) to the
 * handler as one string: `web-01\r\r` would be typed text with line breaks. The forms split such a
 * burst back into keys: runs of printable text, and each Enter, Tab or Backspace on its own, in order.
 */
export function splitKeyBurst(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1 || !/[\r\n\t\u007f\u0008]/.test(input) || key.ctrl || key.meta) return [[input, key]];
  const out: Array<[string, Key]> = [];
  let text = '';
  const flush = () => {
    if (text) out.push([text, { ...NO_KEY }]);
    text = '';
  };
  for (const c of input) {
    if (c === '\r' || c === '\n') {
      flush();
      out.push(['', { ...NO_KEY, return: true }]);
    } else if (c === '\t') {
      flush();
      out.push(['', { ...NO_KEY, tab: true }]);
    } else if (c === '\u007f' || c === '\u0008') {
      flush();
      out.push(['', { ...NO_KEY, backspace: true }]);
    } else {
      text += c;
    }
  }
  flush();
  return out;
}
