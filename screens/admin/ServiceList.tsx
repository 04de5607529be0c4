import React from 'react';
import type { ComputeService } from '../../src/managers/index.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { listKeymap } from '../app/listKeys.js';
import { age } from '../format.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { useAdminData } from './useAdminData.js';

const COLUMNS: Array<SortableColumn<ComputeService>> = [
  { key: 'binary', title: 'Binary', min: 14, max: 20, priority: 100, value: (s) => s.binary, sortValue: (s) => s.binary },
  { key: 'host', title: 'Host', min: 8, grow: 1, max: 30, priority: 100, value: (s) => s.host, sortValue: (s) => s.host.toLowerCase() },
  { key: 'zone', title: 'Zone', min: 8, max: 20, priority: 50, value: (s) => s.zone ?? '-', sortValue: (s) => s.zone ?? '' },
  { key: 'status', title: 'Status', min: 8, priority: 90, value: (s) => s.status, sortValue: (s) => s.status },
  { key: 'state', title: 'State', min: 5, priority: 95, value: (s) => s.state ?? '-', sortValue: (s) => s.state ?? '' },
  {
    key: 'forced',
    title: 'Forced down',
    min: 11,
    priority: 60,
    value: (s) => (s.forcedDown === undefined ? '-' : s.forcedDown ? 'yes' : 'no'),
    sortValue: (s) => (s.forcedDown ? 0 : 1),
  },
  {
    key: 'updated',
    title: 'Heartbeat',
    min: 9,
    align: 'right',
    priority: 40,
    value: (s) => (s.updatedAt ? age(s.updatedAt.replace(/Z?$/, 'Z')) : '-'),
    sortValue: (s) => -Date.parse(s.updatedAt ?? '0'),
  },
  {
    key: 'reason',
    title: 'Disabled reason',
    min: 8,
    grow: 2,
    priority: 30,
    value: (s) => s.disabledReason ?? '',
    sortValue: (s) => s.disabledReason ?? '',
  },
];

const FIELDS = {
  binary: (s: ComputeService) => s.binary,
  host: (s: ComputeService) => s.host,
  zone: (s: ComputeService) => s.zone ?? '',
  status: (s: ComputeService) => s.status,
  state: (s: ComputeService) => s.state ?? '',
};

const SERVICES_KEYS = listKeymap({
  open: 'service details',
  filter: 'filter (text or field:value: binary:, host:, zone:, status:, state:)',
  refresh: { help: 'refresh', footer: 'refresh' },
});

/** The key of a service: its id, or binary@host for a down cell's (which has none). */
export const serviceKey = (s: ComputeService): string => s.id ?? `${s.binary}@${s.host}`;

/** Nova's services (nova-compute, nova-scheduler, nova-conductor), admin only: up or down, enabled or not, forced down. */
export function ServiceList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const list = useAdminData('services', ':services', (m) => m.computeServices.list());
  return (
    <ListScreen<ComputeService>
      {...props}
      title="Compute services"
      rows={list.data}
      loading={list.loading}
      error={list.error}
      columns={COLUMNS}
      keyOf={serviceKey}
      filterFields={FIELDS}
      haystack={(s) => `${s.binary} ${s.host} ${s.zone ?? ''} ${s.status} ${s.state ?? ''} ${s.disabledReason ?? ''}`}
      rowColor={(s) => (s.state === 'down' || s.forcedDown ? color('red') : s.status !== 'enabled' ? color('gray') : undefined)}
      keymap={SERVICES_KEYS}
      onOpen={(s) => app.navigate({ screen: 'service', service: s })}
      onRefresh={list.reload}
      emptyText="No services."
    />
  );
}
