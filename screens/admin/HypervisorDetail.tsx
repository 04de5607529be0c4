import { Box } from 'ink';
import React from 'react';
import { hypervisorFields } from '../../src/commands/adminHosts.js';
import { cellText } from '../../src/commands/output.js';
import type { Hypervisor } from '../../src/managers/index.js';
import { ApiError } from '../../src/session/errors.js';
import { useApp, type ScreenProps } from '../app/context.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';
import { color } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import { Text } from '../widgets/Text.js';
import { useAdminData } from './useAdminData.js';

/** What hypervisor-show prints, as lines: the same fields, servers listed one a line. */
function hypervisorLines(h: Hypervisor, serverName: (id: string) => string | undefined): Line[] {
  const lines: Line[] = [];
  for (const [k, v] of hypervisorFields(h)) {
    if (k === 'servers' || k === 'cpu_info') continue;
    const text = `  ${k.padEnd(24)} ${cellText(v) || '-'}`;
    lines.push(
      k === 'state'
        ? { text, color: h.state === 'up' ? undefined : color('red') }
        : k === 'status'
          ? { text, color: h.status === 'enabled' ? undefined : color('gray') }
          : text,
    );
  }
  if (h.cpuInfo && typeof h.cpuInfo === 'object') {
    lines.push('', { text: 'CPU', bold: true, color: color('cyan') });
    for (const [k, v] of Object.entries(h.cpuInfo as Record<string, unknown>))
      lines.push(`  ${k.padEnd(24)} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  lines.push('', { text: `Servers${h.servers ? ` (${h.servers.length})` : ''}`, bold: true, color: color('cyan') });
  if (!h.servers?.length) lines.push('  (none)');
  // Nova lists a hypervisor's servers by their instance name (instance-0000002a): the server's own
  // name comes first where the app knows it.
  for (const s of h.servers ?? []) {
    const name = serverName(s.id);
    lines.push(name && name !== s.name ? `  ${name}  ${s.id}  (${s.name})` : `  ${s.name}  ${s.id}`);
  }
  return lines;
}

const HYPERVISOR_KEYS: Keymap<'refresh'> = [{ keys: ['ctrl-r'], help: 'refresh', footer: 'refresh', action: 'refresh' }];

/** One hypervisor: its fields, CPU, uptime and the servers on it. */
export function HypervisorDetail(props: ScreenProps & { id: string; name: string }): React.JSX.Element {
  const app = useApp();
  const h = useAdminData(`hypervisor:${props.id}`, ':hypervisors', async (m) => {
    const one = await m.hypervisors.get(props.id, { withServers: true });
    if (!('uptime' in one.raw))
      one.uptime = await m.hypervisors.uptime(one.id).catch((err: unknown) => {
        // A driver may not implement it (HTTP 501): shown as none, like hypervisor-show.
        if (err instanceof ApiError && (err.status === 501 || err.status === 400)) return null;
        throw err;
      });
    return one;
  });
  useKeymap(HYPERVISOR_KEYS, { refresh: () => h.reload() });
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>{`Hypervisor ${h.data?.name ?? props.name}`}</Text>
        {h.data ? <Text dimColor>{`  ${h.data.hypervisorType ?? ''} ${h.data.hostIp ?? ''}`}</Text> : null}
      </Text>
      {h.data ? (
        <ScrollText lines={hypervisorLines(h.data, (id) => app.feed.get(id)?.name)} height={props.height - 1} width={props.width} />
      ) : h.error ? (
        <ErrorPanel error={h.error} title="Cannot load the hypervisor" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>Loading…</Text>
      )}
    </Box>
  );
}
