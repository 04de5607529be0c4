import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { seg } from './versionGate.js';

/** One quota: the limit (-1 = unlimited) and, from the detail view, what is in use and reserved. */
export interface QuotaItem {
  limit: number;
  inUse?: number;
  reserved?: number;
}

/** A project's compute quotas by resource (instances, cores, ram, key_pairs, server_groups, ...). */
export interface QuotaSet {
  projectId: string;
  quotas: Record<string, QuotaItem>;
  raw: Record<string, unknown>;
}

export function toQuotaSet(raw: Record<string, unknown>, projectId: string): QuotaSet {
  const quotas: Record<string, QuotaItem> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'id') continue;
    if (typeof v === 'number') quotas[k] = { limit: v };
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      quotas[k] = { limit: Number(o.limit ?? -1), inUse: Number(o.in_use ?? 0), reserved: Number(o.reserved ?? 0) };
    }
  }
  return { projectId: String(raw.id ?? projectId), quotas, raw };
}

function project(projectId: string): string {
  if (!projectId?.trim()) throw new FieldError('projectId', 'is required.', 'A project');
  return seg(projectId);
}

/** Compute quotas, /os-quota-sets (another project's only for admins). */
export class QuotaManager {
  constructor(private readonly session: Session) {}

  /** GET /os-quota-sets/{project}: the limits. */
  async get(projectId: string): Promise<QuotaSet> {
    const res = await this.session.request('compute', 'GET', `/os-quota-sets/${project(projectId)}`);
    return toQuotaSet((res.body as { quota_set: Record<string, unknown> }).quota_set, projectId);
  }

  /** GET /os-quota-sets/{project}/detail: limit, in_use and reserved of each resource. */
  async usage(projectId: string): Promise<QuotaSet> {
    const res = await this.session.request('compute', 'GET', `/os-quota-sets/${project(projectId)}/detail`);
    return toQuotaSet((res.body as { quota_set: Record<string, unknown> }).quota_set, projectId);
  }

  /** GET /os-quota-sets/{project}/defaults: the cloud's defaults. */
  async defaults(projectId: string): Promise<QuotaSet> {
    const res = await this.session.request('compute', 'GET', `/os-quota-sets/${project(projectId)}/defaults`);
    return toQuotaSet((res.body as { quota_set: Record<string, unknown> }).quota_set, projectId);
  }
}
