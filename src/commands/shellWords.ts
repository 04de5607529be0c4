/**
 * The command line a shell hands to completion: split into words the way the shell will (quotes,
 * backslashes), and candidates written back so the shell takes each as one word, metacharacters
 * escaped. bash needs it done here; zsh's compadd and fish quote candidates themselves.
 */

export interface CurrentWord {
  /** The word as typed, quotes and backslashes included. */
  raw: string;
  /** What the shell will make of it. */
  value: string;
  /** The quote left open at the cursor, if any. */
  openQuote: '"' | "'" | null;
  /** For each position in `raw`: how much of `value` comes before it. */
  valueAt: number[];
  /** For each character of `raw`: true when neither quoted nor escaped. */
  bare: boolean[];
  /** Where the open quote's text starts in `raw` (just after the quote). */
  quoteStart: number;
}

export interface SplitLine {
  /** Every word before the one being completed, as the shell will pass them. */
  words: string[];
  current: CurrentWord;
}

function emptyWord(): CurrentWord {
  return { raw: '', value: '', openQuote: null, valueAt: [0], bare: [], quoteStart: 0 };
}

/** Splits a command line (up to the cursor) like bash would; an open quote or a trailing backslash is fine. */
export function splitLine(line: string): SplitLine {
  const words: string[] = [];
  let cur = emptyWord();
  let inWord = false;
  const add = (rawPart: string, valuePart: string, bare: boolean) => {
    for (let k = 0; k < rawPart.length; k++) {
      cur.bare.push(bare && rawPart.length === 1);
      cur.valueAt.push(cur.value.length + (k === rawPart.length - 1 ? valuePart.length : 0));
    }
    cur.raw += rawPart;
    cur.value += valuePart;
    inWord = true;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const q = cur.openQuote;
    if (q === "'") {
      if (c === "'") cur.openQuote = null;
      add(c, c === "'" ? '' : c, false);
    } else if (q === '"') {
      if (c === '"') {
        cur.openQuote = null;
        add(c, '', false);
      } else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
        add(c + line[i + 1]!, line[i + 1]!, false);
        i++;
      } else {
        add(c, c, false);
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur.value);
      cur = emptyWord();
      inWord = false;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        add(c + line[i + 1]!, line[i + 1]!, false);
        i++;
      } else {
        add(c, '', false);
      }
    } else if (c === '"' || c === "'") {
      add(c, '', false);
      cur.openQuote = c;
      cur.quoteStart = cur.raw.length;
    } else {
      add(c, c, true);
    }
  }
  return { words, current: cur };
}

/** Characters a bare (unquoted) word must escape to stay one word and mean itself. */
const BARE_SPECIAL = /[\s'"\\$`!*?[\](){}<>|&;#~^]/g;

/** `text` written so that bash, in the given quoting context, reads it back as it is. */
export function bashEscape(text: string, context: '"' | "'" | null): string {
  if (context === "'") return text.replace(/'/g, `'\\''`);
  if (context === '"') return text.replace(/["\\$`]/g, (c) => `\\${c}`);
  return text.replace(BARE_SPECIAL, (c) => `\\${c}`);
}

/**
 * What bash replaces the current word's tail with, for each candidate. Readline replaces only the
 * text after the last unquoted word-break character (COMP_WORDBREAKS: `=`, `:` ...) or after an
 * open quote, so the reply is the candidate's rest from there, escaped for that context.
 */
export function bashReplies(current: CurrentWord, candidates: string[], wordBreaks: string): string[] {
  let start = 0;
  if (current.openQuote) start = current.quoteStart;
  else {
    for (let i = current.raw.length - 1; i >= 0; i--) {
      const c = current.raw[i]!;
      if (current.bare[i] && c !== '"' && c !== "'" && wordBreaks.includes(c)) {
        start = i + 1;
        break;
      }
    }
  }
  const before = current.valueAt[start] ?? 0;
  const head = current.value.slice(0, before);
  return candidates.filter((c) => c.startsWith(head)).map((c) => bashEscape(c.slice(before), current.openQuote));
}
