import { isRecord, resourceIn, unexpectedAnswer } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import type { AbsoluteLimit, Limits } from './types.js';

export function absolute(max: number | undefined, used: number | undefined): AbsoluteLimit {
  const m = max ?? -1;
  const u = used ?? 0;
  return { max: m, used: u, remaining: m < 0 ? Infinity : Math.max(0, m - u) };
}

export function toLimits(raw: Record<string, number>): Limits {
  return {
    instances: absolute(raw.maxTotalInstances, raw.totalInstancesUsed),
    cores: absolute(raw.maxTotalCores, raw.totalCoresUsed),
    ram: absolute(raw.maxTotalRAMSize, raw.totalRAMUsed),
    keypairs: absolute(raw.maxTotalKeypairs, undefined),
    serverGroups: absolute(raw.maxServerGroups, raw.totalServerGroupsUsed),
    serverMeta: raw.maxServerMeta ?? -1,
    raw,
  };
}

export class LimitsManager {
  constructor(private readonly session: Session) {}

  async get(options: { tenantId?: string; signal?: AbortSignal } = {}): Promise<Limits> {
    const res = await this.session.request('compute', 'GET', '/limits', {
      searchParams: { tenant_id: options.tenantId },
      signal: options.signal,
    });
    const { absolute } = resourceIn(res, 'limits', false);
    // Without it every quota would read "unlimited": an error instead.
    if (!isRecord(absolute)) throw unexpectedAnswer(res, '"limits" has no "absolute" object');
    return toLimits(absolute as Record<string, number>);
  }
}
