import { Box } from 'ink';
import React, { useState } from 'react';
import type { ServerGroup } from '../../src/managers/serverGroups.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { listKeymap } from '../app/listKeys.js';
import { ListScreen } from '../app/ListScreen.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { KeyLayerScope } from '../keys/KeyboardProvider.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { CreateGroupForm } from './CreateGroupForm.js';
import { useDeleteGroup } from './useDeleteGroup.js';

const GROUPS_KEYS = listKeymap({
  open: 'server group details (its members)',
  filter: 'filter (text or field:value: name:, policy:, member:<server id>)',
  refresh: { help: 'refresh', footer: 'refresh' },
  extra: [
    { keys: ['c'], help: 'create a server group (a small form)', footer: 'create', action: 'create', mutates: true },
    { keys: ['d'], help: 'delete the server group under the cursor (asks: y)', footer: 'delete', action: 'delete', mutates: true },
  ],
});

/** The rules as one short text (`max_server_per_host=2`). */
export function rulesText(g: ServerGroup): string {
  return Object.entries(g.rules)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const COLUMNS: Array<SortableColumn<ServerGroup>> = [
  { key: 'name', title: 'Name', min: 12, grow: 2, max: 32, priority: 100, value: (g) => g.name, sortValue: (g) => g.name.toLowerCase() },
  { key: 'policy', title: 'Policy', min: 13, max: 18, grow: 1, priority: 90, value: (g) => g.policy, sortValue: (g) => g.policy },
  {
    key: 'members',
    title: 'Members',
    min: 7,
    align: 'right',
    priority: 80,
    value: (g) => String(g.members.length),
    sortValue: (g) => g.members.length,
  },
  { key: 'rules', title: 'Rules', min: 8, max: 24, grow: 1, priority: 40, value: rulesText, sortValue: rulesText },
  { key: 'id', title: 'ID', min: 36, max: 36, priority: 10, value: (g) => g.id, sortValue: (g) => g.id },
];

/** Server groups of the project: Enter opens one with its members, `c` creates one, `d` deletes. */
export function ServerGroupList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const groups = useCachedAsync('server-groups', (signal) => app.managers.serverGroups.list({ signal }));
  const [creating, setCreating] = useState(false);
  const remove = useDeleteGroup(() => groups.reload());
  const below = creating ? 7 : remove.dialog ? 5 : 0;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <ListScreen<ServerGroup>
        {...props}
        height={Math.max(4, props.height - below)}
        title="Server groups"
        rows={groups.data}
        loading={groups.loading}
        error={groups.error}
        columns={COLUMNS}
        keyOf={(g) => g.id}
        filterFields={{ name: (g) => g.name, policy: (g) => g.policy, member: (g) => g.members.join(' '), id: (g) => g.id }}
        haystack={(g) => `${g.name} ${g.policy} ${g.id}`}
        keymap={GROUPS_KEYS}
        actions={(selected) => ({
          create: () => {
            if (app.readOnly) return;
            setCreating(true);
          },
          delete: selected ? () => remove.ask(selected) : undefined,
        })}
        onOpen={(g) => app.navigate({ screen: 'server-group', id: g.id, name: g.name })}
        onRefresh={groups.reload}
        emptyText={app.readOnly ? 'No server groups.' : 'No server groups. Press c to create one, or :server-group-create NAME POLICY.'}
      />
      {creating ? (
        // Above the list's keys: the footer names the form's, not the list's under it.
        <KeyLayerScope layer="overlay">
          <CreateGroupForm
            width={props.width}
            onCancel={() => setCreating(false)}
            onCreated={(g) => {
              setCreating(false);
              app.managers.cache.add('server-group', [{ id: g.id, name: g.name }]);
              app.notify(`Server group ${g.name} created (${g.policy}).`, 'success');
              groups.reload();
            }}
          />
        </KeyLayerScope>
      ) : null}
      {remove.dialog}
    </Box>
  );
}
