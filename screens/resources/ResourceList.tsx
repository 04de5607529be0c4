import { Box, Text, type Key } from 'ink';
import React, { useMemo, useRef } from 'react';
import { makeFilter } from '../../src/app/filter.js';
import type { DeclaredResource } from '../../src/extensions/types.js';
import type { DeclaredItem } from '../../src/managers/declared.js';
import { useResourceKeys } from './useResourceKeys.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { fitColumns } from '../widgets/fitColumns.js';
import { Table } from '../widgets/Table.js';
import { cellOf, haystackOf, resourceColumns } from './resourceColumns.js';

export interface ResourceListProps {
  resource: DeclaredResource;
  rows: readonly DeclaredItem[] | undefined;
  error?: unknown;
  loading: boolean;
  active: boolean;
  width: number;
  height: number;
  /** The app's `/` filter: words, or field=value (e.g. name=web). */
  filter: string;
  /** The id under the cursor: it stays on its row through reloads. */
  cursorId?: string;
  onCursor: (id: string) => void;
  /** Keys beyond moving (open, create, edit, delete...), with the row under the cursor; false: not this screen's key. */
  onKey: (input: string, key: Key, selected: DeclaredItem | undefined) => boolean;
}

/** The items of a declared resource: declared columns, `/` filter, j/k/arrows/PgUp/PgDn/g/G. */
export function ResourceList(props: ResourceListProps): React.JSX.Element {
  const { resource } = props;
  const columns = useMemo(() => fitColumns(resourceColumns(resource, props.rows), props.width), [resource, props.rows, props.width]);
  const rows = useMemo(() => {
    const all = props.rows ?? [];
    if (!props.filter.trim()) return all;
    const fields = Object.fromEntries(resource.fields.map((f) => [f.key, (i: DeclaredItem) => cellOf(resource, i, f.key)]));
    return all.filter(makeFilter(props.filter, fields, haystackOf(resource)));
  }, [props.rows, props.filter, resource]);
  const found = rows.findIndex((r) => r.id === props.cursorId);
  const last = useRef(0);
  const cursor = Math.max(0, found >= 0 ? found : Math.min(last.current, rows.length - 1));
  last.current = cursor;
  const tableHeight = Math.max(1, props.height - 2);
  const state = useRef({ rows, cursor });
  state.current = { rows, cursor };

  useResourceKeys(
    (input, key) => {
      // The latest props decide: a listener the renderer has not detached yet must not act.
      if (!props.active) return false;
      const { rows: list, cursor: at } = state.current;
      let to: number | undefined;
      // Key repeat may deliver "jjj" in one read: move that many rows.
      if (key.downArrow || /^j+$/.test(input)) to = at + Math.max(1, input.length);
      else if (key.upArrow || /^k+$/.test(input)) to = at - Math.max(1, input.length);
      else if (key.pageDown) to = at + tableHeight;
      else if (key.pageUp) to = at - tableHeight;
      else if (input === 'g' || key.home) to = 0;
      else if (input === 'G' || key.end) to = list.length - 1;
      if (to !== undefined) {
        if (!list.length) return;
        const n = Math.max(0, Math.min(list.length - 1, to));
        state.current = { rows: list, cursor: n };
        props.onCursor(list[n]!.id);
        return;
      }
      return props.onKey(input, key, list[at]);
    },
    { isActive: props.active },
  );

  const total = props.rows?.length ?? 0;
  const count = props.rows === undefined ? '' : rows.length === total ? `${total}` : `${rows.length} of ${total}`;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>
          {resource.title}
        </Text>
        {count ? ` (${count})` : ''}
        {props.filter ? <Text color={color('yellow')}>{`  filter: ${props.filter}`}</Text> : null}
        {props.loading && props.rows ? <Text dimColor>{'  refreshing…'}</Text> : null}
      </Text>
      {props.error && props.rows === undefined ? (
        <ErrorPanel error={props.error} title={`Cannot load ${resource.plural.replace(/-/g, ' ')}`} hint="Ctrl-R retry   Esc back" />
      ) : props.rows === undefined ? (
        <Text dimColor>{'  Loading…'}</Text>
      ) : (
        <Table
          columns={columns}
          rows={rows as DeclaredItem[]}
          cursor={cursor}
          height={tableHeight}
          width={props.width}
          emptyText={
            props.filter ? `Nothing matches '${props.filter}' (Esc clears the filter).` : `No ${resource.plural.replace(/-/g, ' ')}.`
          }
        />
      )}
    </Box>
  );
}
