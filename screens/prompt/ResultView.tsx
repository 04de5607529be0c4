import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useMemo } from 'react';
import { cellText } from '../../src/commands/output.js';
import type { Cell, CommandResult } from '../../src/commands/types.js';
import type { ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { listKeymap } from '../app/listKeys.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';

type Row = { i: number; cells: string[] };

const RESULT_KEYS = listKeymap({ filter: 'filter the rows (text or column:value)' });

/** The result of a ':' command, shown in the app: tables as a list, records and text as scrollable lines. */
export function ResultView(props: ScreenProps & { title: string; result: CommandResult }): React.JSX.Element {
  const { result } = props;
  if (result.kind === 'table') return <ResultTable {...props} result={result} />;
  let lines: Line[];
  if (result.kind === 'record') {
    const w = Math.min(36, Math.max(...result.fields.map(([k]) => k.length), 4));
    lines = [];
    for (const [k, v] of result.fields) {
      const text = cellText(v);
      const parts = text.split('\n');
      lines.push({ text: `${k.padEnd(w)}  ${parts[0] ?? ''}` });
      for (const p of parts.slice(1)) lines.push(`${' '.repeat(w)}  ${p}`);
    }
  } else {
    lines = result.text.replace(/\n$/, '').split('\n');
  }
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')} wrap="truncate">{`:${props.title}`}</Text>
      <ScrollText lines={lines} height={props.height - 1} width={props.width} />
    </Box>
  );
}

function ResultTable(props: ScreenProps & { title: string; result: Extract<CommandResult, { kind: 'table' }> }): React.JSX.Element {
  const { result } = props;
  const rows = useMemo<Row[]>(
    () => result.rows.map((r: Cell[], i) => ({ i, cells: r.map((c) => cellText(c).replace(/\n/g, ' ')) })),
    [result],
  );
  const columns = useMemo<Array<SortableColumn<Row>>>(
    () =>
      result.columns.map((title, ci) => {
        const longest = Math.max(title.length, ...rows.slice(0, 500).map((r) => r.cells[ci]!.length));
        const numeric = rows.length > 0 && rows.every((r) => r.cells[ci] === '' || /^-?\d+(\.\d+)?$/.test(r.cells[ci]!));
        return {
          key: String(ci),
          title,
          min: Math.min(longest, Math.max(4, Math.min(title.length, 12))),
          max: longest,
          grow: Math.max(1, Math.min(longest, 40)),
          priority: 100 - ci,
          align: numeric ? ('right' as const) : undefined,
          value: (r: Row) => r.cells[ci]!,
          sortValue: (r: Row) => (numeric ? Number(r.cells[ci] || 0) : r.cells[ci]!.toLowerCase()),
        };
      }),
    [result, rows],
  );
  const fields = useMemo(
    () => Object.fromEntries(result.columns.map((c, ci) => [c.toLowerCase().replace(/\s+/g, '_'), (r: Row) => r.cells[ci]!])),
    [result],
  );
  return (
    <ListScreen<Row>
      {...props}
      title={`:${props.title}`}
      rows={rows}
      loading={false}
      columns={columns}
      defaultSort={{ column: '__none', desc: false }}
      keyOf={(r) => String(r.i)}
      filterFields={fields}
      haystack={(r) => r.cells.join(' ')}
      keymap={RESULT_KEYS}
      emptyText="(no rows)"
    />
  );
}
