import type { Managers } from '../managers/index.js';
import { usableForServers } from '../managers/networks.js';
import type { ServerGroup } from '../managers/serverGroups.js';
import type { AvailabilityZone, Flavor, Image, Keypair, Limits, Network, SecurityGroup } from '../managers/types.js';
import { describeError } from '../session/errors.js';

/**
 * Everything the boot form shows, fetched in parallel once (and again on Ctrl-R). Images and
 * flavors are required; the rest degrade: no limits means no quota checks, no zones means "let
 * Nova choose", no network service means no network or security group choices.
 */
export interface BootData {
  images: Image[];
  flavors: Flavor[];
  limits?: Limits;
  zones: AvailabilityZone[];
  keypairs: Keypair[];
  /** The catalog has a network service (Neutron). */
  hasNetwork: boolean;
  networks: Network[];
  /** Neutron can make a network for `auto` (auto-allocated-topology). */
  autoAllocation: boolean;
  securityGroups: SecurityGroup[];
  /** The project's server groups (empty, with a problem line, when the cloud refuses to list them). */
  serverGroups: ServerGroup[];
  microversion?: string;
  cloudName?: string;
  /** What could not be loaded, as "what: why" lines (shown, not fatal). */
  problems: string[];
}

async function settle<T>(what: string, p: Promise<T>, problems: string[]): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    problems.push(`${what}: ${describeError(err)}`);
    return undefined;
  }
}

export async function loadBootData(managers: Managers): Promise<BootData> {
  const problems: string[] = [];
  const [images, flavors, limits, zones, keypairs, hasNetwork, microversion, info, serverGroups] = await Promise.all([
    managers.images.list({ sortKey: 'name', sortDir: 'asc' }),
    managers.flavors.list(),
    settle('limits (no quota checks)', managers.limits.get(), problems),
    settle('availability zones', managers.zones.list(), problems),
    settle('key pairs', managers.keypairs.list(), problems),
    settle('network service', managers.networks.available(), problems),
    settle('compute microversion', managers.session.computeMicroversion(), problems),
    settle('session', managers.session.info(), problems),
    // A policy may forbid listing them (403): the form then offers no group, and says why.
    settle('server groups', managers.serverGroups.list(), problems),
  ]);
  let networks: Network[] = [];
  let securityGroups: SecurityGroup[] = [];
  let autoAllocation = false;
  if (hasNetwork) {
    const [n, g, a] = await Promise.all([
      settle('networks', managers.networks.list(), problems),
      settle('security groups', managers.networks.securityGroups(info?.projectId), problems),
      settle('network auto-allocation', managers.networks.autoAllocationAvailable(), problems),
    ]);
    networks = (n ?? []).filter(usableForServers);
    securityGroups = g ?? [];
    autoAllocation = a === true;
  }
  return {
    images,
    flavors: [...flavors].sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk || a.name.localeCompare(b.name)),
    limits,
    zones: (zones ?? []).filter((z) => z.available && z.name !== 'internal'),
    keypairs: keypairs ?? [],
    hasNetwork: hasNetwork === true,
    networks,
    autoAllocation,
    securityGroups,
    serverGroups: [...(serverGroups ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    microversion,
    cloudName: managers.session.config.cloudName,
    problems,
  };
}
