import { Text } from '../widgets/Text.js';
import React, { useEffect, useMemo, useState } from 'react';
import type { Server } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useServers } from '../hooks/useServers.js';
import { listKeymap } from '../app/listKeys.js';
import { color } from '../theme.js';
import { serverColumns, wholeValueWidths, serverFilterFields, serverHaystack, serverRowColor } from './serverColumns.js';

const SERVERS_KEYS = listKeymap({
  open: 'open the server',
  filter: 'filter: text, or field:value (status:ACTIVE, name:, flavor:, image:, host:, ip:), !negates',
  extra: [
    {
      keys: ['a'],
      help: 'actions on the server (start, stop, reboot, resize, delete...)',
      footer: 'actions',
      action: 'actions',
      mutates: true,
    },
    { keys: ['n'], help: 'boot a new server', footer: 'new', action: 'boot', mutates: true },
  ],
  after: [
    {
      keys: ['A'],
      help: 'all projects on / off (admin)',
      footer: 'all projects',
      action: 'allProjects',
      refused: (c) => (c.isAdmin ? undefined : 'All projects is for admins only.'),
    },
  ],
  refresh: { help: 'full refresh (the list also refreshes itself every few seconds)' },
});

/** The default screen: every server, live (a small changes-since request every few seconds). */
export function ServerList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  // Ages move on even when nothing else changes.
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setMinute((m) => m + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const names = useMemo(() => ({ imageNames: snap.imageNames, flavorNames: snap.flavorNames }), [snap.imageNames, snap.flavorNames]);
  // Ages are recomputed whenever the list changes (the feed re-renders only on a real change).
  const widths = useMemo(() => wholeValueWidths(snap.servers, props.width), [snap.servers, props.width]);
  const columns = useMemo(
    () => serverColumns(names, { allTenants: snap.allTenants, widths }),
    [names, snap.allTenants, snap.version, widths, minute],
  );
  const fields = useMemo(() => serverFilterFields(names), [names]);
  const haystack = useMemo(() => serverHaystack(names), [names]);
  const status = (
    <>
      {snap.allTenants ? <Text color={color('magenta')}>all projects </Text> : null}
      {snap.streaming ? (
        <Text
          dimColor
        >{`loading… ${snap.servers.length.toLocaleString('en-US')}${snap.expected ? ` of ~${snap.expected.toLocaleString('en-US')}` : ''}`}</Text>
      ) : snap.refreshing && !snap.loading ? (
        <Text dimColor>refreshing…</Text>
      ) : null}
      {/* A failing refresh is told in the header (how long ago, why); the list stays. */}
    </>
  );
  return (
    <ListScreen<Server>
      {...props}
      title="Servers"
      rows={snap.lastUpdated === undefined || (snap.loading && !snap.servers.length) ? undefined : snap.servers}
      loading={snap.loading}
      // A failed refresh keeps the list: the header and the status line tell of it, not the title.
      error={snap.lastUpdated === undefined ? snap.error : undefined}
      columns={columns}
      keyOf={(s) => s.id}
      filterFields={fields}
      haystack={haystack}
      rowColor={serverRowColor}
      status={status}
      emptyText={app.readOnly ? 'No servers.' : "No servers. Press n to boot one, or ':boot'."}
      onOpen={(s) => app.navigate({ screen: 'server', id: s.id, name: s.name })}
      onRefresh={() => void app.feed.reload()}
      keymap={SERVERS_KEYS}
      actions={(selected) => ({
        actions: selected ? () => app.openActions(selected) : undefined,
        boot: () => app.openForm('boot'),
        allProjects: () => app.feed.setAllTenants(!snap.allTenants),
      })}
    />
  );
}
