import { type ItemIdentity, listIn } from '../session/answerShape.js';
import type { HttpResponse } from '../session/http.js';
import type { ServiceType, Session } from '../session/session.js';

type Params = Record<string, string | number | boolean | undefined>;
type Body = Record<string, unknown>;

function markerOf(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, 'http://x').searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Nova and Neutron: `<key>_links` with rel=next. */
function linksMarker(body: Body, key: string): string | undefined {
  const links = body[`${key}_links`];
  if (!Array.isArray(links)) return undefined;
  const next = links.find((l) => l && (l as { rel?: string }).rel === 'next') as { href?: string } | undefined;
  return markerOf(next?.href);
}

/** Glance: a `next` path in the body. */
function nextPathMarker(body: Body, key: string): string | undefined {
  return typeof body.next === 'string' ? markerOf(body.next) : linksMarker(body, key);
}

export interface PageOptions<T = unknown> {
  limit?: number;
  signal?: AbortSignal;
  pageSize?: number;
  /** What identifies an item (default its id), and the key items are wrapped in (Nova's `{"keypair": {...}}`). */
  identity?: ItemIdentity;
  nested?: string;
  /** The size of the first page, when it should come sooner than the rest (the app's first screen). */
  firstPageSize?: number;
  /** Each page as it arrives, with its response (headers, body): a throw stops the listing. */
  onPage?: (items: T[], response: HttpResponse) => void;
}

/**
 * Lists a collection page by page until done or `limit` items. The marker is re-applied to our
 * own endpoint: the link's host may be one we cannot reach.
 */
async function listPaged<T>(
  session: Session,
  service: ServiceType,
  path: string,
  key: string,
  params: Params,
  options: PageOptions<T>,
  nextMarker: (body: Body, key: string) => string | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const remaining = options.limit !== undefined ? options.limit - out.length : undefined;
    const size = out.length === 0 && options.firstPageSize !== undefined ? options.firstPageSize : options.pageSize;
    const pageLimit = remaining !== undefined ? Math.min(remaining, size ?? 1000) : size;
    const res = await session.request(service, 'GET', path, {
      searchParams: { ...params, limit: pageLimit, marker },
      signal: options.signal,
    });
    // A page without its list (HTML from a proxy, a wrong shape) is an error, never "no items".
    const items = listIn(res, key, options.identity, options.nested) as T[];
    const body = res.body as Body;
    for (const item of items) out.push(item);
    options.onPage?.(items, res);
    marker = nextMarker(body, key);
    if (!marker || items.length === 0) break;
    if (options.limit !== undefined && out.length >= options.limit) break;
  }
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}

/** A Nova collection (`<key>_links` rel=next). */
export function listNova<T>(session: Session, path: string, key: string, params: Params = {}, options: PageOptions<T> = {}): Promise<T[]> {
  return listPaged<T>(session, 'compute', path, key, params, options, linksMarker);
}

/** A Glance (`next` path) or Neutron (`<key>_links`) collection. */
export function listWithNextPath<T>(
  session: Session,
  service: ServiceType,
  path: string,
  key: string,
  params: Params = {},
  options: PageOptions<T> = {},
): Promise<T[]> {
  return listPaged<T>(session, service, path, key, params, options, nextPathMarker);
}
