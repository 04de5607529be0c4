import { ResolveError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { listNova } from './paginate.js';
import type { Resource } from './types.js';
import { seg } from './versionGate.js';

/** A hypervisor (compute node). The resource counters are gone from 2.88 (Placement has them). */
export interface Hypervisor extends Resource {
  /** A uuid from 2.53, an integer (as text) before. */
  id: string;
  /** hypervisor_hostname. */
  name: string;
  hypervisorHostname: string;
  state: string;
  status: string;
  hostIp?: string;
  hypervisorType?: string;
  hypervisorVersion?: number;
  service?: { host: string; id: string; disabledReason: string | null };
  vcpus?: number;
  vcpusUsed?: number;
  memoryMb?: number;
  memoryMbUsed?: number;
  localGb?: number;
  localGbUsed?: number;
  freeRamMb?: number;
  freeDiskGb?: number;
  runningVms?: number;
  currentWorkload?: number;
  diskAvailableLeast?: number | null;
  /** A JSON object from 2.28 (a JSON string before, parsed here). */
  cpuInfo?: unknown;
  /** In the show from 2.88; GET .../uptime before. */
  uptime?: string | null;
  /** With withServers (2.53) or the /servers route before. */
  servers?: Array<{ id: string; name: string }>;
  raw: Record<string, unknown>;
}

const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function toHypervisor(raw: Record<string, unknown>): Hypervisor {
  const svc = raw.service as Record<string, unknown> | undefined;
  let cpuInfo = raw.cpu_info;
  if (typeof cpuInfo === 'string') {
    try {
      cpuInfo = JSON.parse(cpuInfo);
    } catch {
      // not JSON: keep the text
    }
  }
  const name = String(raw.hypervisor_hostname ?? '');
  return {
    id: String(raw.id),
    name,
    hypervisorHostname: name,
    state: String(raw.state ?? ''),
    status: String(raw.status ?? ''),
    hostIp: raw.host_ip as string | undefined,
    hypervisorType: raw.hypervisor_type as string | undefined,
    hypervisorVersion: n(raw.hypervisor_version),
    service: svc
      ? {
          host: String(svc.host ?? ''),
          id: String(svc.id ?? ''),
          disabledReason: (svc.disabled_reason as string | null | undefined) ?? null,
        }
      : undefined,
    vcpus: n(raw.vcpus),
    vcpusUsed: n(raw.vcpus_used),
    memoryMb: n(raw.memory_mb),
    memoryMbUsed: n(raw.memory_mb_used),
    localGb: n(raw.local_gb),
    localGbUsed: n(raw.local_gb_used),
    freeRamMb: n(raw.free_ram_mb),
    freeDiskGb: n(raw.free_disk_gb),
    runningVms: n(raw.running_vms),
    currentWorkload: n(raw.current_workload),
    diskAvailableLeast: (raw.disk_available_least as number | null | undefined) ?? undefined,
    cpuInfo: cpuInfo === undefined ? undefined : cpuInfo,
    uptime: raw.uptime as string | null | undefined,
    servers: Array.isArray(raw.servers)
      ? (raw.servers as Array<Record<string, unknown>>).map((s) => ({ id: String(s.uuid), name: String(s.name ?? '') }))
      : undefined,
    raw,
  };
}

export interface HypervisorListOptions {
  /** GET .../detail: every field (2.88: the same few as the list plus host_ip, service, uptime). */
  detailed?: boolean;
  /** hypervisor_hostname_pattern (2.53), /{pattern}/search before. A substring of the hostname. */
  pattern?: string;
  /** with_servers (2.53), /{pattern}/servers before (which needs a pattern; '' matches all). */
  withServers?: boolean;
  limit?: number;
}

/** Hypervisors, /os-hypervisors (admin only under Nova's default policy). */
export class HypervisorManager {
  constructor(private readonly session: Session) {}

  /** GET /os-hypervisors[/detail] (paged from 2.33), or before 2.53 /os-hypervisors/{pattern}/search|servers. */
  async list(opts: HypervisorListOptions = {}): Promise<Hypervisor[]> {
    const mv = await this.session.computeMicroversion();
    if (!atLeast(mv, '2.53') && (opts.pattern !== undefined || opts.withServers)) {
      // The old routes take the pattern in the path and answer the short form only.
      const route = opts.withServers ? 'servers' : 'search';
      const res = await this.session.request('compute', 'GET', `/os-hypervisors/${seg(opts.pattern ?? '')}/${route}`);
      const list = ((res.body as { hypervisors?: Array<Record<string, unknown>> }).hypervisors ?? []).map(toHypervisor);
      return opts.limit !== undefined ? list.slice(0, opts.limit) : list;
    }
    const params = { hypervisor_hostname_pattern: opts.pattern, with_servers: opts.withServers ? 'true' : undefined };
    const raws = await listNova<Record<string, unknown>>(
      this.session,
      opts.detailed ? '/os-hypervisors/detail' : '/os-hypervisors',
      'hypervisors',
      params,
      atLeast(mv, '2.33') ? { limit: opts.limit } : {},
    );
    const list = raws.map(toHypervisor);
    return opts.limit !== undefined ? list.slice(0, opts.limit) : list;
  }

  /** GET /os-hypervisors/{id} (?with_servers=true from 2.53). */
  async get(id: string, opts: { withServers?: boolean } = {}): Promise<Hypervisor> {
    const mv = await this.session.computeMicroversion();
    const res = await this.session.request('compute', 'GET', `/os-hypervisors/${seg(id)}`, {
      searchParams: { with_servers: opts.withServers && atLeast(mv, '2.53') ? 'true' : undefined },
    });
    return toHypervisor((res.body as { hypervisor: Record<string, unknown> }).hypervisor);
  }

  /** The uptime: in the show from 2.88, GET /os-hypervisors/{id}/uptime before. */
  async uptime(id: string): Promise<string | null> {
    const mv = await this.session.computeMicroversion();
    if (atLeast(mv, '2.88')) return (await this.get(id)).uptime ?? null;
    const res = await this.session.request('compute', 'GET', `/os-hypervisors/${seg(id)}/uptime`);
    return ((res.body as { hypervisor?: { uptime?: string | null } }).hypervisor?.uptime ?? null) as string | null;
  }

  /** By id (uuid or integer), else by exact hypervisor_hostname, with novaclient-style messages. */
  async find(nameOrId: string, opts: { withServers?: boolean } = {}): Promise<Hypervisor> {
    const value = nameOrId.trim();
    if (!value) throw new ResolveError('A hypervisor name or ID is required.', 'none');
    const all = await this.list();
    const byId = all.find((h) => h.id === value);
    const byName = all.filter((h) => h.hypervisorHostname === value);
    const hit = byId ?? (byName.length === 1 ? byName[0] : undefined);
    if (!hit && byName.length > 1)
      throw new ResolveError(`Multiple hypervisor matches found for '${value}', use an ID to be more specific.`, 'multiple');
    if (!hit) throw new ResolveError(`No hypervisor with a name or ID of '${value}' exists.`, 'none');
    return this.get(hit.id, opts);
  }
}
