/**
 * The openstack CLI's box table (prettytable as cliff draws it), measured in display columns so
 * CJK and emoji line up, and fitted to a width as cliff's --fit-width does: wide columns shrink
 * and their cells wrap (at spaces and after hyphens; tableFit.ts picks the widths).
 */
import { displayWidth, padEndWidth, padStartWidth, wrapWidth } from '../util/displayWidth.js';
import { SAMPLE_ROWS, fitWidths } from './tableFit.js';

export type Align = 'left' | 'right';

export interface BoxTableOptions {
  /** Fit into this many terminal columns; undefined: every column as wide as its widest cell. */
  width?: number;
  align?: Align[];
}

/** The frame around n columns: '| ' + ' | ' between + ' |'. */
function frameWidth(n: number): number {
  return 3 * n + 1;
}

function cellLines(text: string, width: number | undefined): string[] {
  if (!text.includes('\n')) return width === undefined ? [text] : wrapWidth(text, width);
  const lines = text.split('\n');
  return width === undefined ? lines : lines.flatMap((l) => wrapWidth(l, width));
}

/** The widest line of a cell. */
function cellWidth(text: string): number {
  if (!text.includes('\n')) return displayWidth(text);
  let most = 0;
  for (const l of text.split('\n')) most = Math.max(most, displayWidth(l));
  return most;
}

/** Draws the table; cells are display text already made safe for a terminal (they may hold '\n'). */
export function boxTable(header: string[], rows: string[][], options: BoxTableOptions = {}): string {
  const n = header.length;
  const natural = header.map((h, i) => {
    let most = cellWidth(h);
    for (const r of rows) most = Math.max(most, cellWidth(r[i] ?? ''));
    return most;
  });
  let widths = natural;
  if (options.width !== undefined && natural.reduce((s, w) => s + w, 0) + frameWidth(n) > options.width) {
    const sample = rows.slice(0, SAMPLE_ROWS);
    widths = fitWidths(
      header.map((h, i) => [h, ...sample.map((r) => r[i] ?? '')]),
      Math.max(n, options.width - frameWidth(n)),
      natural,
    );
  }
  const fitted = widths !== natural;
  const align = options.align ?? [];
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (cells: string[]) => {
    const split = cells.map((c, i) => cellLines(c, fitted ? widths[i] : undefined));
    const height = Math.max(1, ...split.map((s) => s.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++) {
      const parts = split.map((s, i) => {
        const text = s[l] ?? '';
        return align[i] === 'right' ? padStartWidth(text, widths[i]!) : padEndWidth(text, widths[i]!);
      });
      out.push('| ' + parts.join(' | ') + ' |');
    }
    return out.join('\n');
  };
  return [sep, line(header), sep, ...rows.map(line), sep].join('\n');
}
