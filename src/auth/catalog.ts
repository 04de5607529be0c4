import type { CatalogService } from './types.js';

export class EndpointNotFoundError extends Error {
  override name = 'EndpointNotFoundError';
}

/** Picks the endpoint URL of a service type for an interface and (optional) region, as keystoneauth does. */
export function findEndpoint(catalog: CatalogService[], serviceType: string, iface: string, region?: string): string {
  const services = catalog.filter((s) => s.type === serviceType);
  for (const service of services) {
    for (const ep of service.endpoints) {
      if (ep.interface !== iface) continue;
      if (region && ep.region_id !== region && ep.region !== region) continue;
      return ep.url.replace(/\/+$/, '');
    }
  }
  const seen = services.flatMap((s) => s.endpoints.map((e) => `${e.interface}@${e.region_id ?? e.region ?? '-'}`));
  throw new EndpointNotFoundError(
    `No ${serviceType} endpoint for interface '${iface}'${region ? ` in region '${region}'` : ''} in the service catalog` +
      (seen.length
        ? ` (it has: ${seen.join(', ')}); check --os-interface / --os-region-name.`
        : '; the cloud does not offer this service to you.'),
  );
}

export function hasService(catalog: CatalogService[], serviceType: string): boolean {
  return catalog.some((s) => s.type === serviceType && s.endpoints.length > 0);
}

/** Region names in the catalog, for the app's header and the region switcher. */
export function regionsOf(catalog: CatalogService[]): string[] {
  const set = new Set<string>();
  for (const s of catalog) for (const e of s.endpoints) if (e.region_id ?? e.region) set.add((e.region_id ?? e.region)!);
  return [...set].sort();
}
