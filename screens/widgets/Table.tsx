import { Box, Text } from 'ink';
import React from 'react';
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
  /** Disabled rows are dimmed and carry a reason (flavor fit in the forms). */
  disabledReason?: (row: T) => string | undefined;
  emptyText?: string;
}

function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const clean = text.replace(/[\r\n\t]+/g, ' ');
  if (clean.length > width) return width <= 1 ? clean.slice(0, width) : clean.slice(0, width - 1) + '…';
  return align === 'right' ? clean.padStart(width) : clean.padEnd(width);
}

export function computeWidths<T>(columns: Array<Column<T>>, total: number): number[] {
  const gaps = columns.length - 1;
  const fixed = columns.reduce((s, c) => s + (c.width ?? 0), 0);
  const flex = columns.filter((c) => c.width === undefined);
  const share = flex.length ? Math.max(4, Math.floor((total - 2 - fixed - gaps) / flex.length)) : 0;
  return columns.map((c) => c.width ?? Math.max(c.minWidth ?? 4, share));
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
  const widths = computeWidths(columns, width);
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
            {reason ? <Text color={color('red')}>{`  ${reason}`}</Text> : null}
          </Text>
        );
      })}
      {rows.length > height ? <Text dimColor>{`  ${cursor + 1}/${rows.length}`}</Text> : null}
    </Box>
  );
}
