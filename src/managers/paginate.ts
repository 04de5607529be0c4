import type { ServiceType, Session } from '../session/session.js';

type Params = Record<string, string | number | boolean | undefined>;

function nextMarker(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const next = links.find((l) => l && (l as { rel?: string }).rel === 'next') as { href?: string } | undefined;
  if (!next?.href) return undefined;
  try {
    return new URL(next.href, 'http://x').searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lists a Nova collection, following `<key>_links` rel=next by marker until done or `limit` items.
 * The marker is re-applied to our own endpoint: the link's host may be one we cannot reach.
 */
export async function listNova<T>(
  session: Session,
  path: string,
  key: string,
  params: Params = {},
  options: { limit?: number; signal?: AbortSignal; pageSize?: number } = {},
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const remaining = options.limit !== undefined ? options.limit - out.length : undefined;
    const pageLimit = remaining !== undefined ? Math.min(remaining, options.pageSize ?? 1000) : options.pageSize;
    const res = await session.request('compute', 'GET', path, {
      searchParams: { ...params, limit: pageLimit, marker },
      signal: options.signal,
    });
    const body = res.body as Record<string, unknown>;
    const items = (body[key] as T[] | undefined) ?? [];
    out.push(...items);
    marker = nextMarker(body[`${key}_links`]);
    if (!marker || items.length === 0) break;
    if (options.limit !== undefined && out.length >= options.limit) break;
  }
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}

/** Lists a Glance/Neutron-style collection: the body's `next` is a path (Glance) or `<key>_links` (Neutron). */
export async function listWithNextPath<T>(
  session: Session,
  service: ServiceType,
  path: string,
  key: string,
  params: Params = {},
  options: { limit?: number; signal?: AbortSignal; pageSize?: number } = {},
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const remaining = options.limit !== undefined ? options.limit - out.length : undefined;
    const pageLimit = remaining !== undefined ? Math.min(remaining, options.pageSize ?? 1000) : options.pageSize;
    const res = await session.request(service, 'GET', path, { searchParams: { ...params, limit: pageLimit, marker }, signal: options.signal });
    const body = res.body as Record<string, unknown>;
    const items = (body[key] as T[] | undefined) ?? [];
    out.push(...items);
    const next = typeof body.next === 'string' ? body.next : undefined;
    marker = next ? (new URL(next, 'http://x').searchParams.get('marker') ?? undefined) : nextMarker(body[`${key}_links`]);
    if (!marker || items.length === 0) break;
    if (options.limit !== undefined && out.length >= options.limit) break;
  }
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}
