import { Box } from 'ink';
import React from 'react';
import type { ComputeService } from '../../src/managers/index.js';
import type { ScreenProps } from '../app/context.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import { Text } from '../widgets/Text.js';
import { serviceKey } from './ServiceList.js';
import { useAdminData } from './useAdminData.js';

function serviceLines(s: ComputeService): Line[] {
  const f = (k: string, v: unknown): Line => `  ${k.padEnd(16)} ${v === undefined || v === null || v === '' ? '-' : String(v)}`;
  return [
    f('binary', s.binary),
    f('host', s.host),
    f('zone', s.zone),
    { text: `  ${'state'.padEnd(16)} ${s.state ?? '-'}`, color: s.state === 'down' ? color('red') : undefined },
    { text: `  ${'status'.padEnd(16)} ${s.status}`, color: s.status === 'enabled' ? undefined : color('gray') },
    f('forced down', s.forcedDown === undefined ? undefined : s.forcedDown ? 'yes' : 'no'),
    f('disabled reason', s.disabledReason),
    f('last heartbeat', s.updatedAt),
    f('id', s.id),
  ];
}

const SERVICE_KEYS: Keymap<'refresh'> = [{ keys: ['ctrl-r'], help: 'refresh', footer: 'refresh', action: 'refresh' }];

/** One Nova service (Nova has no GET of one: a refresh lists the host's services and picks it). */
export function ServiceDetail(props: ScreenProps & { service: ComputeService }): React.JSX.Element {
  const key = serviceKey(props.service);
  const fresh = useAdminData(`service:${key}`, ':services', async (m) => {
    const list = await m.computeServices.list({ host: props.service.host, binary: props.service.binary });
    return list.find((s) => serviceKey(s) === key) ?? null;
  });
  useKeymap(SERVICE_KEYS, { refresh: () => fresh.reload() });
  const s = fresh.data ?? props.service;
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>{`Service ${s.binary} on ${s.host}`}</Text>
        {fresh.data === null ? <Text color={color('yellow')}>{'  no longer listed'}</Text> : null}
      </Text>
      {fresh.error ? <ErrorPanel error={fresh.error} title="Cannot refresh the service" hint="Ctrl-R retry   Esc back" /> : null}
      <ScrollText lines={serviceLines(s)} height={props.height - 1} width={props.width} />
    </Box>
  );
}
