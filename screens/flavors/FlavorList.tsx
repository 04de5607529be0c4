import React, { useMemo } from 'react';
import type { Flavor } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { mib } from '../format.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { listKeymap } from '../app/listKeys.js';

const COLUMNS: Array<SortableColumn<Flavor>> = [
  { key: 'name', title: 'Name', min: 10, grow: 3, max: 40, priority: 100, value: (f) => f.name, sortValue: (f) => f.name.toLowerCase() },
  { key: 'id', title: 'ID', min: 6, grow: 1, max: 36, priority: 20, value: (f) => f.id, sortValue: (f) => f.id },
  { key: 'vcpus', title: 'vCPUs', min: 5, align: 'right', priority: 90, value: (f) => String(f.vcpus), sortValue: (f) => f.vcpus },
  { key: 'ram', title: 'RAM', min: 9, align: 'right', priority: 90, value: (f) => mib(f.ram), sortValue: (f) => f.ram },
  { key: 'disk', title: 'Disk', min: 6, align: 'right', priority: 85, value: (f) => `${f.disk} GB`, sortValue: (f) => f.disk },
  {
    key: 'ephemeral',
    title: 'Ephem.',
    min: 6,
    align: 'right',
    priority: 40,
    value: (f) => (f.ephemeral ? `${f.ephemeral} GB` : '0'),
    sortValue: (f) => f.ephemeral,
  },
  {
    key: 'swap',
    title: 'Swap',
    min: 8,
    align: 'right',
    priority: 40,
    value: (f) => (f.swap ? mib(f.swap) : '0'),
    sortValue: (f) => f.swap,
  },
  {
    key: 'public',
    title: 'Public',
    min: 6,
    priority: 70,
    value: (f) => (f.isPublic ? 'yes' : 'no'),
    sortValue: (f) => (f.isPublic ? 0 : 1),
  },
];

export const FLAVOR_FIELDS = {
  name: (f: Flavor) => f.name,
  id: (f: Flavor) => f.id,
  vcpus: (f: Flavor) => String(f.vcpus),
  ram: (f: Flavor) => String(f.ram),
  disk: (f: Flavor) => String(f.disk),
  public: (f: Flavor) => (f.isPublic ? 'yes true public' : 'no false private'),
};

const FLAVORS_KEYS = listKeymap({
  open: 'flavor details, extra specs and the servers using it',
  filter: 'filter (text or field:value: name:, vcpus:, public:)',
  refresh: { help: 'refresh' },
});

/** Flavors: every one the user may use (admins also see private ones). */
export function FlavorList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const flavors = useCachedAsync('flavors', () => app.managers.flavors.list({ visibility: 'all' }));
  const haystack = useMemo(() => (f: Flavor) => `${f.name} ${f.id} ${f.isPublic ? '' : 'private'} ${f.description ?? ''}`, []);
  return (
    <ListScreen<Flavor>
      {...props}
      title="Flavors"
      rows={flavors.data}
      loading={flavors.loading}
      error={flavors.error}
      columns={COLUMNS}
      defaultSort={{ column: 'ram', desc: false }}
      keyOf={(f) => f.id}
      filterFields={FLAVOR_FIELDS}
      haystack={haystack}
      rowColor={(f) => (f.disabled ? color('gray') : f.isPublic ? undefined : color('magenta'))}
      keymap={FLAVORS_KEYS}
      onOpen={(f) => app.navigate({ screen: 'flavor', id: f.id, name: f.name })}
      onRefresh={flavors.reload}
      emptyText="No flavors."
    />
  );
}
