import React, { useEffect, useMemo } from 'react';
import { imageKind, sizeText } from '../../src/commands/images.js';
import type { Image } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { useServers } from '../hooks/useServers.js';
import { age } from '../format.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { statusColor } from '../theme.js';
import { listKeymap } from '../app/listKeys.js';

const IMAGES_KEYS = listKeymap({
  open: 'image details',
  filter: 'filter (text or field:value: status:, kind:backup, server:, visibility:)',
  refresh: { help: 'refresh' },
});

/** The server a backup or snapshot was made from: its name when the app knows it. */
export function imageServerText(i: Image, serverName: (id: string) => string | undefined): string {
  if (!i.instanceUuid) return '';
  return serverName(i.instanceUuid) ?? i.instanceUuid.slice(0, 8);
}

/** Images from Glance: backups and snapshots are marked, with the server they came from. */
export function ImageList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const snap = useServers(app.feed);
  const images = useCachedAsync('images', (signal) => app.managers.images.list({}, { signal }));
  useEffect(() => {
    if (images.data) app.feed.learnImageNames(images.data);
  }, [images.data]);
  const serverName = useMemo(() => {
    const byId = new Map(snap.servers.map((s) => [s.id, s.name]));
    return (id: string) => byId.get(id);
  }, [snap.servers]);
  const columns = useMemo((): Array<SortableColumn<Image>> => {
    const now = Date.now();
    return [
      {
        key: 'name',
        title: 'Name',
        min: 12,
        grow: 3,
        max: 40,
        priority: 100,
        value: (i) => i.name || i.id,
        sortValue: (i) => (i.name || i.id).toLowerCase(),
      },
      { key: 'status', title: 'Status', min: 7, max: 14, grow: 1, priority: 90, value: (i) => i.status, sortValue: (i) => i.status },
      { key: 'size', title: 'Size', min: 9, align: 'right', priority: 80, value: (i) => sizeText(i.size), sortValue: (i) => i.size ?? 0 },
      {
        key: 'minDisk',
        title: 'MinDisk',
        min: 7,
        align: 'right',
        priority: 45,
        value: (i) => `${i.minDisk} GB`,
        sortValue: (i) => i.minDisk,
      },
      { key: 'minRam', title: 'MinRAM', min: 8, align: 'right', priority: 44, value: (i) => `${i.minRam} MB`, sortValue: (i) => i.minRam },
      {
        key: 'visibility',
        title: 'Visibility',
        min: 8,
        max: 10,
        grow: 1,
        priority: 50,
        value: (i) => i.visibility,
        sortValue: (i) => i.visibility,
      },
      { key: 'kind', title: 'Kind', min: 15, max: 20, grow: 1, priority: 70, value: imageKind, sortValue: imageKind },
      {
        key: 'server',
        title: 'Server',
        min: 8,
        max: 30,
        grow: 2,
        priority: 60,
        value: (i) => imageServerText(i, serverName),
        sortValue: (i) => imageServerText(i, serverName),
      },
      {
        key: 'age',
        title: 'Age',
        min: 4,
        align: 'right',
        priority: 30,
        value: (i) => age(i.createdAt, now),
        sortValue: (i) => -Date.parse(i.createdAt ?? '0'),
      },
    ];
  }, [serverName, images.data]);
  const fields = useMemo(
    () => ({
      name: (i: Image) => i.name,
      id: (i: Image) => i.id,
      status: (i: Image) => i.status,
      visibility: (i: Image) => i.visibility,
      kind: (i: Image) => imageKind(i) || 'image',
      type: (i: Image) => imageKind(i) || 'image',
      server: (i: Image) => `${imageServerText(i, serverName)} ${i.instanceUuid ?? ''}`,
      format: (i: Image) => i.diskFormat ?? '',
    }),
    [serverName],
  );
  const haystack = useMemo(
    () => (i: Image) => `${i.name} ${i.id} ${i.status} ${imageKind(i)} ${imageServerText(i, serverName)}`,
    [serverName],
  );
  return (
    <ListScreen<Image>
      {...props}
      title="Images"
      rows={images.data}
      loading={images.loading}
      error={images.error}
      columns={columns}
      keyOf={(i) => i.id}
      filterFields={fields}
      haystack={haystack}
      rowColor={(i) => statusColor(i.status)}
      keymap={IMAGES_KEYS}
      onOpen={(i) => app.navigate({ screen: 'image', id: i.id, name: i.name || i.id })}
      onRefresh={images.reload}
      emptyText="No images."
    />
  );
}
