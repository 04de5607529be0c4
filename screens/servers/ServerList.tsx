import { Text } from 'ink';
import React, { useEffect, useMemo, useState } from 'react';
import type { Server } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useServers } from '../hooks/useServers.js';
import { color } from '../theme.js';
import { nameColumnWidth, serverColumns, serverFilterFields, serverHaystack, serverRowColor } from './serverColumns.js';

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
  const nameWidth = useMemo(() => nameColumnWidth(snap.servers, props.width), [snap.servers, props.width]);
  const columns = useMemo(() => serverColumns(names, { allTenants: snap.allTenants, nameWidth }), [names, snap.allTenants, snap.version, nameWidth, minute]);
  const fields = useMemo(() => serverFilterFields(names), [names]);
  const haystack = useMemo(() => serverHaystack(names), [names]);
  const status = (
    <>
      {snap.allTenants ? <Text color={color('magenta')}>all projects  </Text> : null}
      {snap.streaming ? (
        <Text dimColor>{`loading… ${snap.servers.length.toLocaleString('en-US')}${snap.expected ? ` of ~${snap.expected.toLocaleString('en-US')}` : ''}`}</Text>
      ) : snap.refreshing && !snap.loading ? <Text dimColor>refreshing…</Text> : null}
      {/* A failing refresh is told in the header (how long ago, why); the list stays. */}
    </>
  );
  return (
    <ListScreen<Server>
      {...props}
      title="Servers"
      rows={snap.lastUpdated === undefined || (snap.loading && !snap.servers.length) ? undefined : snap.servers}
      loading={snap.loading}
      error={snap.error}
      columns={columns}
      keyOf={(s) => s.id}
      filterFields={fields}
      haystack={haystack}
      rowColor={serverRowColor}
      status={status}
      emptyText={app.readOnly ? 'No servers.' : "No servers. Press n to boot one, or ':boot'."}
      onOpen={(s) => app.navigate({ screen: 'server', id: s.id, name: s.name })}
      onRefresh={() => void app.feed.reload()}
      onKey={(input, _key, selected) => {
        if (input === 'a' && selected) {
          if (app.readOnly) app.notify('Read-only: actions that change the cloud are disabled (--read-only).', 'error');
          else app.openActions(selected);
          return true;
        }
        if (input === 'n') {
          if (app.readOnly) app.notify('Read-only: booting is disabled (--read-only).', 'error');
          else app.openForm('boot');
          return true;
        }
        if (input === 'A') {
          if (!app.isAdmin) app.notify('All projects is for admins only.', 'error');
          else app.feed.setAllTenants(!snap.allTenants);
          return true;
        }
        return false;
      }}
    />
  );
}
