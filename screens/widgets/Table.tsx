import { Box } from 'ink';
import { Text } from './Text.js';
import React from 'react';
import { safeText } from '../../src/util/terminalText.js';
import { displayWidth, padEndWidth, padStartWidth, truncateWidth } from '../../src/util/displayWidth.js';
import { color } from '../theme.js';

export interface Column<T> {
  key: string;
  title: string;
  /** Fixed width; columns without one share what is left. */
  width?: number;
  minWidth?: number;
  align?: 'left' | 'right';
  value: (row: T) => string;
}

export interface TableProps<T> {
  columns: Array<Column<T>>;
  rows: T[];
  cursor: number;
  /** Rows of the terminal available for data rows (header excluded). */
  height: number;
  width: number;
  rowColor?: (row: T) => string | undefined;
  /**
   * Disabled rows are dimmed and carry a reason (flavor fit in the forms), in a column of its own at
   * the right: the flexible columns give it the room their values do not use (and more, down to a
   * floor). A reason longer than the room left is cut with '…', and the cursor row's is written in
   * full on the line under the table.
   */
  disabledReason?: (row: T) => string | undefined;
  emptyText?: string;
}

/** Exactly `width` terminal columns (CJK and emoji count 2, combining marks 0), cut with '…'. */
function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  // Cells come from a cloud: control characters made visible before the width is counted.
  const clean = truncateWidth(safeText(text.replace(/[\r\n\t]+/g, ' ')), width);
  return align === 'right' ? padStartWidth(clean, width) : padEndWidth(clean, width);
}

export function computeWidths<T>(columns: Array<Column<T>>, total: number): number[] {
  const gaps = columns.length - 1;
  const fixed = columns.reduce((s, c) => s + (c.width ?? 0), 0);
  const flex = columns.filter((c) => c.width === undefined);
  const share = flex.length ? Math.max(4, Math.floor((total - 2 - fixed - gaps) / flex.length)) : 0;
  return columns.map((c) => c.width ?? Math.max(c.minWidth ?? 4, share));
}

/** A flexible column keeps at least this much (or its longest value, when shorter) for the reasons. */
const FLEX_FLOOR = 16;
/** Between the last column and a reason. */
const REASON_GAP = 2;

/**
 * Widths with room for the disabled rows' reasons: `reasons` is 0 when no row has one. The
 * flexible columns first shrink to their longest value (title included), then towards
 * FLEX_FLOOR (or their minWidth), until the longest reason fits.
 */
export function layoutWithReasons<T>(
  columns: Array<Column<T>>,
  rows: readonly T[],
  total: number,
  reasonOf?: (row: T) => string | undefined,
): { widths: number[]; reasons: number; cut: boolean } {
  const widths = computeWidths(columns, total);
  let longest = 0;
  if (reasonOf) for (const r of rows) longest = Math.max(longest, displayWidth(reasonOf(r) ?? ''));
  if (!longest) return { widths, reasons: 0, cut: false };
  const room = () => total - 2 - (columns.length - 1) - widths.reduce((s, w) => s + w, 0) - REASON_GAP;
  const flex = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.width === undefined);
  const natural = flex.map(({ c }) => rows.reduce((n, r) => Math.max(n, displayWidth(c.value(r))), displayWidth(c.title)));
  const least = (k: number) => flex[k]!.c.minWidth ?? 4;
  // First the room the values do not use; then down to FLEX_FLOOR (the values are cut from there).
  const floors = [natural.map((n, k) => Math.max(n, least(k))), natural.map((n, k) => Math.max(least(k), Math.min(n, FLEX_FLOOR)))];
  for (const floor of floors) {
    flex.forEach(({ i }, k) => {
      const give = Math.min(longest - room(), widths[i]! - floor[k]!);
      if (give > 0) widths[i]! -= give;
    });
  }
  const reasons = Math.max(0, Math.min(longest, room()));
  return { widths, reasons, cut: reasons < longest };
}

/** The window of rows to draw: only what fits on screen, kept around the cursor. */
export function visibleWindow(count: number, cursor: number, height: number): [number, number] {
  if (count <= height) return [0, count];
  const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), count - height);
  return [start, start + height];
}

/** A list that renders only the visible rows, so 10,000 rows stay fluid. */
export function Table<T>(props: TableProps<T>): React.JSX.Element {
  const { columns, rows, cursor, height, width } = props;
  const { widths, reasons, cut } = layoutWithReasons(columns, rows, width, props.disabledReason);
  const [start, end] = visibleWindow(rows.length, cursor, Math.max(1, height));
  const header = columns.map((c, i) => fit(c.title, widths[i]!, c.align)).join(' ');
  return (
    <Box flexDirection="column">
      <Text bold>{'  ' + header}</Text>
      {rows.length === 0 ? <Text dimColor>{'  ' + (props.emptyText ?? 'Nothing here.')}</Text> : null}
      {rows.slice(start, end).map((row, i) => {
        const index = start + i;
        const selected = index === cursor;
        const reason = props.disabledReason?.(row);
        const line = columns.map((c, ci) => fit(c.value(row), widths[ci]!, c.align)).join(' ');
        return (
          <Text
            key={index}
            inverse={selected}
            dimColor={!!reason && !selected}
            color={reason ? undefined : props.rowColor?.(row)}
            wrap="truncate"
          >
            {(selected ? '> ' : '  ') + line}
            {reason && reasons ? <Text color={color('red')}>{' '.repeat(REASON_GAP) + fit(reason, reasons)}</Text> : null}
          </Text>
        );
      })}
      {rows.length > height || cut ? (
        <Footer
          position={rows.length > height ? `${cursor + 1}/${rows.length}` : ''}
          reason={cut ? fullReason(rows[cursor], reasons, props.disabledReason) : undefined}
        />
      ) : null}
    </Box>
  );
}

/** The reason of the row under the cursor, when its column cuts it. */
function fullReason<T>(row: T | undefined, room: number, reasonOf?: (row: T) => string | undefined): string | undefined {
  const reason = row === undefined ? undefined : reasonOf?.(row);
  return reason && displayWidth(reason) > room ? reason : undefined;
}

/** Under the rows: the cursor's position in a long list, and the cursor row's reason in full. */
function Footer(props: { position: string; reason?: string }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      <Text dimColor>{`  ${props.position}`}</Text>
      {props.reason ? <Text color={color('red')}>{`${props.position ? '  ' : ''}${props.reason}`}</Text> : null}
    </Text>
  );
}
