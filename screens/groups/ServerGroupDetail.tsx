import { Box } from 'ink';
import React, { useMemo } from 'react';
import { useApp, type ScreenProps } from '../app/context.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { useListCursor } from '../hooks/useListCursor.js';
import { useServers } from '../hooks/useServers.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { color, statusColor } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { fitColumns } from '../widgets/fitColumns.js';
import { Table } from '../widgets/Table.js';
import { Text } from '../widgets/Text.js';
import { rulesText } from './ServerGroupList.js';
import { useDeleteGroup } from './useDeleteGroup.js';

type GroupAction = 'open' | 'delete' | 'refresh';

const GROUP_KEYS: Keymap<GroupAction> = [
  { keys: ['enter'], help: 'open the member server under the cursor', footer: 'open', action: 'open' },
  { keys: ['d'], help: 'delete this server group (asks: y)', footer: 'delete', action: 'delete', mutates: true },
  { keys: ['ctrl-r'], help: 'refresh the group', footer: 'refresh', action: 'refresh' },
];

interface Member {
  id: string;
  name?: string;
  status?: string;
}

/** One server group: its policy, rules and owner, and its members (names and states from the servers list). */
export function ServerGroupDetail(props: ScreenProps & { id: string; name: string }): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  const group = useCachedAsync(`server-group:${props.id}`, () => app.managers.serverGroups.get(props.id), [props.id]);
  const g = group.data;
  const members = useMemo((): Member[] => {
    const byId = new Map(snap.servers.map((s) => [s.id, s]));
    return (g?.members ?? []).map((id) => ({ id, name: byId.get(id)?.name, status: byId.get(id)?.status }));
  }, [g, snap.servers]);
  const fields: Array<[string, string]> = g
    ? [
        ['ID', g.id],
        ['Policy', g.policy],
        ...(typeof g.raw.policy === 'string' ? ([['Rules', rulesText(g) || '-']] as Array<[string, string]>) : []),
        ['Project', g.projectId ?? '-'],
        ['User', g.userId ?? '-'],
      ]
    : [];
  const remove = useDeleteGroup(() => app.back());
  const tableHeight = Math.max(1, props.height - fields.length - 3 - (remove.dialog ? 5 : 0));
  const { cursor, selected } = useListCursor(members, (m) => m.id, {
    pageSize: tableHeight,
    entryKey: props.entryKey,
    name: 'members-cursor',
    loading: !g && !group.error,
  });
  useKeymap(
    GROUP_KEYS,
    {
      open: selected ? () => app.navigate({ screen: 'server', id: selected.id, name: selected.name ?? '' }) : undefined,
      delete: g ? () => remove.ask(g) : undefined,
      refresh: () => group.reload(),
    },
    {
      // Enter or d typed while the group loads wait for it (never dropped).
      loading: !g && !group.error,
    },
  );
  const columns = fitColumns(
    [
      { key: 'name', title: 'Member', min: 12, grow: 2, max: 48, value: (m: Member) => m.name ?? '(not in your servers list)' },
      { key: 'status', title: 'Status', min: 7, max: 14, value: (m: Member) => m.status ?? '' },
      { key: 'id', title: 'ID', min: 36, max: 36, value: (m: Member) => m.id },
    ],
    props.width,
  );
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold color={color('cyan')} wrap="truncate">{`Server group ${g?.name ?? props.name}`}</Text>
      {g ? (
        <>
          {fields.map(([k, v]) => (
            <Text key={k} wrap="truncate">{`  ${k.padEnd(9)} ${v}`}</Text>
          ))}
          <Text bold>{`Members (${members.length})`}</Text>
          <Table
            columns={columns}
            rows={members}
            cursor={cursor}
            height={tableHeight}
            width={props.width}
            rowColor={(m) => (m.status ? statusColor(m.status) : undefined)}
            emptyText="No servers in this group. Boot one into it with :boot ... --hint group=NAME."
          />
        </>
      ) : group.error ? (
        <ErrorPanel error={group.error} title="Cannot load the server group" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>Loading…</Text>
      )}
      {remove.dialog}
    </Box>
  );
}
