import type { Key } from 'ink';

/**
 * One key as the app's handlers see it: Ink's (input, key) pair, plus a name to match keymaps on
 * ('j', ':', 'enter', 'esc', 'shift-tab', 'ctrl-r', 'pagedown', 'space', ...). A text owner may get
 * a run of printable characters as one press (`input` then holds all of them, `name` is 'text').
 */
export interface KeyPress {
  input: string;
  key: Key;
  name: string;
}

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Keys Ink recognised from an escape sequence or a single control character. */
function isSpecial(key: Key): boolean {
  return (
    key.return ||
    key.escape ||
    key.tab ||
    key.backspace ||
    key.delete ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.ctrl ||
    key.meta
  );
}

/** The name keymaps match on. */
export function keyName(input: string, key: Key): string {
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.ctrl) return `ctrl-${input.toLowerCase()}`;
  if (key.meta) return `alt-${input}`;
  if (input === ' ') return 'space';
  return input;
}

export function makePress(input: string, key: Key): KeyPress {
  return { input, key, name: keyName(input, key) };
}

/** One character of a text run as the key it is (what Ink would have made of it alone). */
function charPress(c: string): KeyPress {
  if (c === '\r' || c === '\n') return makePress('', { ...NO_KEY, return: true });
  if (c === '\t') return makePress('', { ...NO_KEY, tab: true });
  // DEL (what the Backspace key sends) and BS (Ctrl-H) are both Backspace.
  if (c === '\u007f' || c === '\b') return makePress('', { ...NO_KEY, backspace: true });
  const code = c.codePointAt(0) ?? 0;
  if (code <= 0x1a) return makePress(String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true });
  return makePress(c, { ...NO_KEY, shift: /^[A-Z]$/.test(c) });
}

/** A whole CSI or SS3 sequence (`ESC [ 200 ~`, `ESC [ I`, `ESC O M`). */
const CONTROL_SEQUENCE = /^\u001b(\[[0-?]*[ -/]*[@-~]|O.)$/;

/** The forward Delete key: `ESC [ 3 ~`, with modifiers `ESC [ 3 ; 5 ~` (rxvt: `ESC [ 3 $`, `ESC [ 3 ^`). */
const FORWARD_DELETE = /^\u001b\[3(;[0-9:]+)?[~$^]$/;

/**
 * Ink reports both the Backspace key (DEL, 0x7f) and the forward Delete key as `delete`: the raw
 * sequence tells them apart. Here `backspace` is the key that deletes backwards, `delete` the one
 * that deletes forwards (without the raw event it is taken for Backspace, by far the commoner).
 */
function deleteKey(key: Key, raw: string | undefined): Key {
  if (!key.delete && !key.backspace) return key;
  const forward = raw !== undefined && FORWARD_DELETE.test(raw);
  return { ...key, backspace: !forward, delete: forward };
}

const ESC_PRESS: KeyPress = { input: '', key: { ...NO_KEY, escape: true, meta: true }, name: 'esc' };

/**
 * Ink hands over what one terminal read held as one event: an escape sequence (an arrow, PgDn,
 * Shift-Tab) or a single control key, already decoded; or a run of plain text, which may be a
 * whole paste or several fast keys (`:flavors\r`, `jq`, `web-01\t`). The run is split back into
 * its keys, in order, one per code point (CR LF counts as one Enter).
 *
 * A sequence Ink did not decode (the markers around a bracketed paste, a focus report) is dropped:
 * the text between the paste markers comes as its own event and is typed as any paste is.
 *
 * `raw` is the event as Ink read it: Esc and the key typed right after it can reach Ink in one
 * read, and Ink then makes one Alt key of them (or, for `Esc :`, a bare ':'). The app binds no Alt
 * key, so such a pair is given back as the two keys it was.
 */
export function splitInput(input: string, key: Key, raw?: string): KeyPress[] {
  if (raw !== undefined && raw.length >= 2 && raw.startsWith('\u001b')) {
    const rest = raw.slice(1);
    if (rest === '\u001b') return [ESC_PRESS, ESC_PRESS];
    if ([...rest].length === 1 && rest !== '[' && rest !== 'O') return [ESC_PRESS, ...splitInput(rest, NO_KEY)];
  }
  if (isSpecial(key)) return [makePress(key.ctrl || key.meta ? input : '', deleteKey(key, raw))];
  // A sequence Ink does not know (bracketed paste's ESC[200~ and ESC[201~, focus reports, F13...)
  // reaches here as its text without the ESC: it is no key, and must not be typed in.
  if (raw !== undefined && CONTROL_SEQUENCE.test(raw)) return [];
  const out: KeyPress[] = [];
  let previous = '';
  for (const c of input) {
    if (!(c === '\n' && previous === '\r')) out.push(charPress(c));
    previous = c;
  }
  return out;
}

/** A key that types itself into a text field (a letter, a digit, a space, an emoji...). */
export function isPrintable(p: KeyPress): boolean {
  return p.input !== '' && !isSpecial(p.key) && !/[\u0000-\u001f\u007f]/.test(p.input);
}

/** Printable presses joined into one (a paste into a text field is applied at once). */
export function joinText(presses: readonly KeyPress[]): KeyPress {
  return { input: presses.map((p) => p.input).join(''), key: { ...NO_KEY }, name: 'text' };
}

const LABELS: Record<string, string> = {
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  space: 'Space',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
};

/** How help and the footer write a key name: 'Enter', '↑', 'PgDn', 'Ctrl-R', 'j'. */
export function keyLabel(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const m = /^(ctrl|alt)-(.+)$/.exec(name);
  if (m) return `${m[1] === 'ctrl' ? 'Ctrl' : 'Alt'}-${m[2]!.toUpperCase()}`;
  return name;
}

/** A press from a key name, for tests and for code that synthesises keys. */
export function pressOf(name: string): KeyPress {
  const k = { ...NO_KEY };
  const special: Record<string, keyof Key> = {
    enter: 'return',
    esc: 'escape',
    tab: 'tab',
    backspace: 'backspace',
    delete: 'delete',
    up: 'upArrow',
    down: 'downArrow',
    left: 'leftArrow',
    right: 'rightArrow',
    pageup: 'pageUp',
    pagedown: 'pageDown',
    home: 'home',
    end: 'end',
  };
  const flag = special[name];
  if (flag) return makePress('', { ...k, [flag]: true });
  if (name === 'shift-tab') return makePress('', { ...k, tab: true, shift: true });
  if (name === 'space') return makePress(' ', k);
  const m = /^ctrl-(.)$/.exec(name);
  if (m) return makePress(m[1]!, { ...k, ctrl: true });
  return makePress(name, { ...k, shift: /^[A-Z]$/.test(name) });
}
