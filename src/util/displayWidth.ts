/**
 * Display width: how many terminal columns a string takes. CJK and emoji take 2, combining marks
 * and zero-width characters 0. Measured with string-width, the library Ink itself measures with,
 * so the one-shot tables and the app's tables agree with what Ink draws.
 */
import stringWidth from 'string-width';

// Made when first needed: the first Intl.Segmenter loads ICU's break data (~13 ms of every start-up).
let segmenter: Intl.Segmenter | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** The user-perceived characters (grapheme clusters) of a text, each with its width. */
function graphemes(text: string): Array<{ g: string; w: number }> {
  if (PRINTABLE_ASCII.test(text)) return [...text].map((g) => ({ g, w: 1 }));
  return [...(segmenter ??= new Intl.Segmenter()).segment(text)].map(({ segment }) => ({ g: segment, w: stringWidth(segment) }));
}

export function padEndWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** The longest start of the text that fits in `width` columns (a wide character is never split). */
export function sliceWidth(text: string, width: number): string {
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, Math.max(0, width));
  let out = '';
  let used = 0;
  for (const { g, w } of graphemes(text)) {
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** Cut to `width` columns, ending with '…' when something was cut. */
export function truncateWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return sliceWidth(text, width);
  return sliceWidth(text, width - 1) + '…';
}

// Where a line may break: at a space, or after a hyphen (as Python's textwrap, which the openstack
// CLI's tables use), a comma, semicolon, slash or '=' (net=10.0.0.3).
const CHUNK = /[^\s,;/=-]*[,;/=-]+|[^\s,;/=-]+|\s+/g;

/**
 * Wraps one line of text into lines of at most `width` columns: at spaces and after hyphens where
 * possible, anywhere (between characters) where a word is longer than the width.
 */
export function wrapWidth(text: string, width: number): string[] {
  return wrapper(text).wrap(width).lines;
}

/** CJK and other wide characters may break anywhere: each is a piece of its own. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.match(CHUNK) ?? []) {
    if (PRINTABLE_ASCII.test(chunk)) {
      out.push(chunk);
      continue;
    }
    let run = '';
    for (const { g, w } of graphemes(chunk)) {
      if (w < 2) run += g;
      else {
        if (run) out.push(run);
        run = '';
        out.push(g);
      }
    }
    if (run) out.push(run);
  }
  return out;
}

/** The widest piece of text no wrap can break without cutting a word. */
export function longestUnbreakable(text: string): number {
  let most = 0;
  for (const p of pieces(text)) if (!/^\s+$/.test(p)) most = Math.max(most, displayWidth(p));
  return most;
}

/** wrapWidth, and how many times a word had to be cut between characters. */
export function wrapWithCuts(text: string, width: number): { lines: string[]; cuts: number } {
  return wrapper(text).wrap(width);
}

export interface Wrapper {
  wrap(width: number): { lines: string[]; cuts: number };
  /** What wrap would give, counted only (the table fitting tries many widths). */
  count(width: number): { lines: number; cuts: number };
}

/** A text made ready to wrap at many widths: split and measured once. */
export function wrapper(text: string): Wrapper {
  const total = displayWidth(text);
  type Part = { p: string; w: number; space: boolean; cells?: number[] };
  let parts: Part[] | undefined;
  const prepare = (): Part[] => (parts ??= pieces(text).map((p): Part => ({ p, w: displayWidth(p), space: /^\s+$/.test(p) })));
  /** Walks the pieces as wrap does, keeping the lines or only counting them. */
  const walk = (width: number, keep: boolean) => {
    let cuts = 0;
    let count = 0;
    const lines: string[] = [];
    let line = '';
    let used = 0;
    const flush = () => {
      if (keep) lines.push(line.replace(/\s+$/, ''));
      count++;
      line = '';
      used = 0;
    };
    for (const part of prepare()) {
      const { p: chunk, w } = part;
      if (part.space) {
        // Spaces at a break vanish; inside a line they stay.
        if (used > 0 && used + w <= width) {
          if (keep) line += chunk;
          used += w;
        } else if (used > 0) {
          flush();
        }
        continue;
      }
      if (used + w <= width) {
        if (keep) line += chunk;
        used += w;
        continue;
      }
      if (used > 0) flush();
      if (w <= width) {
        if (keep) line = chunk;
        used = w;
        continue;
      }
      // A word longer than a line: cut it between characters.
      part.cells ??= graphemes(chunk).map(({ w: gw }) => gw);
      const gs = keep ? graphemes(chunk) : undefined;
      part.cells.forEach((gw, k) => {
        if (used + gw > width && used > 0) {
          flush();
          cuts++;
        }
        if (gs) line += gs[k]!.g;
        used += gw;
      });
    }
    if (used > 0 || line || count === 0) flush();
    return { lines, cuts, count };
  };
  return {
    wrap(width) {
      if (width < 1 || total <= width) return { lines: [text], cuts: 0 };
      const { lines, cuts } = walk(width, true);
      return { lines, cuts };
    },
    count(width) {
      if (width < 1 || total <= width) return { lines: 1, cuts: 0 };
      const { count, cuts } = walk(width, false);
      return { lines: count, cuts };
    },
  };
}
