import React, { useMemo } from 'react';
import type { Hypervisor } from '../../src/managers/index.js';
import { useApp, type ScreenProps } from '../app/context.js';
import { ListScreen } from '../app/ListScreen.js';
import { listKeymap } from '../app/listKeys.js';
import { mib } from '../format.js';
import type { SortableColumn } from '../servers/serverColumns.js';
import { color } from '../theme.js';
import { useAdminData } from './useAdminData.js';

const used = (u: number | undefined, total: number | undefined, unit: (n: number) => string = String): string =>
  u === undefined || total === undefined ? '-' : `${unit(u)} / ${unit(total)}`;

const COLUMNS: Array<SortableColumn<Hypervisor>> = [
  {
    key: 'name',
    title: 'Hostname',
    min: 10,
    grow: 2,
    max: 40,
    priority: 100,
    value: (h) => h.name,
    sortValue: (h) => h.name.toLowerCase(),
  },
  { key: 'state', title: 'State', min: 5, priority: 95, value: (h) => h.state, sortValue: (h) => h.state },
  { key: 'status', title: 'Status', min: 8, priority: 90, value: (h) => h.status, sortValue: (h) => h.status },
  {
    key: 'type',
    title: 'Type',
    min: 6,
    max: 12,
    priority: 40,
    value: (h) => h.hypervisorType ?? '-',
    sortValue: (h) => h.hypervisorType ?? '',
  },
  { key: 'ip', title: 'Host IP', min: 15, max: 40, priority: 50, value: (h) => h.hostIp ?? '-', sortValue: (h) => h.hostIp ?? '' },
  {
    key: 'vcpus',
    title: 'vCPUs',
    min: 7,
    align: 'right',
    priority: 60,
    value: (h) => used(h.vcpusUsed, h.vcpus),
    sortValue: (h) => h.vcpusUsed ?? -1,
  },
  {
    key: 'ram',
    title: 'RAM',
    min: 12,
    align: 'right',
    priority: 60,
    value: (h) => used(h.memoryMbUsed, h.memoryMb, mib),
    sortValue: (h) => h.memoryMbUsed ?? -1,
  },
  {
    key: 'vms',
    title: 'VMs',
    min: 3,
    align: 'right',
    priority: 55,
    value: (h) => String(h.runningVms ?? '-'),
    sortValue: (h) => h.runningVms ?? -1,
  },
  { key: 'id', title: 'ID', min: 6, grow: 1, max: 36, priority: 10, value: (h) => h.id, sortValue: (h) => h.id },
];

const COUNTERS = new Set(['vcpus', 'ram', 'vms']);

const FIELDS = {
  name: (h: Hypervisor) => h.name,
  state: (h: Hypervisor) => h.state,
  status: (h: Hypervisor) => h.status,
  type: (h: Hypervisor) => h.hypervisorType ?? '',
  ip: (h: Hypervisor) => h.hostIp ?? '',
};

const HYPERVISORS_KEYS = listKeymap({
  open: 'hypervisor details: resources, uptime, servers',
  filter: 'filter (text or field:value: name:, state:, status:, type:, ip:)',
  refresh: { help: 'refresh', footer: 'refresh' },
});

/** The cloud's hypervisors (compute nodes), admin only: state, status, what is used (before 2.88). */
export function HypervisorList(props: ScreenProps): React.JSX.Element {
  const app = useApp();
  const list = useAdminData('hypervisors', ':hypervisors', (m) => m.hypervisors.list({ detailed: true }));
  // From 2.88 Nova no longer counts vCPUs, RAM and VMs (Placement does): no empty columns for them.
  const counted = list.data?.some((h) => h.vcpus !== undefined) ?? true;
  const columns = useMemo(() => (counted ? COLUMNS : COLUMNS.filter((c) => !COUNTERS.has(c.key))), [counted]);
  return (
    <ListScreen<Hypervisor>
      {...props}
      title="Hypervisors"
      rows={list.data}
      loading={list.loading}
      error={list.error}
      columns={columns}
      keyOf={(h) => h.id}
      filterFields={FIELDS}
      haystack={(h) => `${h.name} ${h.state} ${h.status} ${h.hypervisorType ?? ''} ${h.hostIp ?? ''} ${h.id}`}
      rowColor={(h) => (h.state !== 'up' ? color('red') : h.status !== 'enabled' ? color('gray') : undefined)}
      keymap={HYPERVISORS_KEYS}
      onOpen={(h) => app.navigate({ screen: 'hypervisor', id: h.id, name: h.name })}
      onRefresh={list.reload}
      emptyText="No hypervisors."
    />
  );
}
