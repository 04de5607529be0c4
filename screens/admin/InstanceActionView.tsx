import { Box } from 'ink';
import React from 'react';
import type { InstanceActionDetail } from '../../src/managers/index.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import { Text } from '../widgets/Text.js';

const time = (t: string | null | undefined): string => (t ? t.replace('T', ' ').replace(/\.\d+/, '') : '-');

/** What `novash instance-action` shows: the action, then each event with its result, details and (admins) traceback. */
export function instanceActionLines(a: InstanceActionDetail): Line[] {
  const f = (k: string, v: string | null | undefined): Line => `  ${k.padEnd(12)} ${v || '-'}`;
  const lines: Line[] = [
    f('action', a.action),
    f('request', a.requestId),
    f('started', time(a.startTime)),
    f('updated', time(a.updatedAt)),
    a.message ? { text: `  ${'message'.padEnd(12)} ${a.message}`, color: color('red') } : f('message', null),
    f('user', a.userId),
    f('project', a.projectId),
    '',
  ];
  if (a.events === undefined) {
    lines.push({ text: 'Events: not shown to non-admins before compute API 2.51', dim: true });
    return lines;
  }
  lines.push({ text: `Events (${a.events.length})`, bold: true, color: color('cyan') });
  if (!a.events.length) lines.push('  (none)');
  for (const e of a.events) {
    const failed = e.result === 'Error';
    lines.push({
      text: `  ${e.event}  ${e.result ?? 'running'}  ${time(e.startTime)} → ${e.finishTime ? time(e.finishTime) : 'running'}${e.host ? `  on ${e.host}` : ''}`,
      color: failed ? color('red') : e.result === 'Success' ? color('green') : color('yellow'),
    });
    if (e.details) lines.push(`    details: ${e.details}`);
    if (e.traceback) for (const l of e.traceback.replace(/\n$/, '').split('\n')) lines.push({ text: `    ${l}`, dim: true });
  }
  return lines;
}

const ACTION_KEYS: Keymap<'refresh'> = [
  { keys: ['ctrl-r'], help: 'refresh (an action still running gets its new events)', footer: 'refresh', action: 'refresh' },
];

/** One instance action of a server with its events: opened from the server's actions tab. */
export function InstanceActionView(props: ScreenProps & { serverId: string; serverName: string; requestId: string }): React.JSX.Element {
  const app = useApp();
  const action = useCachedAsync(`instance-action:${props.serverId}:${props.requestId}`, () =>
    app.managers.servers.instanceAction(props.serverId, props.requestId),
  );
  useKeymap(ACTION_KEYS, { refresh: () => action.reload() });
  const a = action.data;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>{`Action ${a?.action ?? props.requestId}`}</Text>
        <Text dimColor>{`  of server ${props.serverName || props.serverId}`}</Text>
      </Text>
      {a ? (
        <ScrollText lines={instanceActionLines(a)} height={props.height - 1} width={props.width} />
      ) : action.error ? (
        <ErrorPanel error={action.error} title="Cannot load the instance action" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>Loading…</Text>
      )}
    </Box>
  );
}
