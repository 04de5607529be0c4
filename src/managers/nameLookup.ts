import type { Managers } from './index.js';
import type { Server } from './types.js';

/**
 * Image names for a set of servers in one Glance request (`id=in:a,b,c`), never one per server.
 * Unknown or unreadable images simply stay unnamed.
 */
export async function imageNamesFor(managers: Managers, servers: Server[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  // Names the image cache knows (any image list, or an earlier lookup here) cost no request: a
  // servers list then prints as soon as Nova has answered.
  let known: Map<string, string>;
  try {
    known = new Map(
      managers.cache
        .read('image')
        .filter((e) => e.name)
        .map((e) => [e.id, e.name]),
    );
  } catch {
    known = new Map();
  }
  const ids = [...new Set(servers.map((s) => s.imageId).filter((id): id is string => !!id))].filter((id) => {
    const name = known.get(id);
    if (name !== undefined) names.set(id, name);
    return name === undefined;
  });
  if (!ids.length) return names;
  try {
    // Keep URLs short: 40 ids of 36 chars a request is ~1.5 KB.
    for (let i = 0; i < ids.length; i += 40) {
      const chunk = ids.slice(i, i + 40);
      const images = await managers.images.list({ properties: { id: `in:${chunk.join(',')}` } });
      for (const img of images) names.set(img.id, img.name);
      managers.cache.add('image', images);
    }
  } catch {
    // Glance down or the filter refused: names are a nicety, the list still shows ids.
  }
  return names;
}

/** Flavor names for servers before 2.47 (whose flavor is only an id): one flavor list. */
export async function flavorNamesFor(managers: Managers, servers: Server[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!servers.some((s) => !s.flavor.name && s.flavor.id)) return names;
  try {
    for (const f of await managers.flavors.list({ visibility: 'all' })) names.set(f.id, f.name);
  } catch {
    // as above
  }
  return names;
}

export function serverImageName(s: Server, names: Map<string, string>): string {
  // Nova sends image "" for a volume-backed server; no image key at all (a down cell) means unknown.
  if (!s.imageId) return s.raw.image === '' ? 'N/A (booted from volume)' : '';
  return names.get(s.imageId) ?? s.imageId;
}

export function serverFlavorName(s: Server, names: Map<string, string>): string {
  return s.flavor.name ?? (s.flavor.id ? (names.get(s.flavor.id) ?? s.flavor.id) : '');
}

export function networksText(s: Server): string {
  const byNet = new Map<string, string[]>();
  for (const a of s.addresses) byNet.set(a.network, [...(byNet.get(a.network) ?? []), a.addr]);
  // As the openstack CLI prints them (osc-lib's format_dict_of_list): networks by name, each
  // one's addresses sorted as text, so the same server reads the same in both.
  return [...byNet]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([net, addrs]) => `${net}=${[...addrs].sort().join(', ')}`)
    .join('; ');
}
