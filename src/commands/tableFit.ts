/**
 * Widths for a table that must fit the terminal. Like cliff's --fit-width, wide columns give way
 * and their cells wrap; the widths are chosen so that rows stay short and as few words as
 * possible are cut mid-way (a UUID wraps at its hyphens, "Running" stays whole): each column's
 * useful widths are measured on a sample of rows, then the cheapest set that fits is picked for
 * every row height, and the best of those kept. Room left over goes to the columns still wrapped.
 */
import { displayWidth, wrapper } from '../util/displayWidth.js';

/** Rows measured: enough to see the shape of the data, cheap for a long list. */
export const SAMPLE_ROWS = 60;
/** A word cut mid-way costs as much as two more lines. */
const CUT_COST = 2;

/** The header is read for every row: it weighs as a quarter of the rows (at least 4). */
function rowWeight(row: number, rows: number): number {
  return row === 0 ? Math.max(4, Math.ceil(rows / 4)) : 1;
}

interface Option {
  width: number;
  /** The tallest cell at this width. */
  lines: number;
  /** Words cut, weighted as the rows are. */
  cuts: number;
  /** Lines of each sampled cell (the header first). */
  perRow: number[];
}

function measureColumn(cells: string[], natural: number, most: number): Option[] {
  const options: Option[] = [];
  const parts = cells.map((cell) => cell.split('\n').map((line) => ({ width: displayWidth(line), wrap: wrapper(line) })));
  for (let width = 1; width <= Math.min(natural, most); width++) {
    let cuts = 0;
    const perRow = parts.map((lines, r) => {
      let count = 0;
      for (const line of lines) {
        if (line.width <= width) {
          count++;
          continue;
        }
        const w = line.wrap.count(width);
        count += w.lines;
        cuts += w.cuts * rowWeight(r, cells.length);
      }
      return count;
    });
    const lines = Math.max(...perRow);
    const last = options.at(-1);
    // Keep only widths that buy something: fewer lines or fewer cuts than any narrower one.
    if (!last || lines < last.lines || cuts < last.cuts) options.push({ width, lines, cuts, perRow });
  }
  return options;
}

/** Per column one option, lines <= height, fewest cuts within the room (a small knapsack). */
function cheapest(options: Option[][], height: number, room: number): Option[] | undefined {
  // cuts[u]: fewest cuts using exactly u columns of room so far; how[c][u]: the option that got there.
  let cuts = new Float64Array(room + 1).fill(Infinity);
  cuts[0] = 0;
  const how: Int32Array[] = [];
  for (const column of options) {
    const next = new Float64Array(room + 1).fill(Infinity);
    const pick = new Int32Array(room + 1).fill(-1);
    column.forEach((o, k) => {
      if (o.lines > height) return;
      for (let u = 0; u + o.width <= room; u++) {
        const c = cuts[u]! + o.cuts;
        if (c < next[u + o.width]!) {
          next[u + o.width] = c;
          pick[u + o.width] = k;
        }
      }
    });
    how.push(pick);
    cuts = next;
  }
  let end = -1;
  for (let u = 0; u <= room; u++) if (cuts[u]! < Infinity && (end < 0 || cuts[u]! < cuts[end]!)) end = u;
  if (end < 0) return undefined;
  const picks: Option[] = [];
  for (let c = options.length - 1; c >= 0; c--) {
    const o = options[c]![how[c]![end]!]!;
    picks.unshift(o);
    end -= o.width;
  }
  return picks;
}

/**
 * Widths (content columns, frame excluded) for `columns` (each: the header, then its cells) to
 * fit `available`; each column at least 1 (a table with more columns than room overflows).
 */
export function fitWidths(columns: string[][], available: number, naturalWidths?: number[]): number[] {
  const natural = naturalWidths ?? columns.map((cells) => Math.max(1, ...cells.flatMap((c) => c.split('\n').map(displayWidth))));
  const total = (ws: number[]) => ws.reduce((s, w) => s + w, 0);
  if (total(natural) <= available) return natural;
  if (columns.length >= available) return natural.map(() => 1);
  const sample = columns.map((cells) => cells.slice(0, SAMPLE_ROWS + 1));
  const options = sample.map((cells, c) => measureColumn(cells, natural[c]!, available - (columns.length - 1)));
  const heights = [...new Set(options.flatMap((col) => col.map((o) => o.lines)))].sort((a, b) => a - b);
  let best: { cost: number; picks: Option[] } | undefined;
  const rows = sample[0]!.length;
  for (const height of heights) {
    // Every row is at least this tall from here on: no better layout can come.
    if (best && height * rows >= best.cost) break;
    const picks = cheapest(options, height, available);
    if (!picks) continue;
    let cost = 0;
    for (let r = 0; r < rows; r++) cost += rowWeight(r, rows) * Math.max(...picks.map((o) => o.perRow[r] ?? 1));
    cost += CUT_COST * picks.reduce((s, o) => s + o.cuts, 0);
    if (!best || cost < best.cost) best = { cost, picks };
  }
  const widths = best ? best.picks.map((o) => o.width) : natural.map(() => 1);
  // What is left goes, one column at a time, to the columns furthest from their natural width.
  let spare = available - total(widths);
  while (spare > 0) {
    let i = -1;
    for (let c = 0; c < widths.length; c++)
      if (widths[c]! < natural[c]! && (i < 0 || natural[c]! - widths[c]! > natural[i]! - widths[i]!)) i = c;
    if (i < 0) break;
    widths[i]!++;
    spare--;
  }
  return widths;
}
