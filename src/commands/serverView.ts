import { flavorNamesFor, imageNamesFor, networksText, serverFlavorName, serverImageName } from '../managers/nameLookup.js';
import type { Managers } from '../managers/index.js';
import { POWER_STATES, type Server } from '../managers/types.js';
import type { Cell, CommandResult } from './types.js';

export function powerStateText(s: Server): string {
  return s.powerState === null ? '' : (POWER_STATES[s.powerState] ?? String(s.powerState));
}

/** `list`'s table: novaclient's columns plus the image and flavor names openstack shows. */
export async function serverTable(managers: Managers, servers: Server[], opts: { longColumns?: boolean } = {}): Promise<CommandResult> {
  const [images, flavors] = await Promise.all([imageNamesFor(managers, servers), flavorNamesFor(managers, servers)]);
  const columns = ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks', 'Image', 'Flavor'];
  if (opts.longColumns) columns.push('Availability Zone', 'Host', 'Created');
  const rows: Cell[][] = servers.map((s) => {
    const row: Cell[] = [s.id, s.name, s.status, s.taskState ?? '-', powerStateText(s), networksText(s), serverImageName(s, images), serverFlavorName(s, flavors)];
    if (opts.longColumns) row.push(s.availabilityZone ?? '', s.host ?? '', s.created);
    return row;
  });
  return { kind: 'table', columns, rows, data: servers };
}

/** `show`'s record: every field a user looks for, Nova's own names where it has them. */
export async function serverRecord(managers: Managers, s: Server): Promise<CommandResult> {
  const [images, flavors] = await Promise.all([imageNamesFor(managers, [s]), flavorNamesFor(managers, [s])]);
  const flavorText = s.flavor.name
    ? `${s.flavor.name} (${s.flavor.vcpus} vCPU, ${s.flavor.ram} MiB RAM, ${s.flavor.disk} GB disk)`
    : serverFlavorName(s, flavors);
  const fields: Array<[string, Cell]> = [
    ['id', s.id],
    ['name', s.name],
    ['human_id', s.humanId ?? ''],
    ['status', s.status],
    ['OS-EXT-STS:task_state', s.taskState],
    ['OS-EXT-STS:vm_state', s.vmState ?? ''],
    ['OS-EXT-STS:power_state', powerStateText(s)],
    ['flavor', flavorText],
    ['image', s.imageId ? `${serverImageName(s, images)} (${s.imageId})` : 'N/A (booted from volume)'],
    ['addresses', networksText(s)],
    ['key_name', s.keyName ?? ''],
    ['security_groups', s.securityGroups.join(', ')],
    ['OS-EXT-AZ:availability_zone', s.availabilityZone ?? ''],
    ['locked', s.locked === undefined ? '' : s.locked],
  ];
  if (s.lockedReason) fields.push(['locked_reason', s.lockedReason]);
  if (s.host) fields.push(['OS-EXT-SRV-ATTR:host', s.host]);
  if (s.hypervisorHostname) fields.push(['OS-EXT-SRV-ATTR:hypervisor_hostname', s.hypervisorHostname]);
  fields.push(
    ['progress', s.progress ?? 0],
    ['created', s.created],
    ['updated', s.updated ?? ''],
    ['OS-SRV-USG:launched_at', s.launchedAt ?? ''],
    ['tenant_id', s.tenantId ?? ''],
    ['user_id', s.userId ?? ''],
    ['metadata', s.metadata],
  );
  if (s.description) fields.push(['description', s.description]);
  if (s.tags?.length) fields.push(['tags', s.tags]);
  if (s.volumesAttached.length) fields.push(['volumes_attached', s.volumesAttached]);
  if (s.fault) fields.push(['fault', `${s.fault.code}: ${s.fault.message}`]);
  return { kind: 'record', fields, data: s };
}
