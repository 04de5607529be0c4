import React from 'react';
import type { Keypair } from '../../src/managers/types.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { useCachedAsync } from '../hooks/useCachedAsync.js';
import { age } from '../format.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { listKeymap } from '../app/listKeys.js';

const KEYPAIRS_KEYS = listKeymap({
  open: 'key pair details (public key)',
  filter: 'filter',
  refresh: { help: 'refresh', footer: 'refresh' },
});

const COLUMNS: Array<SortableColumn<Keypair>> = [
  { key: 'name', title: 'Name', min: 12, grow: 2, max: 40, priority: 100, value: (k) => k.name, sortValue: (k) => k.name.toLowerCase() },
  { key: 'type', title: 'Type', min: 5, max: 8, priority: 50, value: (k) => k.type, sortValue: (k) => k.type },
  {
    key: 'fingerprint',
    title: 'Fingerprint',
    min: 20,
    grow: 3,
    max: 60,
    priority: 80,
    value: (k) => k.fingerprint,
    sortValue: (k) => k.fingerprint,
  },
  {
    key: 'age',
    title: 'Age',
    min: 4,
    align: 'right',
    priority: 20,
    value: (k) => age(k.createdAt),
    sortValue: (k) => -Date.parse(k.createdAt ?? '0'),
  },
];

/** Key pairs of the user. */
export function KeypairList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const keypairs = useCachedAsync('keypairs', () => app.managers.keypairs.list());
  return (
    <ListScreen<Keypair>
      {...props}
      title="Key pairs"
      rows={keypairs.data}
      loading={keypairs.loading}
      error={keypairs.error}
      columns={COLUMNS}
      keyOf={(k) => k.name}
      filterFields={{ name: (k) => k.name, type: (k) => k.type, fingerprint: (k) => k.fingerprint }}
      haystack={(k) => `${k.name} ${k.type} ${k.fingerprint}`}
      keymap={KEYPAIRS_KEYS}
      onOpen={(k) => app.navigate({ screen: 'keypair', name: k.name })}
      onRefresh={keypairs.reload}
      emptyText="No key pairs. Import one with :keypair-add --pub-key FILE NAME."
    />
  );
}
