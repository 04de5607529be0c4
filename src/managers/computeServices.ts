import type { Session } from '../session/session.js';

/** A Nova service (nova-compute, nova-scheduler, nova-conductor) on a host. */
export interface ComputeService {
  /** A uuid from 2.53, an integer (as text) before; absent for a down cell (2.69). */
  id?: string;
  binary: string;
  host: string;
  zone?: string;
  /** enabled / disabled (UNKNOWN for a down cell). */
  status: string;
  /** up / down: the heartbeat. */
  state?: string;
  /** 2.11. */
  forcedDown?: boolean;
  disabledReason?: string | null;
  updatedAt?: string | null;
  raw: Record<string, unknown>;
}

export function toComputeService(raw: Record<string, unknown>): ComputeService {
  return {
    id: raw.id === undefined ? undefined : String(raw.id),
    binary: String(raw.binary ?? ''),
    host: String(raw.host ?? ''),
    zone: raw.zone as string | undefined,
    status: String(raw.status ?? ''),
    state: raw.state as string | undefined,
    forcedDown: raw.forced_down as boolean | undefined,
    disabledReason: raw.disabled_reason as string | null | undefined,
    updatedAt: raw.updated_at as string | null | undefined,
    raw,
  };
}

/** Compute services, GET /os-services (admin only under Nova's default policy). */
export class ComputeServiceManager {
  constructor(private readonly session: Session) {}

  /** GET /os-services?host=&binary=. */
  async list(filters: { host?: string; binary?: string } = {}): Promise<ComputeService[]> {
    const res = await this.session.request('compute', 'GET', '/os-services', {
      searchParams: { host: filters.host, binary: filters.binary },
    });
    return ((res.body as { services?: Array<Record<string, unknown>> }).services ?? []).map(toComputeService);
  }
}
