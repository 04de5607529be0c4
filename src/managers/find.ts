import { NotFoundError, ResolveError } from '../session/errors.js';
import { slugify } from './humanId.js';
import type { Resource } from './types.js';

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function looksLikeUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** What find needs from a manager. */
export interface FindSource<T extends Resource> {
  /** "server", "flavor", "image": used in novaclient's messages. */
  readonly resourceName: string;
  /** Flavors and key pairs may have ids that are neither integers nor UUIDs. */
  readonly alphanumIds: boolean;
  get(id: string): Promise<T>;
  /** Candidates for an exact name: may use a server-side filter, must include every exact match. */
  listByName(name: string): Promise<T[]>;
  listAll(): Promise<T[]>;
  /** Ids the completion cache maps this human_id to: a shortcut that is verified, never trusted. */
  cachedIdsForHumanId?(humanId: string): string[];
}

async function tryGet<T extends Resource>(source: FindSource<T>, id: string): Promise<T | undefined> {
  try {
    return await source.get(id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    // Nova answers 400 for a malformed id on some resources: that just means "not an id".
    if (err instanceof Error && 'status' in err && (err as { status: number }).status === 400) return undefined;
    throw err;
  }
}

function pickOne<T extends Resource>(source: FindSource<T>, matches: T[], nameOrId: string): T | undefined {
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new ResolveError(`Multiple ${source.resourceName} matches found for '${nameOrId}', use an ID to be more specific.`, 'multiple');
  }
  return undefined;
}

/**
 * novaclient's find_resource: integer id, then UUID, then (where allowed) any id,
 * then exact name, then human_id. Same messages for no match and several matches.
 */
export async function findResource<T extends Resource>(source: FindSource<T>, nameOrId: string): Promise<T> {
  const value = nameOrId.trim();
  if (!value) throw new ResolveError(`A ${source.resourceName} name or ID is required.`, 'none');
  if (/^\d+$/.test(value) || looksLikeUuid(value) || source.alphanumIds) {
    const byId = await tryGet(source, value);
    if (byId) return byId;
  }
  const byName = pickOne(
    source,
    (await source.listByName(value)).filter((r) => r.name === value),
    value,
  );
  if (byName) return byName;

  const slug = value;
  const cachedIds = source.cachedIdsForHumanId?.(slug) ?? [];
  if (cachedIds.length === 1) {
    const hit = await tryGet(source, cachedIds[0]!);
    if (hit && slugify(hit.name) === slug) {
      // The cache may be missing a newer namesake: only a full list can prove uniqueness,
      // so a cached hit is accepted only when the cache itself holds one entry for it.
      return hit;
    }
  }
  const byHuman = pickOne(
    source,
    (await source.listAll()).filter((r) => r.humanId === slug),
    value,
  );
  if (byHuman) return byHuman;
  throw new ResolveError(`No ${source.resourceName} with a name or ID of '${value}' exists.`, 'none');
}
