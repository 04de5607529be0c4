import type { CloudConfig } from '../config/types.js';
import { isRecord, listIn, resourceIn, unexpectedAnswer } from '../session/answerShape.js';
import { ApiError, AuthError } from '../session/errors.js';
import type { HttpClient } from '../session/http.js';
import type { CatalogService, NamedRef, TokenInfo } from './types.js';

/** `https://keystone:5000` or `.../v3/` -> `https://keystone:5000/v3`. */
export function identityV3Url(authUrl: string): string {
  const u = authUrl.replace(/\/+$/, '');
  if (/\/v3$/.test(u)) return u;
  if (/\/v2\.0$/.test(u)) return u.replace(/\/v2\.0$/, '/v3');
  return `${u}/v3`;
}

function domainRef(name?: string, id?: string): { name: string } | { id: string } {
  return id ? { id } : { name: name! };
}

function projectScope(config: CloudConfig): unknown {
  const a = config.auth;
  if (a.projectId) return { project: { id: a.projectId } };
  if (a.projectName) return { project: { name: a.projectName, domain: domainRef(a.projectDomainName, a.projectDomainId) } };
  return undefined;
}

/** Secrets asked for at a prompt: they stay here, in the auth layer, never in the shared CloudConfig. */
export interface PromptedSecrets {
  password?: string;
  applicationCredentialSecret?: string;
}

/** The body of POST /v3/auth/tokens for the configured method (prompted secrets fill in what the config lacks). */
export function buildAuthRequest(config: CloudConfig, prompted: PromptedSecrets = {}): unknown {
  const a = { ...config.auth };
  a.password ??= prompted.password;
  a.applicationCredentialSecret ??= prompted.applicationCredentialSecret;
  let identity: unknown;
  let scope: unknown;
  switch (config.authType) {
    case 'password': {
      const user = a.userId
        ? { id: a.userId, password: a.password }
        : { name: a.username, domain: domainRef(a.userDomainName, a.userDomainId), password: a.password };
      identity = { methods: ['password'], password: { user } };
      scope = projectScope(config);
      break;
    }
    case 'v3applicationcredential': {
      // Application credentials carry their own project scope: Keystone refuses an explicit one.
      const cred: Record<string, unknown> = { secret: a.applicationCredentialSecret };
      if (a.applicationCredentialId) cred.id = a.applicationCredentialId;
      else {
        cred.name = a.applicationCredentialName;
        cred.user = a.userId ? { id: a.userId } : { name: a.username, domain: domainRef(a.userDomainName, a.userDomainId) };
      }
      identity = { methods: ['application_credential'], application_credential: cred };
      break;
    }
    case 'token':
      identity = { methods: ['token'], token: { id: a.token } };
      scope = projectScope(config);
      break;
  }
  return { auth: scope ? { identity, scope } : { identity } };
}

interface KeystoneTokenBody {
  token: {
    expires_at: string;
    issued_at?: string;
    user: NamedRef;
    project?: NamedRef;
    application_credential?: unknown;
    roles?: Array<{ id: string; name: string }>;
    catalog?: CatalogService[];
  };
}

export function parseTokenResponse(tokenHeader: string, body: KeystoneTokenBody): TokenInfo {
  const t = body.token;
  return {
    token: tokenHeader,
    expiresAt: t.expires_at,
    issuedAt: t.issued_at,
    user: t.user,
    project: t.project,
    roles: (t.roles ?? []).map((r) => r.name),
    catalog: (t.catalog ?? []).map((s) => ({
      type: s.type,
      name: s.name,
      endpoints: s.endpoints.map((e) => ({ interface: e.interface, region_id: e.region_id ?? null, region: e.region ?? null, url: e.url })),
    })),
  };
}

/** Authenticates against Keystone v3 and returns the scoped token with its catalog. */
export async function authenticate(http: HttpClient, config: CloudConfig, prompted: PromptedSecrets = {}): Promise<TokenInfo> {
  const url = `${identityV3Url(config.auth.authUrl!)}/auth/tokens`;
  let res;
  try {
    res = await http.send({
      method: 'POST',
      url,
      json: buildAuthRequest(config, prompted),
      headers: { 'content-type': 'application/json' },
      service: 'identity',
    });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)) {
      const hint =
        err.status === 404
          ? `no Keystone v3 at ${url}; check auth_url`
          : config.authType === 'password'
            ? 'check the username, password, domains and project'
            : config.authType === 'token'
              ? 'the token is expired or not valid for that project'
              : 'check the application credential id and secret';
      throw new AuthError(`Authentication failed: ${err.message} (${hint})`, err.status, err.kind, err.requestId, 'POST', url);
    }
    throw err;
  }
  const header = res.headers['x-subject-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) {
    throw new AuthError(
      'Keystone answered without a token (no X-Subject-Token header).',
      res.status,
      'noToken',
      res.requestId,
      'POST',
      url,
    );
  }
  const body = resourceIn(res, 'token', false);
  if (typeof body.expires_at !== 'string' || !isRecord(body.user)) throw unexpectedAnswer(res, 'the token has no expires_at or user');
  const catalog = body.catalog ?? [];
  if (!Array.isArray(catalog) || !catalog.every((s) => isRecord(s) && typeof s.type === 'string' && Array.isArray(s.endpoints))) {
    throw unexpectedAnswer(res, "the token's catalog is not a list of services with endpoints");
  }
  const info = parseTokenResponse(token, { token: body } as unknown as KeystoneTokenBody);
  if (!info.project) {
    throw new AuthError(
      'Keystone gave an unscoped token: set a project (project_name or project_id) that your user has a role on.',
      res.status,
      'unscoped',
      res.requestId,
      'POST',
      url,
    );
  }
  return info;
}

/** GET /v3/auth/projects: the projects this token's user can switch to. */
export async function listMyProjects(http: HttpClient, authUrl: string, token: string): Promise<NamedRef[]> {
  const res = await http.send({
    method: 'GET',
    url: `${identityV3Url(authUrl)}/auth/projects`,
    headers: { 'x-auth-token': token },
    service: 'identity',
  });
  const projects = listIn(res, 'projects') as unknown as Array<NamedRef & { domain_id?: string }>;
  return projects.map((p) => ({ id: p.id, name: p.name, domain: p.domain ?? (p.domain_id ? { id: p.domain_id } : undefined) }));
}
