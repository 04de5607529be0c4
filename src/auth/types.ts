export interface CatalogEndpoint {
  interface: string;
  region_id?: string | null;
  region?: string | null;
  url: string;
}

export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface NamedRef {
  id: string;
  name?: string;
  domain?: { id?: string; name?: string };
}

/** What a Keystone v3 token response gives us, minus nothing we need later. */
export interface TokenInfo {
  token: string;
  expiresAt: string;
  issuedAt?: string;
  user: NamedRef;
  project?: NamedRef;
  roles: string[];
  catalog: CatalogService[];
  /** Negotiated compute version ranges per endpoint URL, saved with the token to spare a request per run. */
  computeVersions?: Record<string, { min: string; max: string }>;
}
