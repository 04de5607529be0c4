import { flavorNamesFor, imageNamesFor, networksText, serverFlavorName, serverImageName } from '../managers/nameLookup.js';
import type { Managers } from '../managers/index.js';
import { POWER_STATES, type Server } from '../managers/types.js';
import { dashIfNone, powerStateCell, shown } from './cell.js';
import type { Cell, CommandResult } from './types.js';

export function powerStateText(s: Server): string {
  return s.powerState === null ? '' : (POWER_STATES[s.powerState] ?? String(s.powerState));
}

/** Addresses by network, as Nova lists them: {"private": ["10.0.0.3", ...]}; in a table net=ip, ip; net2=ip. */
function addressesCell(s: Server): Cell {
  const byNet: Record<string, string[]> = {};
  for (const a of s.addresses) (byNet[a.network] ??= []).push(a.addr);
  return shown(byNet, networksText(s));
}

/** The image name (or id when Glance does not name it); null when there is none (booted from a volume). */
function imageNameCell(s: Server, names: Map<string, string>): Cell {
  const text = serverImageName(s, names);
  return s.imageId ? text : shown(null, text);
}

function nullIfEmpty(v: string | null | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}

/** `list`'s table: novaclient's columns plus the image and flavor names openstack shows. */
export async function serverTable(managers: Managers, servers: Server[], opts: { longColumns?: boolean } = {}): Promise<CommandResult> {
  const [images, flavors] = await Promise.all([imageNamesFor(managers, servers), flavorNamesFor(managers, servers)]);
  const columns = ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks', 'Image', 'Flavor'];
  if (opts.longColumns) columns.push('Availability Zone', 'Host', 'Created');
  const rows: Cell[][] = servers.map((s) => {
    const row: Cell[] = [
      s.id,
      s.name,
      s.status,
      dashIfNone(s.taskState),
      powerStateCell(s.powerState),
      addressesCell(s),
      imageNameCell(s, images),
      nullIfEmpty(serverFlavorName(s, flavors)),
    ];
    if (opts.longColumns) row.push(s.availabilityZone ?? null, s.host ?? null, s.created);
    return row;
  });
  return { kind: 'table', columns, rows, data: servers };
}

/** The flavor as the server holds it (the embedded copy from 2.47, else its id and looked-up name). */
function flavorCell(s: Server, names: Map<string, string>): Cell {
  const f = s.flavor;
  const value: Record<string, unknown> = {};
  if (f.id !== undefined) value.id = f.id;
  const name = f.name ?? (f.id ? names.get(f.id) : undefined);
  if (name !== undefined) value.name = name;
  for (const k of ['vcpus', 'ram', 'disk', 'ephemeral', 'swap'] as const) if (f[k] !== undefined) value[k] = f[k];
  if (f.extraSpecs) value.extra_specs = f.extraSpecs;
  const text = f.name ? `${f.name} (${f.vcpus} vCPU, ${f.ram} MiB RAM, ${f.disk} GB disk)` : serverFlavorName(s, names);
  return shown(value, text);
}

/** The image as {id, name}; null when the server was booted from a volume (or a down cell does not say). */
function imageCell(s: Server, names: Map<string, string>): Cell {
  if (!s.imageId) return shown(null, serverImageName(s, names));
  const name = names.get(s.imageId);
  return shown({ id: s.imageId, ...(name !== undefined ? { name } : {}) }, `${serverImageName(s, names)} (${s.imageId})`);
}

/** `show`'s record: every field a user looks for, Nova's own names where it has them. */
export async function serverRecord(managers: Managers, s: Server): Promise<CommandResult> {
  const [images, flavors] = await Promise.all([imageNamesFor(managers, [s]), flavorNamesFor(managers, [s])]);
  const fields: Array<[string, Cell]> = [
    ['id', s.id],
    ['name', s.name],
    ['human_id', s.humanId ?? null],
    ['status', s.status],
    ['OS-EXT-STS:task_state', s.taskState],
    ['OS-EXT-STS:vm_state', s.vmState ?? null],
    ['OS-EXT-STS:power_state', powerStateCell(s.powerState)],
    ['flavor', flavorCell(s, flavors)],
    ['image', imageCell(s, images)],
    ['addresses', addressesCell(s)],
    ['key_name', s.keyName ?? null],
    ['security_groups', s.securityGroups],
    ['OS-EXT-AZ:availability_zone', s.availabilityZone ?? null],
    ['locked', s.locked ?? null],
  ];
  if (s.lockedReason) fields.push(['locked_reason', s.lockedReason]);
  if (s.host) fields.push(['OS-EXT-SRV-ATTR:host', s.host]);
  if (s.hypervisorHostname) fields.push(['OS-EXT-SRV-ATTR:hypervisor_hostname', s.hypervisorHostname]);
  fields.push(
    ['progress', s.progress ?? null],
    ['created', s.created],
    ['updated', s.updated ?? null],
    ['OS-SRV-USG:launched_at', s.launchedAt ?? null],
    ['tenant_id', s.tenantId ?? null],
    ['user_id', s.userId ?? null],
    ['metadata', s.metadata],
  );
  if (s.description) fields.push(['description', s.description]);
  if (s.tags?.length) fields.push(['tags', s.tags]);
  if (s.volumesAttached.length) fields.push(['volumes_attached', s.volumesAttached]);
  if (s.fault) fields.push(['fault', shown({ ...s.fault }, `${s.fault.code}: ${s.fault.message}`)]);
  return { kind: 'record', fields, data: s };
}
