import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { isSettled } from '../../src/operations/states.js';
import type { Server } from '../../src/managers/types.js';
import { NotFoundError, describeError } from '../../src/session/errors.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { faultLabel } from '../app/faultText.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { useListCursor } from '../hooks/useListCursor.js';
import { useServers } from '../hooks/useServers.js';
import { useViewState } from '../hooks/useViewState.js';
import { color, statusColor } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText } from '../widgets/ScrollText.js';
import { Table } from '../widgets/Table.js';
import { fitColumns } from '../widgets/fitColumns.js';
import { EditLine } from './EditLine.js';
import { EDIT_KEYS } from './editKeys.js';
import type { ServerEditKind } from './serverEdits.js';
import { serverDetailLines } from './serverDetailLines.js';
import { useServerEdit } from './useServerEdit.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

const TABS = ['details', 'actions', 'console'] as const;
type Tab = (typeof TABS)[number];
const TAB_TITLES: Record<Tab, string> = { details: 'Details', actions: 'Instance actions', console: 'Console log' };

type DetailAction = 'tab' | 'nextTab' | 'previousTab' | 'actions' | 'refresh' | ServerEditKind;

const SERVER_KEYS: Keymap<DetailAction> = [
  { keys: ['1', '2', '3'], label: '1/2/3', help: 'details / instance actions / console log', footer: 'tabs', action: 'tab' },
  { keys: ['tab', 'right', 'l'], label: 'Tab →', help: 'next tab (l too)', action: 'nextTab' },
  { keys: ['shift-tab', 'left', 'h'], label: 'Shift-Tab ←', help: 'previous tab (h too)', action: 'previousTab' },
  {
    keys: ['a'],
    help: 'actions (start, stop, reboot, resize, rebuild, backup, snapshot, delete...)',
    footer: 'actions',
    action: 'actions',
    mutates: true,
  },
  { keys: ['ctrl-r'], help: 'refresh the server', footer: 'refresh', action: 'refresh' },
  ...EDIT_KEYS,
];

const REFRESH_KEYS: Keymap<'refresh'> = [{ keys: ['ctrl-r'], help: 'refresh this tab', footer: 'refresh', action: 'refresh' }];

/** The actions tab: Enter opens the action under the cursor with its events (`instance-action`). */
const ACTIONS_TAB_KEYS: Keymap<'open' | 'refresh'> = [
  { keys: ['enter'], help: 'the action under the cursor with its events', footer: 'events', action: 'open' },
  ...REFRESH_KEYS,
];

/** Console output: colour and cursor codes are dropped (the rest of its control characters are made visible when drawn). */
const CSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** How many console lines to ask for: enough to scroll through, small enough to stay quick. */
const CONSOLE_LINES = 2000;

export interface ServerDetailProps extends ScreenProps {
  id: string;
  name: string;
}

/**
 * One server: every field, its instance actions and its console log. The server comes from the
 * live feed, so a reboot or a resize shows its progress here without a manual refresh.
 */
export function ServerDetail(props: ServerDetailProps): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  const [tab, setTab] = useViewState<Tab>(props.entryKey, 'tab', 'details');
  // Servers outside the feed (another project's, from a flavor's list) are fetched here.
  const [own, setOwn] = useState<Server | undefined>(undefined);
  const [gone, setGone] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  const fromFeed = useMemo(() => app.feed.get(props.id), [snap.version, props.id]);
  const server = fromFeed ?? own;

  useEffect(() => {
    const controller = new AbortController();
    app.managers.servers.get(props.id, controller.signal).then(
      (s) => {
        if (controller.signal.aborted) return;
        setLoadError(undefined);
        setGone(false);
        if (app.feed.get(s.id)) app.feed.upsert(s);
        else setOwn(s);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof NotFoundError) setGone(true);
        else {
          setLoadError(err);
          // The feed's copy stays on screen: say that this look failed, and why.
          const shown = app.feed.get(props.id);
          if (shown) app.notify(`Refreshing server ${shown.name} failed: ${describeError(err)}`, 'error');
        }
      },
    );
    return () => controller.abort();
  }, [props.id, tick]);

  // A server the feed does not follow is polled here while it is moving.
  useEffect(() => {
    if (
      fromFeed ||
      !own ||
      (!own.taskState && !['BUILD', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'REBUILD', 'MIGRATING', 'REVERT_RESIZE'].includes(own.status))
    )
      return;
    const t = setTimeout(() => setTick((n) => n + 1), 2000);
    return () => clearTimeout(t);
  }, [fromFeed, own]);

  // The feed dropped it (DELETED): say so rather than showing a stale server.
  const seenInFeed = useRef(false);
  if (fromFeed) seenInFeed.current = true;
  const deleted = gone || (seenInFeed.current && !fromFeed && !own);

  const edits = useServerEdit(server, () => setTick((n) => n + 1));
  const editing = edits.state !== undefined;
  const contentHeight = Math.max(3, props.height - 2 - (editing ? (edits.state?.error ? 2 : 1) : 0));
  const i = TABS.indexOf(tab);
  // The edits act on what the details tab shows, so they live there.
  const edit = (kind: ServerEditKind) => (server && tab === 'details' && !deleted ? () => edits.open(kind) : undefined);
  useKeymap(
    SERVER_KEYS,
    {
      tab: (p) => setTab(TABS[Number(p.name) - 1]!),
      nextTab: () => setTab(TABS[(i + 1) % TABS.length]!),
      previousTab: () => setTab(TABS[(i + TABS.length - 1) % TABS.length]!),
      actions: server ? () => app.openActions(server) : undefined,
      refresh: tab === 'details' ? () => setTick((n) => n + 1) : undefined,
      'meta-set': edit('meta-set'),
      'meta-delete': edit('meta-delete'),
      'tag-add': edit('tag-add'),
      'tag-delete': edit('tag-delete'),
      rename: edit('rename'),
      description: edit('description'),
    },
    {
      // Keys typed while the server loads, or while an edit is being sent, wait for it (never dropped).
      loading: (!server && !deleted && !loadError) || edits.state?.running === true,
    },
  );

  const title = (
    <Text wrap="truncate">
      <Text bold color={color('cyan')}>{`Server ${server?.name ?? props.name}`}</Text>
      {server ? <Text color={statusColor(server.status)}>{`  ${server.status}`}</Text> : null}
      {server?.taskState ? <Text color={color('yellow')}>{`  ${server.taskState}…`}</Text> : null}
      {snap.watching.has(props.id) && server && !isSettled(server) ? <Text dimColor> (following)</Text> : null}
      {server && loadError !== undefined ? <Text color={color('red')}>{`  refresh failed: ${faultLabel(loadError)}`}</Text> : null}
    </Text>
  );
  const tabs = (
    <Text wrap="truncate">
      {TABS.map((t, i) => (
        <Text key={t} inverse={t === tab} bold={t === tab}>{` ${i + 1} ${TAB_TITLES[t]} `}</Text>
      ))}
    </Text>
  );
  let body: React.ReactNode;
  if (deleted) {
    body = <Text color={color('yellow')}>{`Server ${props.name || props.id} no longer exists (deleted). Esc goes back.`}</Text>;
  } else if (!server) {
    body = loadError ? (
      <ErrorPanel error={loadError} title="Cannot load the server" hint="Ctrl-R retry   Esc back" />
    ) : (
      <Text dimColor>Loading…</Text>
    );
  } else if (tab === 'details') {
    body = (
      <ScrollText
        key="details"
        lines={serverDetailLines(server, { imageNames: snap.imageNames, flavorNames: snap.flavorNames })}
        height={contentHeight}
        width={props.width}
      />
    );
  } else if (tab === 'actions') {
    body = <InstanceActions server={server} height={contentHeight} width={props.width} entryKey={props.entryKey} />;
  } else {
    body = <ConsoleLog server={server} height={contentHeight} width={props.width} />;
  }
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      {title}
      {tabs}
      {body}
      {edits.state ? (
        <EditLine key={edits.state.edit.kind} state={edits.state} width={props.width} onSubmit={edits.submit} onCancel={edits.cancel} />
      ) : null}
    </Box>
  );
}

function InstanceActions(props: { server: Server; height: number; width: number; entryKey: number }): React.JSX.Element {
  const app = useApp();
  const { server } = props;
  // Reloaded whenever the server changes state (a new action shows up at once).
  const actions = useCachedAsync(`actions:${server.id}`, () => app.managers.servers.instanceActions(server.id), [
    server.status,
    server.taskState,
  ]);
  const rows = useMemo(() => [...(actions.data ?? [])].sort((a, b) => b.startTime.localeCompare(a.startTime)), [actions.data]);
  const tableHeight = Math.max(1, props.height - 2);
  const { cursor, selected } = useListCursor(rows, (a) => a.requestId, {
    pageSize: tableHeight,
    entryKey: props.entryKey,
    name: 'actions-cursor',
    loading: !actions.data && !actions.error,
  });
  useKeymap(ACTIONS_TAB_KEYS, {
    refresh: () => actions.reload(),
    open: selected
      ? () => app.navigate({ screen: 'instance-action', serverId: server.id, serverName: server.name, requestId: selected.requestId })
      : undefined,
  });
  if (actions.error && !actions.data)
    return <ErrorPanel error={actions.error} title="Cannot load the instance actions" hint="Ctrl-R retry" />;
  if (!actions.data) return <Text dimColor>Loading…</Text>;
  const columns = fitColumns(
    [
      { key: 'action', title: 'Action', min: 10, grow: 1, max: 20, value: (a: (typeof rows)[number]) => a.action },
      { key: 'start', title: 'Started', min: 19, max: 26, grow: 1, value: (a) => a.startTime.replace('T', ' ').replace(/\.\d+/, '') },
      { key: 'message', title: 'Message', min: 6, grow: 2, value: (a) => a.message ?? '' },
      { key: 'request', title: 'Request ID', min: 12, grow: 1, max: 44, priority: 5, value: (a) => a.requestId },
    ],
    props.width,
  );
  return <Table columns={columns} rows={rows} cursor={cursor} height={tableHeight} width={props.width} emptyText="No actions recorded." />;
}

function ConsoleLog(props: { server: Server; height: number; width: number }): React.JSX.Element {
  const app = useApp();
  const log = useCachedAsync(`console:${props.server.id}`, () => app.managers.servers.consoleOutput(props.server.id, CONSOLE_LINES));
  useKeymap(REFRESH_KEYS, { refresh: () => log.reload() });
  if (log.error && log.data === undefined) {
    return <ErrorPanel error={log.error} title="Cannot read the console log" hint="Ctrl-R retry" />;
  }
  if (log.data === undefined) return <Text dimColor>Loading…</Text>;
  const lines = log.data.replace(CSI, '').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  return (
    <Box flexDirection="column">
      <ScrollText
        lines={log.data ? lines : []}
        height={props.height - 1}
        width={props.width}
        follow
        emptyText="The console log is empty."
      />
      <Text dimColor>{log.loading ? 'reading…' : 'Ctrl-R reads it again'}</Text>
    </Box>
  );
}
