import { Box } from 'ink';
import { Text } from '../widgets/Text.js';
import React, { useMemo } from 'react';
import { imageKind, sizeText } from '../../src/commands/images.js';
import type { Image } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { useServers } from '../hooks/useServers.js';
import { color, statusColor } from '../theme.js';
import { ErrorPanel } from '../widgets/ErrorPanel.js';
import { ScrollText, type Line } from '../widgets/ScrollText.js';
import type { Keymap } from '../keys/keymap.js';
import { useKeymap } from '../keys/useKeymap.js';

export interface ImageDetailProps extends ScreenProps {
  id: string;
  name: string;
}

function imageLines(i: Image, serverName?: string): Line[] {
  const f = (k: string, v: unknown): Line => `  ${k.padEnd(18)} ${v === undefined || v === null || v === '' ? '-' : String(v)}`;
  const lines: Line[] = [
    { text: `  ${'status'.padEnd(18)} ${i.status}`, color: statusColor(i.status) },
    f('id', i.id),
    f('size', `${sizeText(i.size)}${i.size ? ` (${i.size} bytes)` : ''}`),
    f('virtual size', sizeText(i.virtualSize)),
    f('min disk', `${i.minDisk} GB`),
    f('min RAM', `${i.minRam} MB`),
    f('disk format', i.diskFormat),
    f('container format', i.containerFormat),
    f('visibility', i.visibility),
    f('protected', i.protected ? 'yes' : 'no'),
    f('owner', i.owner),
    f('checksum', i.checksum),
    f('created', i.createdAt),
    f('updated', i.updatedAt),
  ];
  if (i.imageType) {
    lines.push('', { text: imageKind(i) === 'snapshot' ? 'Snapshot' : 'Backup', bold: true, color: color('cyan') });
    lines.push(f('made from server', i.instanceUuid ? `${serverName ?? '?'} (${i.instanceUuid})` : '-'));
    if (i.backupType) lines.push(f('backup type', i.backupType));
  }
  const props = Object.entries(i.properties).filter(([k]) => !['image_type', 'backup_type', 'instance_uuid'].includes(k));
  lines.push('', { text: 'Properties', bold: true, color: color('cyan') });
  if (!props.length) lines.push('  (none)');
  for (const [k, v] of props) lines.push(`  ${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return lines;
}

const IMAGE_KEYS: Keymap<'openServer' | 'refresh'> = [
  { keys: ['enter'], help: 'open the server this backup / snapshot was made from', footer: 'open server', action: 'openServer' },
  { keys: ['ctrl-r'], help: 'refresh', footer: 'refresh', action: 'refresh' },
];

/** One image; for a backup or snapshot, Enter opens the server it was made from. */
export function ImageDetail(props: ImageDetailProps): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  const image = useCachedAsync(`image:${props.id}`, () => app.managers.images.get(props.id));
  const i = image.data;
  const serverName = useMemo(() => (i?.instanceUuid ? app.feed.get(i.instanceUuid)?.name : undefined), [i, snap.version]);
  const madeFrom = i?.instanceUuid;
  useKeymap(IMAGE_KEYS, {
    refresh: () => image.reload(),
    openServer: madeFrom ? () => app.navigate({ screen: 'server', id: madeFrom, name: serverName ?? madeFrom }) : undefined,
  });
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={color('cyan')}>{`Image ${i?.name || props.name}`}</Text>
        {i && imageKind(i) ? <Text color={color('magenta')}>{`  ${imageKind(i)}`}</Text> : null}
        {i?.instanceUuid ? <Text dimColor>{'  Enter opens its server'}</Text> : null}
      </Text>
      {i ? (
        <ScrollText lines={imageLines(i, serverName)} height={props.height - 1} width={props.width} />
      ) : image.error ? (
        <ErrorPanel error={image.error} title="Cannot load the image" hint="Ctrl-R retry   Esc back" />
      ) : (
        <Text dimColor>Loading…</Text>
      )}
    </Box>
  );
}
