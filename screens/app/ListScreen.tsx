import { Box } from 'ink';
import React, { useEffect, useMemo, useRef } from 'react';
import { describeError } from '../../src/session/errors.js';
import { makeFilter, narrows, type FieldAccessors } from '../../src/app/filter.js';
import { useListCursor } from '../hooks/useListCursor.js';
import { useViewState } from '../hooks/useViewState.js';
import type { KeyActions, Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { fitColumns } from '../widgets/fitColumns.js';
import { Table } from '../widgets/Table.js';
import { Text } from '../widgets/Text.js';
import { useApp, type ScreenProps } from './context.js';
import { faultLabel } from './faultText.js';

export interface SortState {
  column: string;
  desc: boolean;
}

export interface ListScreenProps<T> extends ScreenProps {
  title: string;
  rows: readonly T[] | undefined;
  loading: boolean;
  /** The first load failed (no rows: an error panel), or a reload did (the rows stay, the title says so). */
  error?: unknown;
  columns: Array<SortableColumn<T>>;
  keyOf: (row: T) => string;
  filterFields?: FieldAccessors<T>;
  haystack: (row: T) => string;
  rowColor?: (row: T) => string | undefined;
  /** The screen's keys (listKeymap): open, filter, sort and refresh are done here, the rest by `actions`. */
  keymap: Keymap<string>;
  /** The screen's own actions, for the row under the cursor. */
  actions?: (selected: T | undefined) => KeyActions<string>;
  onOpen?: (row: T) => void;
  onRefresh?: () => void;
  /** Extra words on the title line (refresh state, all projects...). */
  status?: React.ReactNode;
  defaultSort?: SortState;
  emptyText?: string;
}

// One collator for every comparison: localeCompare with options builds one per call (sorting
// 10,000 names took seconds). Made at the first sort: building it (ICU's collation data) cost
// ~25 ms of the app's start-up, before the servers list, which does not sort, was drawn.
let collator: Intl.Collator | undefined;

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return (collator ??= new Intl.Collator(undefined, { numeric: true })).compare(String(a), String(b));
}

/**
 * A list screen: a title line with counts, sort and filter; a table that draws only the rows on
 * screen; the cursor follows its row through refreshes. `s` sorts by the next column, `S` reverses.
 * Until the first rows are there, the list's keys wait for them.
 */
export function ListScreen<T>(props: ListScreenProps<T>): React.JSX.Element {
  const app = useApp();
  const [sort, setSort] = useViewState<SortState>(
    props.entryKey,
    'sort',
    props.defaultSort ?? { column: props.columns[0]!.key, desc: false },
  );
  const all = props.rows ?? [];
  const fitted = useMemo(() => fitColumns(props.columns, props.width), [props.columns, props.width]);
  // An unknown sort column keeps the order the rows came in (command results).
  const sortCol = props.columns.find((c) => c.key === sort.column);
  const sorted = useMemo(() => {
    if (!sortCol) return all;
    const keyed = all.map((row) => ({ row, v: sortCol.sortValue(row) }));
    keyed.sort((a, b) => (sort.desc ? -1 : 1) * compare(a.v, b.v));
    return keyed.map((k) => k.row);
  }, [all, sortCol, sort.desc]);
  // Typing a filter narrows the last result, not all the rows (see narrows()).
  const lastFilter = useRef<{ text: string; from: readonly T[]; rows: T[] } | undefined>(undefined);
  const rows = useMemo(() => {
    if (!props.filter.trim()) return sorted;
    const test = makeFilter(props.filter, props.filterFields ?? {}, props.haystack);
    const prev = lastFilter.current;
    const base = prev && prev.from === sorted && narrows(prev.text, props.filter) ? prev.rows : sorted;
    const out = base.filter(test);
    lastFilter.current = { text: props.filter, from: sorted, rows: out };
    return out;
  }, [sorted, props.filter, props.filterFields, props.haystack]);
  const tableHeight = Math.max(1, props.height - 3);
  const loading = props.rows === undefined && !props.error;
  const { cursor, selected } = useListCursor(rows, props.keyOf, { pageSize: tableHeight, entryKey: props.entryKey, loading });

  const { onOpen, onRefresh } = props;
  useKeymap(
    props.keymap,
    {
      ...props.actions?.(selected),
      open: onOpen && selected ? () => onOpen(selected) : undefined,
      filter: () => app.openFilter(),
      sort: (p) => {
        if (p.name === 'S') return setSort({ ...sort, desc: !sort.desc });
        const i = props.columns.findIndex((c) => c.key === sort.column);
        setSort({ column: props.columns[(i + 1) % props.columns.length]!.key, desc: false });
      },
      refresh: onRefresh ? () => onRefresh() : undefined,
    },
    { loading },
  );

  // A reload that failed keeps the last rows: the title says so, the status line says why.
  const reloadError = props.rows !== undefined ? props.error : undefined;
  const { notify } = app;
  const title = props.title;
  useEffect(() => {
    if (reloadError !== undefined) notify(`Reloading ${title.toLowerCase()} failed: ${describeError(reloadError)}`, 'error');
  }, [reloadError, notify, title]);

  const columns = fitted.map((c) => (c.key === sortCol?.key ? { ...c, title: `${c.title}${sort.desc ? '▼' : '▲'}` } : c));
  const count = props.rows === undefined ? '' : rows.length === all.length ? `${all.length}` : `${rows.length} of ${all.length}`;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>
          {props.title}
        </Text>
        {count ? ` (${count})` : ''}
        {props.filter ? <Text color={color('yellow')}>{`  filter: ${props.filter}`}</Text> : null}
        {reloadError !== undefined ? <Text color={color('red')}>{`  reload failed: ${faultLabel(reloadError)}`}</Text> : null}
        {props.status ? (
          <Text>
            {'  '}
            {props.status}
          </Text>
        ) : null}
      </Text>
      {props.error && props.rows === undefined ? (
        <ErrorPanel error={props.error} title={`Cannot load ${props.title.toLowerCase()}`} hint="Ctrl-R retry   Esc back   q quit" />
      ) : props.rows === undefined ? (
        <Text dimColor>{'  Loading…'}</Text>
      ) : (
        <Table
          columns={columns}
          rows={rows as T[]}
          cursor={cursor}
          height={tableHeight}
          width={props.width}
          rowColor={props.rowColor}
          emptyText={props.filter ? `Nothing matches '${props.filter}' (Esc clears the filter).` : props.emptyText}
        />
      )}
    </Box>
  );
}
