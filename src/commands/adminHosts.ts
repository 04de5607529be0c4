import type { ComputeService, Hypervisor } from '../managers/index.js';
import { ApiError } from '../session/errors.js';
import { adminOnly } from './adminErrors.js';
import { dashIfNone } from './cell.js';
import { parseInteger } from './parse.js';
import type { Cell, CommandResult, CommandSpec } from './types.js';

/**
 * The admin's views of the compute hosts: hypervisors (novaclient's hypervisor-list and
 * hypervisor-show) and the Nova services (service-list: state, status, forced down). Admin-only
 * under Nova's default policy. Numbers stay numbers and a missing value is null for -f json;
 * the fields a microversion no longer has (the counters from 2.88) are left out, not invented.
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const hypervisorListCommand: CommandSpec = {
  name: 'hypervisor-list',
  group: 'cloud',
  summary: 'List hypervisors (compute nodes) (admin)',
  positionals: [],
  options: {
    matching: { type: 'string', help: 'Only hypervisors whose hostname contains this text', valueName: 'HOSTNAME' },
    limit: { type: 'string', help: 'At most this many hypervisors', valueName: 'N' },
  },
  mutating: false,
  examples: ['novash hypervisor-list', 'novash hypervisor-list --matching compute -f json'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const pattern = str(input.options.matching);
    const n = parseInteger(str(input.options.limit), '--limit', 1);
    const list = await adminOnly(m, 'novash hypervisor-list', () => m.hypervisors.list({ detailed: true, pattern, limit: n }));
    return {
      kind: 'table',
      columns: ['ID', 'Hypervisor Hostname', 'Hypervisor Type', 'Host IP', 'State', 'Status'],
      rows: list.map((h) => [h.id, h.hypervisorHostname, orNull(h.hypervisorType), orNull(h.hostIp), h.state, h.status]),
      data: list.map((h) => h.raw),
    };
  },
};

/** hypervisor-show's fields, in Nova's names; only those the cloud's microversion has. */
export function hypervisorFields(h: Hypervisor): Array<[string, Cell]> {
  const fields: Array<[string, Cell]> = [
    ['id', h.id],
    ['hypervisor_hostname', h.hypervisorHostname],
    ['hypervisor_type', orNull(h.hypervisorType)],
    ['hypervisor_version', orNull(h.hypervisorVersion)],
    ['host_ip', orNull(h.hostIp)],
    ['state', h.state],
    ['status', h.status],
    ['service_host', h.service?.host ?? null],
    ['service_id', h.service?.id ?? null],
    ['service_disabled_reason', dashIfNone(h.service?.disabledReason)],
  ];
  const counters: Array<[string, number | null | undefined]> = [
    ['vcpus', h.vcpus],
    ['vcpus_used', h.vcpusUsed],
    ['memory_mb', h.memoryMb],
    ['memory_mb_used', h.memoryMbUsed],
    ['free_ram_mb', h.freeRamMb],
    ['local_gb', h.localGb],
    ['local_gb_used', h.localGbUsed],
    ['free_disk_gb', h.freeDiskGb],
    ['disk_available_least', h.diskAvailableLeast],
    ['running_vms', h.runningVms],
    ['current_workload', h.currentWorkload],
  ];
  for (const [k, v] of counters) if (k in h.raw) fields.push([k, v ?? null]);
  if ('cpu_info' in h.raw) fields.push(['cpu_info', (h.cpuInfo ?? null) as Cell]);
  fields.push(['uptime', dashIfNone(h.uptime)]);
  if (h.servers) fields.push(['servers', h.servers.map((s) => ({ id: s.id, name: s.name }))]);
  return fields;
}

const hypervisorShowCommand: CommandSpec = {
  name: 'hypervisor-show',
  group: 'cloud',
  summary: 'Show a hypervisor: its resources, uptime and servers (admin)',
  positionals: [{ name: 'hypervisor', required: true, help: 'Hypervisor hostname or ID' }],
  options: {},
  mutating: false,
  examples: ['novash hypervisor-show compute1'],
  async run(ctx, input): Promise<CommandResult> {
    const m = await ctx.managers();
    const h = await adminOnly(m, 'novash hypervisor-show', () => m.hypervisors.find(String(input.args.hypervisor), { withServers: true }));
    // Before 2.88 the uptime is its own request, which a driver may not implement (HTTP 501): then none.
    if (!('uptime' in h.raw)) {
      try {
        h.uptime = await m.hypervisors.uptime(h.id);
      } catch (err) {
        if (!(err instanceof ApiError && (err.status === 501 || err.status === 400))) throw err;
        h.uptime = null;
      }
    }
    return { kind: 'record', fields: hypervisorFields(h), data: h.raw };
  },
};

/** service-list's row: novaclient's columns, forced down as a boolean (2.11). */
export function serviceRow(s: ComputeService, forcedDown: boolean): Cell[] {
  const row: Cell[] = [
    s.id ?? null,
    s.binary,
    s.host,
    dashIfNone(s.zone),
    s.status,
    dashIfNone(s.state),
    dashIfNone(s.updatedAt),
    dashIfNone(s.disabledReason),
  ];
  if (forcedDown) row.push(s.forcedDown ?? null);
  return row;
}

const serviceListCommand: CommandSpec = {
  name: 'service-list',
  group: 'cloud',
  summary: 'List the compute services: state (up/down), status (enabled/disabled), forced down (admin)',
  positionals: [],
  options: {
    host: { type: 'string', help: 'Only the services of this host', valueName: 'HOST' },
    binary: { type: 'string', help: 'Only this service (nova-compute, nova-scheduler, nova-conductor)', valueName: 'BINARY' },
  },
  mutating: false,
  examples: ['novash service-list', 'novash service-list --binary nova-compute -f json'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const services = await adminOnly(m, 'novash service-list', () =>
      m.computeServices.list({ host: str(input.options.host), binary: str(input.options.binary) }),
    );
    const forcedDown = services.some((s) => 'forced_down' in s.raw);
    const columns = ['Id', 'Binary', 'Host', 'Zone', 'Status', 'State', 'Updated_at', 'Disabled Reason'];
    return {
      kind: 'table',
      columns: forcedDown ? [...columns, 'Forced down'] : columns,
      rows: services.map((s) => serviceRow(s, forcedDown)),
      data: services.map((s) => s.raw),
    };
  },
};

export const adminHostCommands: CommandSpec[] = [hypervisorListCommand, hypervisorShowCommand, serviceListCommand];
