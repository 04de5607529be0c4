import type { CompletionCache } from '../cache/completionCache.js';
import { atLeast } from '../session/microversion.js';
import { bodyObject, resourceIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { slugify } from './humanId.js';
import { listNova } from './paginate.js';
import type { Flavor, ListOptions } from './types.js';

type RawFlavor = Record<string, unknown>;

export function toFlavor(raw: RawFlavor): Flavor {
  const name = String(raw.name ?? '');
  return {
    id: String(raw.id),
    name,
    humanId: slugify(name),
    vcpus: Number(raw.vcpus ?? 0),
    ram: Number(raw.ram ?? 0),
    disk: Number(raw.disk ?? 0),
    ephemeral: Number(raw['OS-FLV-EXT-DATA:ephemeral'] ?? 0),
    // Nova sends "" for no swap before 2.75, 0 after.
    swap: Number(raw.swap || 0),
    isPublic: raw['os-flavor-access:is_public'] !== false,
    disabled: raw['OS-FLV-DISABLED:disabled'] === true,
    rxtxFactor: raw.rxtx_factor as number | undefined,
    description: raw.description as string | null | undefined,
    extraSpecs: raw.extra_specs as Record<string, string> | undefined,
    raw,
  };
}

export type FlavorVisibility = 'public' | 'private' | 'all';

export class FlavorManager implements FindSource<Flavor> {
  readonly resourceName = 'flavor';
  readonly alphanumIds = true;
  constructor(
    private readonly session: Session,
    private readonly cache?: CompletionCache,
  ) {}

  /** GET /flavors/detail. `all` is novaclient's is_public=None (admins see private flavors too). */
  async list(options: ListOptions & { visibility?: FlavorVisibility; minDisk?: number; minRam?: number } = {}): Promise<Flavor[]> {
    const isPublic = options.visibility === 'all' ? 'None' : options.visibility === 'private' ? 'false' : undefined;
    const raws = await listNova<RawFlavor>(
      this.session,
      '/flavors/detail',
      'flavors',
      { is_public: isPublic, minDisk: options.minDisk, minRam: options.minRam },
      options,
    );
    const flavors = raws.map(toFlavor);
    if (options.limit === undefined && options.visibility !== 'private') this.cache?.replace('flavor', flavors);
    return flavors;
  }

  async get(id: string): Promise<Flavor> {
    const res = await this.session.request('compute', 'GET', `/flavors/${encodeURIComponent(id)}`);
    return toFlavor(resourceIn(res, 'flavor'));
  }

  /** Extra specs: embedded in the flavor from 2.61, a separate call before. */
  async extraSpecs(flavor: Flavor): Promise<Record<string, string>> {
    if (flavor.extraSpecs && atLeast(await this.session.computeMicroversion(), '2.61')) return flavor.extraSpecs;
    const res = await this.session.request('compute', 'GET', `/flavors/${encodeURIComponent(flavor.id)}/os-extra_specs`);
    return (bodyObject(res).extra_specs as Record<string, string> | undefined) ?? {};
  }

  listByName(): Promise<Flavor[]> {
    return this.list({ visibility: 'all' });
  }

  listAll(): Promise<Flavor[]> {
    return this.list({ visibility: 'all' });
  }

  cachedIdsForHumanId(humanId: string): string[] {
    return this.cache?.idsForHumanId('flavor', humanId) ?? [];
  }

  find(nameOrId: string): Promise<Flavor> {
    return findResource(this, nameOrId);
  }
}
