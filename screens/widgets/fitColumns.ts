import type { Column } from './Table.js';

export interface FlexColumn<T> extends Omit<Column<T>, 'width'> {
  /** Narrowest useful width. */
  min: number;
  /** Share of the spare width this column takes (0 = stays at min). */
  grow?: number;
  max?: number;
  /** When the terminal is too narrow, columns with the lowest priority go first (default 10). */
  priority?: number;
}

/**
 * Gives every column a width for the terminal: minimums first, spare room by weight, and the
 * least important columns dropped when even the minimums do not fit (80 columns must work).
 */
export function fitColumns<T>(columns: Array<FlexColumn<T>>, width: number): Array<Column<T>> {
  let cols = [...columns];
  const avail = () => width - 2 - (cols.length - 1);
  while (cols.length > 1 && cols.reduce((s, c) => s + c.min, 0) > avail()) {
    const lowest = cols.reduce((lo, c) => ((c.priority ?? 10) < (lo.priority ?? 10) ? c : lo), cols[cols.length - 1]!);
    cols = cols.filter((c) => c !== lowest);
  }
  const widths = cols.map((c) => c.min);
  let spare = avail() - widths.reduce((s, w) => s + w, 0);
  // Hand out the spare room in rounds, so a column that hits its max gives the rest to the others.
  for (let round = 0; round < 4 && spare > 0; round++) {
    const growing = cols.map((c, i) => ({ c, i })).filter(({ c, i }) => (c.grow ?? 0) > 0 && (c.max === undefined || widths[i]! < c.max));
    const total = growing.reduce((s, { c }) => s + (c.grow ?? 0), 0);
    if (!total) break;
    let given = 0;
    for (const { c, i } of growing) {
      let add = Math.floor((spare * (c.grow ?? 0)) / total);
      if (c.max !== undefined) add = Math.min(add, c.max - widths[i]!);
      widths[i]! += add;
      given += add;
    }
    spare -= given;
    if (given === 0) {
      // Rounding left a few columns: give them one by one.
      for (const { c, i } of growing) {
        if (spare <= 0) break;
        if (c.max === undefined || widths[i]! < c.max) {
          widths[i]!++;
          spare--;
        }
      }
    }
  }
  return cols.map((c, i) => {
    const { min: _min, grow: _grow, max: _max, priority: _p, ...rest } = c;
    return { ...rest, width: widths[i]! };
  });
}
