import { NotFoundError } from '../session/errors.js';
import { resourceIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import { listWithNextPath } from './paginate.js';
import type { Network, SecurityGroup } from './types.js';

function toNetwork(raw: Record<string, unknown>): Network {
  const name = String(raw.name ?? '');
  return {
    id: String(raw.id),
    name,
    humanId: slugify(name),
    status: String(raw.status ?? ''),
    shared: raw.shared === true,
    external: raw['router:external'] === true,
    subnets: (raw.subnets as string[]) ?? [],
  };
}

/** A network a server of the project can be attached to (external ones only when shared). */
export function usableForServers(n: Network): boolean {
  return !n.external || n.shared;
}

/** Can `networks: auto` work: a usable network exists, or Neutron can allocate one. */
export function autoNetworkPossible(networks: Network[], autoAllocation: boolean): boolean {
  return autoAllocation || networks.some(usableForServers);
}

/** Networks and security groups from Neutron; only used when the catalog has a network service. */
export class NetworkManager implements FindSource<Network> {
  readonly resourceName = 'network';
  readonly alphanumIds = false;
  constructor(private readonly session: Session) {}

  available(): Promise<boolean> {
    return this.session.hasService('network');
  }

  async list(params: Record<string, string> = {}): Promise<Network[]> {
    const raws = await listWithNextPath<Record<string, unknown>>(this.session, 'network', '/v2.0/networks', 'networks', params);
    return raws.map(toNetwork);
  }

  async get(id: string): Promise<Network> {
    const res = await this.session.request('network', 'GET', `/v2.0/networks/${encodeURIComponent(id)}`);
    return toNetwork(resourceIn(res, 'network'));
  }

  listByName(name: string): Promise<Network[]> {
    return this.list({ name });
  }

  listAll(): Promise<Network[]> {
    return this.list();
  }

  find(nameOrId: string): Promise<Network> {
    return findResource(this, nameOrId);
  }

  /** Neutron's "get me a network" (auto-allocated-topology): what `networks: auto` needs when the project has none. */
  async autoAllocationAvailable(): Promise<boolean> {
    try {
      await this.session.request('network', 'GET', '/v2.0/extensions/auto-allocated-topology');
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  async securityGroups(projectId?: string): Promise<SecurityGroup[]> {
    const raws = await listWithNextPath<Record<string, unknown>>(
      this.session,
      'network',
      '/v2.0/security-groups',
      'security_groups',
      projectId ? { project_id: projectId } : {},
    );
    return raws.map((r) => ({ id: String(r.id), name: String(r.name ?? ''), description: r.description as string | undefined }));
  }
}
