import type { FieldAccessors } from '../../src/app/filter.js';
import { POWER_STATES, type Server } from '../../src/managers/types.js';
import { age } from '../format.js';
import { color, statusColor } from '../theme.js';
import type { FlexColumn } from '../widgets/fitColumns.js';

export interface ServerNames {
  imageNames: ReadonlyMap<string, string>;
  flavorNames: ReadonlyMap<string, string>;
}

export interface SortableColumn<T> extends FlexColumn<T> {
  sortValue: (row: T) => string | number;
}

export function powerText(s: Server): string {
  return s.powerState === null ? '' : (POWER_STATES[s.powerState] ?? String(s.powerState));
}

export function imageText(s: Server, names: ServerNames): string {
  if (!s.imageId) return '(volume)';
  return names.imageNames.get(s.imageId) ?? s.imageId.slice(0, 8);
}

export function flavorText(s: Server, names: ServerNames): string {
  return s.flavor.name ?? (s.flavor.id ? (names.flavorNames.get(s.flavor.id) ?? s.flavor.id) : '');
}

export function addressText(s: Server): string {
  return s.addresses.map((a) => a.addr).join(', ');
}

/** Green running, yellow moving, red broken, grey off: a task in flight turns a row yellow. */
export function serverRowColor(s: Server): string | undefined {
  if (s.taskState && s.status !== 'ERROR') return color('yellow');
  return statusColor(s.status);
}

/** The minimum widths of the columns whose values are worth showing whole. */
export interface WholeWidths {
  name: number;
  status: number;
  task: number;
}

/**
 * Minimums from the longest values, as far as the room beyond 80 columns allows: at 80 columns
 * every column still fits, and wider terminals show whole values first (the status, then the task
 * state, then the names), sharing that room rather than each taking it.
 */
export function wholeValueWidths(servers: readonly Server[], width: number): WholeWidths {
  let room = Math.max(0, width - 80);
  const fit = (value: (s: Server) => string, base: number, cap: number): number => {
    let longest = base;
    for (const s of servers) longest = Math.max(longest, value(s).length);
    const w = Math.min(longest, cap, base + room);
    room -= w - base;
    return w;
  };
  const status = fit((s) => s.status, 11, 17);
  const task = fit((s) => s.taskState ?? '', 8, 20);
  return { status, task, name: fit((s) => s.name, 12, 40) };
}

export function serverColumns(
  names: ServerNames,
  opts: { allTenants: boolean; now?: number; widths?: WholeWidths },
): Array<SortableColumn<Server>> {
  const now = opts.now ?? Date.now();
  const cols: Array<SortableColumn<Server>> = [
    {
      key: 'name',
      title: 'Name',
      min: opts.widths?.name ?? 12,
      grow: 3,
      max: 40,
      priority: 100,
      value: (s) => s.name,
      sortValue: (s) => s.name.toLowerCase(),
    },
    {
      key: 'status',
      title: 'Status',
      min: opts.widths?.status ?? 11,
      grow: 1,
      max: 17,
      priority: 90,
      value: (s) => s.status,
      sortValue: (s) => s.status,
    },
    {
      key: 'task',
      title: 'Task',
      min: opts.widths?.task ?? 8,
      grow: 1,
      max: 20,
      priority: 80,
      value: (s) => s.taskState ?? '',
      sortValue: (s) => s.taskState ?? '',
    },
    { key: 'power', title: 'Power', min: 8, max: 9, grow: 1, priority: 40, value: powerText, sortValue: powerText },
    { key: 'addresses', title: 'Addresses', min: 10, grow: 2, max: 40, priority: 60, value: addressText, sortValue: addressText },
    {
      key: 'flavor',
      title: 'Flavor',
      min: 9,
      grow: 1,
      max: 20,
      priority: 70,
      value: (s) => flavorText(s, names),
      sortValue: (s) => flavorText(s, names),
    },
    {
      key: 'image',
      title: 'Image',
      min: 9,
      grow: 2,
      max: 30,
      priority: 50,
      value: (s) => imageText(s, names),
      sortValue: (s) => imageText(s, names),
    },
    {
      key: 'age',
      title: 'Age',
      min: 4,
      align: 'right',
      priority: 65,
      value: (s) => age(s.created, now),
      sortValue: (s) => -Date.parse(s.created || '0'),
    },
  ];
  if (opts.allTenants) {
    cols.splice(1, 0, {
      key: 'project',
      title: 'Project',
      min: 8,
      max: 32,
      grow: 1,
      priority: 75,
      value: (s) => s.tenantId ?? '',
      sortValue: (s) => s.tenantId ?? '',
    });
  }
  return cols;
}

/** `field:value` names of the servers filter (with aliases). */
export function serverFilterFields(names: ServerNames): FieldAccessors<Server> {
  const f: FieldAccessors<Server> = {
    name: (s) => s.name,
    id: (s) => s.id,
    status: (s) => s.status,
    task: (s) => s.taskState ?? '',
    power: powerText,
    flavor: (s) => flavorText(s, names),
    image: (s) => `${imageText(s, names)} ${s.imageId ?? ''}`,
    ip: addressText,
    host: (s) => `${s.host ?? ''} ${s.hypervisorHostname ?? ''}`,
    az: (s) => s.availabilityZone ?? '',
    project: (s) => s.tenantId ?? '',
    key: (s) => s.keyName ?? '',
    net: (s) => s.addresses.map((a) => a.network).join(' '),
  };
  return { ...f, addr: f.ip!, address: f.ip!, addresses: f.ip!, tenant: f.project!, keypair: f.key!, network: f.net!, state: f.status! };
}

export function serverHaystack(names: ServerNames): (s: Server) => string {
  return (s) =>
    [s.name, s.id, s.status, s.taskState ?? '', addressText(s), flavorText(s, names), imageText(s, names), s.keyName ?? ''].join(' ');
}
