import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useMemo } from 'react';
import type { Flavor, Server } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { useServers } from '../hooks/useServers.js';
import { mib } from '../format.js';
import { serverColumns, serverFilterFields, serverHaystack, serverRowColor } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { listKeymap } from '../app/listKeys.js';

export interface FlavorDetailProps extends ScreenProps {
  id: string;
  name: string;
}

const FLAVOR_KEYS = listKeymap({
  open: 'open the selected server',
  refresh: { help: 'refresh the flavor and its servers', footer: 'refresh' },
});

/** A flavor: its sizes, its extra specs, and the servers that use it (Enter opens one). */
export function FlavorDetail(props: FlavorDetailProps): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  const flavor = useCachedAsync(`flavor:${props.id}`, async () => {
    const f: Flavor = await app.managers.flavors.get(props.id);
    const extraSpecs = await app.managers.flavors.extraSpecs(f).catch(() => f.extraSpecs ?? {});
    return { ...f, extraSpecs };
  });
  // Nova's own flavor filter finds every server of the flavor, other projects' too for an admin.
  const servers = useCachedAsync(`flavor-servers:${props.id}`, (signal) =>
    app.managers.servers.list({ flavor: props.id, allTenants: app.isAdmin }, { signal }),
  );
  const names = useMemo(() => ({ imageNames: snap.imageNames, flavorNames: snap.flavorNames }), [snap.imageNames, snap.flavorNames]);
  const columns = useMemo(() => serverColumns(names, { allTenants: app.isAdmin }).filter((c) => c.key !== 'flavor'), [names, app.isAdmin]);
  const fields = useMemo(() => serverFilterFields(names), [names]);
  const haystack = useMemo(() => serverHaystack(names), [names]);

  const f = flavor.data;
  const specs = Object.entries(f?.extraSpecs ?? {});
  const shownSpecs = specs.slice(0, 4);
  const head: React.ReactNode[] = [];
  if (!f) {
    head.push(
      flavor.error ? (
        <ErrorPanel key="e" error={flavor.error} title="Cannot load the flavor" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text key="l" dimColor>
          Loading…
        </Text>
      ),
    );
  } else {
    head.push(
      <Text key="t" wrap="truncate">
        <Text bold color={color('cyan')}>{`Flavor ${f.name}`}</Text>
        <Text dimColor>{`  id ${f.id}`}</Text>
        {f.isPublic ? null : <Text color={color('magenta')}> private</Text>}
        {f.disabled ? <Text color={color('red')}> disabled</Text> : null}
      </Text>,
      <Text
        key="s"
        wrap="truncate"
      >{`  ${f.vcpus} vCPU   ${mib(f.ram)} RAM   ${f.disk} GB disk   ${f.ephemeral} GB ephemeral   ${f.swap ? mib(f.swap) : 'no'} swap   rxtx ${f.rxtxFactor ?? 1}`}</Text>,
    );
    if (f.description) head.push(<Text key="d" wrap="truncate">{`  ${f.description}`}</Text>);
    head.push(<Text key="x" wrap="truncate" bold>{`  Extra specs${specs.length ? '' : ': none'}`}</Text>);
    for (const [k, v] of shownSpecs) head.push(<Text key={`x-${k}`} wrap="truncate">{`    ${k} = ${v}`}</Text>);
    if (specs.length > shownSpecs.length)
      head.push(<Text key="x+" dimColor>{`    … and ${specs.length - shownSpecs.length} more (:flavor-show ${f.name})`}</Text>);
  }
  const listHeight = Math.max(4, props.height - head.length - 1);
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      {head}
      <Text> </Text>
      <ListScreen<Server>
        {...props}
        height={listHeight}
        title={`Servers using ${f?.name ?? props.name}`}
        rows={servers.data}
        loading={servers.loading}
        error={servers.error}
        columns={columns}
        keyOf={(s) => s.id}
        filterFields={fields}
        haystack={haystack}
        rowColor={serverRowColor}
        keymap={FLAVOR_KEYS}
        onRefresh={() => {
          flavor.reload();
          servers.reload();
        }}
        onOpen={(s) => app.navigate({ screen: 'server', id: s.id, name: s.name })}
        emptyText="No server uses this flavor."
      />
    </Box>
  );
}
