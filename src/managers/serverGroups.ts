import { listIn, resourceIn } from '../session/answerShape.js';
import { atLeast } from '../session/microversion.js';
import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import type { Resource } from './types.js';
import { requireFieldVersion, seg } from './versionGate.js';

export const SERVER_GROUP_POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const;
export type ServerGroupPolicy = (typeof SERVER_GROUP_POLICIES)[number];

export interface ServerGroup extends Resource {
  /** The one policy (`policies[0]` before 2.64). */
  policy: string;
  /** 2.64: `{ max_server_per_host: N }` for anti-affinity. */
  rules: Record<string, number>;
  /** Server ids. */
  members: string[];
  projectId?: string;
  userId?: string;
  raw: Record<string, unknown>;
}

export interface ServerGroupRequest {
  name: string;
  policy: string;
  /** 2.64+, anti-affinity only. */
  rules?: { max_server_per_host?: number };
}

export function toServerGroup(raw: Record<string, unknown>): ServerGroup {
  const name = String(raw.name ?? '');
  const policies = Array.isArray(raw.policies) ? (raw.policies as string[]) : [];
  return {
    id: String(raw.id),
    name,
    humanId: slugify(name),
    policy: typeof raw.policy === 'string' ? raw.policy : (policies[0] ?? ''),
    rules: raw.rules && typeof raw.rules === 'object' ? { ...(raw.rules as Record<string, number>) } : {},
    members: Array.isArray(raw.members) ? (raw.members as string[]).map(String) : [],
    projectId: raw.project_id as string | undefined,
    userId: raw.user_id as string | undefined,
    raw,
  };
}

/** `{"server_group": ...}`: `policies: [p]` before 2.64, `policy` (+ `rules`) from 2.64; soft policies from 2.15. */
export function buildServerGroup(req: ServerGroupRequest, microversion: string): Record<string, unknown> {
  if (!req.name?.trim()) throw new FieldError('name', 'is required.', 'A server group name');
  if ([...req.name].length > 255)
    throw new FieldError('name', `is ${[...req.name].length} characters long; at most 255 are allowed.`, 'The server group name');
  if (!(SERVER_GROUP_POLICIES as readonly string[]).includes(req.policy)) {
    throw new FieldError('policy', `'${req.policy}' is not one of ${SERVER_GROUP_POLICIES.join(', ')}.`, 'The policy');
  }
  if (req.policy.startsWith('soft-')) requireFieldVersion(microversion, '2.15', 'policy', `The ${req.policy} policy`);
  const rules = req.rules && Object.values(req.rules).some((v) => v !== undefined) ? req.rules : undefined;
  if (rules) {
    requireFieldVersion(microversion, '2.64', 'rules', 'Server group rules');
    if (req.policy !== 'anti-affinity')
      throw new FieldError('rules', `apply to the anti-affinity policy only (not ${req.policy}).`, 'Server group rules');
    const n = rules.max_server_per_host;
    if (n !== undefined && (!Number.isSafeInteger(n) || n < 1))
      throw new FieldError('rules', `max_server_per_host must be a whole number >= 1 (got ${n}).`, 'Server group rules');
  }
  if (atLeast(microversion, '2.64')) {
    return { server_group: { name: req.name, policy: req.policy, ...(rules ? { rules } : {}) } };
  }
  return { server_group: { name: req.name, policies: [req.policy] } };
}

/** Server groups, /os-server-groups. Nova pages them by limit and offset. */
export class ServerGroupManager implements FindSource<ServerGroup> {
  readonly resourceName = 'server group';
  readonly alphanumIds = false;
  constructor(private readonly session: Session) {}

  /** GET /os-server-groups (?all_projects=True for admins), every page (from `offset`, at most `limit` groups). */
  async list(options: { allProjects?: boolean; limit?: number; offset?: number; signal?: AbortSignal } = {}): Promise<ServerGroup[]> {
    const out: ServerGroup[] = [];
    let pageSize: number | undefined;
    for (;;) {
      const want = options.limit !== undefined ? options.limit - out.length : undefined;
      if (want !== undefined && want <= 0) break;
      const res = await this.session.request('compute', 'GET', '/os-server-groups', {
        searchParams: {
          all_projects: options.allProjects ? 'True' : undefined,
          offset: (options.offset ?? 0) + out.length || undefined,
          limit: want,
        },
        signal: options.signal,
      });
      const items = listIn(res, 'server_groups').map(toServerGroup);
      out.push(...items);
      // A page shorter than the first one (which Nova's max_limit may have cut) is the last.
      pageSize ??= items.length;
      if (!items.length || items.length < pageSize) break;
    }
    return options.limit !== undefined ? out.slice(0, options.limit) : out;
  }

  /** GET /os-server-groups/{id}. */
  async get(id: string): Promise<ServerGroup> {
    const res = await this.session.request('compute', 'GET', `/os-server-groups/${seg(id)}`);
    return toServerGroup(resourceIn(res, 'server_group'));
  }

  /** POST /os-server-groups, exactly once (see buildServerGroup). */
  async create(req: ServerGroupRequest): Promise<ServerGroup> {
    const body = buildServerGroup(req, await this.session.computeMicroversion());
    const res = await this.session.request('compute', 'POST', '/os-server-groups', { json: body });
    return toServerGroup(resourceIn(res, 'server_group'));
  }

  /** DELETE /os-server-groups/{id}. */
  async delete(id: string): Promise<void> {
    await this.session.request('compute', 'DELETE', `/os-server-groups/${seg(id)}`);
  }

  listByName(): Promise<ServerGroup[]> {
    return this.list();
  }

  listAll(): Promise<ServerGroup[]> {
    return this.list();
  }

  /** By id, exact name or human id, with novaclient's messages. */
  find(nameOrId: string): Promise<ServerGroup> {
    return findResource(this, nameOrId);
  }
}
