import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { seg } from './versionGate.js';

/** One server's share of a usage report. */
export interface ServerUsage {
  serverId: string;
  name: string;
  flavor: string;
  hours: number;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  state: string;
  startedAt: string;
  endedAt: string | null;
  uptimeSeconds: number;
}

/** A project's usage over a period (Nova's simple tenant usage). */
export interface ProjectUsage {
  projectId: string;
  start: string;
  stop: string;
  totalHours: number;
  /** Hours x GB, hours x MB, hours x vCPUs. */
  totalLocalGbUsage: number;
  totalMemoryMbUsage: number;
  totalVcpusUsage: number;
  /** Per server, when asked for (and always for one project). */
  servers?: ServerUsage[];
}

function toServerUsage(r: Record<string, unknown>): ServerUsage {
  return {
    serverId: String(r.instance_id ?? ''),
    name: String(r.name ?? ''),
    flavor: String(r.flavor ?? ''),
    hours: Number(r.hours ?? 0),
    vcpus: Number(r.vcpus ?? 0),
    memoryMb: Number(r.memory_mb ?? 0),
    localGb: Number(r.local_gb ?? 0),
    state: String(r.state ?? ''),
    startedAt: String(r.started_at ?? ''),
    endedAt: (r.ended_at as string | null | undefined) ?? null,
    uptimeSeconds: Number(r.uptime ?? 0),
  };
}

function toProjectUsage(r: Record<string, unknown>, projectId?: string): ProjectUsage {
  return {
    projectId: String(r.tenant_id ?? projectId ?? ''),
    start: String(r.start ?? ''),
    stop: String(r.stop ?? ''),
    totalHours: Number(r.total_hours ?? 0),
    totalLocalGbUsage: Number(r.total_local_gb_usage ?? 0),
    totalMemoryMbUsage: Number(r.total_memory_mb_usage ?? 0),
    totalVcpusUsage: Number(r.total_vcpus_usage ?? 0),
    servers: Array.isArray(r.server_usages) ? (r.server_usages as Array<Record<string, unknown>>).map(toServerUsage) : undefined,
  };
}

/** From 2.40 Nova pages a report by server: the pages of one project add up. */
function merge(into: ProjectUsage, page: ProjectUsage): void {
  into.totalHours += page.totalHours;
  into.totalLocalGbUsage += page.totalLocalGbUsage;
  into.totalMemoryMbUsage += page.totalMemoryMbUsage;
  into.totalVcpusUsage += page.totalVcpusUsage;
  if (page.servers) into.servers = [...(into.servers ?? []), ...page.servers];
}

/** Nova's time format for start and end: UTC, no zone suffix. */
export function usageTime(d: Date): string {
  return d
    .toISOString()
    .replace(/Z$/, '')
    .replace(/\.(\d{3})$/, '.$1000');
}

function period(start: Date, end: Date): { start: string; end: string } {
  for (const [field, d] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime()))
      throw new FieldError(field, 'is not a valid date and time.', field === 'start' ? 'The start' : 'The end');
  }
  if (start > end) throw new FieldError('start', `(${start.toISOString()}) is after the end (${end.toISOString()}).`, 'The start');
  return { start: usageTime(start), end: usageTime(end) };
}

function nextMarker(body: Record<string, unknown>, key: string): string | undefined {
  const links = body[`${key}_links`];
  if (!Array.isArray(links)) return undefined;
  const next = links.find((l) => (l as { rel?: string }).rel === 'next') as { href?: string } | undefined;
  if (!next?.href) return undefined;
  try {
    return new URL(next.href, 'http://x').searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Simple tenant usage, /os-simple-tenant-usage (all projects: admins only). */
export class UsageManager {
  constructor(private readonly session: Session) {}

  /** GET /os-simple-tenant-usage?start&end[&detailed=1]: every project's usage, pages (2.40) merged per project. */
  async list(start: Date, end: Date, opts: { detailed?: boolean } = {}): Promise<ProjectUsage[]> {
    const p = period(start, end);
    const byProject = new Map<string, ProjectUsage>();
    let marker: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const res = await this.session.request('compute', 'GET', '/os-simple-tenant-usage', {
        searchParams: { ...p, detailed: opts.detailed ? 1 : undefined, marker },
      });
      const body = res.body as Record<string, unknown>;
      const items = ((body.tenant_usages as Array<Record<string, unknown>> | undefined) ?? []).map((r) => toProjectUsage(r));
      for (const u of items) {
        const seen = byProject.get(u.projectId);
        if (seen) merge(seen, u);
        else byProject.set(u.projectId, u);
      }
      marker = nextMarker(body, 'tenant_usages');
      if (!marker || !items.length) break;
    }
    return [...byProject.values()];
  }

  /** GET /os-simple-tenant-usage/{project}?start&end: one project's usage with its servers (pages merged). */
  async get(projectId: string, start: Date, end: Date): Promise<ProjectUsage> {
    if (!projectId?.trim()) throw new FieldError('projectId', 'is required.', 'A project');
    const p = period(start, end);
    let total: ProjectUsage | undefined;
    let marker: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const res = await this.session.request('compute', 'GET', `/os-simple-tenant-usage/${seg(projectId)}`, {
        searchParams: { ...p, marker },
      });
      const body = res.body as Record<string, unknown>;
      const raw = (body.tenant_usage as Record<string, unknown> | undefined) ?? {};
      // A project with no servers in the period: Nova answers an empty object.
      if (!Object.keys(raw).length) break;
      const u = toProjectUsage(raw, projectId);
      if (total) merge(total, u);
      else total = u;
      marker = nextMarker(body, 'tenant_usage');
      if (!marker) break;
    }
    return (
      total ?? {
        projectId,
        start: p.start,
        stop: p.end,
        totalHours: 0,
        totalLocalGbUsage: 0,
        totalMemoryMbUsage: 0,
        totalVcpusUsage: 0,
        servers: [],
      }
    );
  }
}
