import { type PromptedSecrets, authenticate } from '../auth/keystone.js';
import { underLoginLock } from '../auth/loginLock.js';
import { findEndpoint, hasService } from '../auth/catalog.js';
import { TokenCache, tokenCacheKey } from '../auth/tokenCache.js';
import type { TokenInfo } from '../auth/types.js';
import { ConfigError } from '../config/errors.js';
import { whereToSet } from '../config/resolve.js';
import type { CloudConfig } from '../config/types.js';
import { resourceIn } from './answerShape.js';
import { ApiError, AuthError } from './errors.js';
import { HttpClient, type HttpOptions, type HttpRequest, type HttpResponse } from './http.js';
import { chooseMicroversion, microversionHeaders, versionDocumentUrl, type VersionRange } from './microversion.js';

export type ServiceType = 'compute' | 'image' | 'network' | 'identity';

export interface RequestOptions {
  json?: unknown;
  body?: Buffer | string;
  searchParams?: HttpRequest['searchParams'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface SessionOptions extends HttpOptions {
  tokenCache?: TokenCache;
  /** Asks the user for a secret when none is configured and no cached token can stand in. */
  promptSecret?: (question: string) => Promise<string>;
  /** Counts Keystone logins: the app shows it, tests and benchmarks read it. */
  onLogin?: () => void;
}

/** Everything the header of the app shows. */
export interface SessionInfo {
  cloud?: string;
  region?: string;
  project?: string;
  projectId?: string;
  user?: string;
  userId?: string;
  roles: string[];
  microversion?: string;
}

/** A 401 within this time of the last re-login is reported as it is, without logging in again. */
const RELOGIN_INTERVAL_MS = 60_000;

/**
 * The HTTP session of one cloud: finds endpoints in the catalog, keeps the token (on disk
 * between runs), negotiates the compute microversion once, re-authenticates once on a 401.
 */
export class Session {
  readonly http: HttpClient;
  private token?: TokenInfo;
  private tokenPromise?: Promise<TokenInfo>;
  private microversion?: string;
  private microversionPromise?: Promise<string>;
  private readonly tokenCache: TokenCache;
  private readonly cacheKey: string;
  /** What the user typed at a prompt: kept here for a re-login, never written into `config`. */
  private readonly prompted: PromptedSecrets = {};
  /** When a 401 last made this session log in again (Date.now()). */
  private reloginAt?: number;

  constructor(
    readonly config: CloudConfig,
    private readonly options: SessionOptions = {},
  ) {
    this.http = new HttpClient({ ...options, cacert: config.cacert, insecure: config.insecure, secrets: () => this.secrets() });
    this.tokenCache = options.tokenCache ?? new TokenCache();
    this.cacheKey = tokenCacheKey(config);
  }

  /** Every secret in play, configured or prompted: what no log line or message may show. */
  secrets(): string[] {
    const a = this.config.auth;
    const tokens = [this.token?.token];
    return [
      a.password,
      a.applicationCredentialSecret,
      a.token,
      this.prompted.password,
      this.prompted.applicationCredentialSecret,
      ...tokens,
    ].filter((s): s is string => !!s);
  }

  /** The cloud's clock at its last compute answer (its Date header): what `changes-since` should count from. */
  get lastServerDate(): Date | undefined {
    return this.http.serverDate('compute');
  }

  /** The cloud's clock at the last answer of one of its services. */
  serverDate(service: ServiceType): Date | undefined {
    return this.http.serverDate(service);
  }

  /**
   * The current token: from memory, else the disk cache, else a fresh Keystone login — one for
   * all the processes that need it at once (the others wait for it under a lock and read it).
   */
  async getToken(): Promise<TokenInfo> {
    if (this.token) return this.token;
    this.tokenPromise ??= (async () => {
      const cached = () => this.tokenCache.get(this.cacheKey);
      const info = (await cached()) ?? (await underLoginLock(this.tokenCache.lockPath(this.cacheKey), cached, () => this.login()));
      this.token = info;
      return info;
    })().finally(() => {
      this.tokenPromise = undefined;
    });
    return this.tokenPromise;
  }

  private async login(): Promise<TokenInfo> {
    const config = this.config;
    const where = { name: config.cloudName, file: config.sourceFile };
    if (config.authType === 'password' && !config.auth.password && !this.prompted.password) {
      if (!this.options.promptSecret) throw new ConfigError(`Missing password: set ${whereToSet('password', where)}.`);
      const who = config.auth.username ?? config.auth.userId;
      this.prompted.password = await this.options.promptSecret(`Password for ${who}${config.cloudName ? ` on ${config.cloudName}` : ''}: `);
    }
    if (
      config.authType === 'v3applicationcredential' &&
      !config.auth.applicationCredentialSecret &&
      !this.prompted.applicationCredentialSecret
    ) {
      if (!this.options.promptSecret)
        throw new ConfigError(`Missing application credential secret: set ${whereToSet('applicationCredentialSecret', where)}.`);
      this.prompted.applicationCredentialSecret = await this.options.promptSecret('Application credential secret: ');
    }
    const info = await authenticate(this.http, config, this.prompted);
    this.options.onLogin?.();
    await this.tokenCache.set(this.cacheKey, info);
    return info;
  }

  /** Forgets the token everywhere (a 401 showed it is no longer valid). */
  async invalidate(): Promise<void> {
    const refused = this.token?.token;
    this.token = undefined;
    this.microversion = undefined;
    // Only that token: another process may already have put a fresh one in the cache.
    await this.tokenCache.delete(this.cacheKey, refused);
  }

  async endpoint(service: ServiceType): Promise<string> {
    const token = await this.getToken();
    const url = findEndpoint(token.catalog, service, this.config.interface, this.config.regionName);
    // Paths are versioned here ("/v2/images", "/v2.0/networks"): some clouds put the version in the catalog too.
    if (service === 'image') return url.replace(/\/v2(\.\d+)?$/, '');
    if (service === 'network') return url.replace(/\/v2\.0$/, '');
    return url;
  }

  async hasService(service: ServiceType): Promise<boolean> {
    return hasService((await this.getToken()).catalog, service);
  }

  /** The compute microversion in use: negotiated once per token and remembered with it on disk. */
  async computeMicroversion(): Promise<string> {
    if (this.microversion) return this.microversion;
    // Requests started together (a name and a flavor resolved in parallel) share one negotiation.
    this.microversionPromise ??= this.negotiateMicroversion().finally(() => {
      this.microversionPromise = undefined;
    });
    return this.microversionPromise;
  }

  private async negotiateMicroversion(): Promise<string> {
    const token = await this.getToken();
    const url = await this.endpoint('compute');
    let range = token.computeVersions?.[url];
    if (!range) {
      const res = await this.http.send({
        method: 'GET',
        url: versionDocumentUrl(url),
        headers: { 'x-auth-token': token.token },
        service: 'compute',
      });
      // Without a version object the cloud would silently be taken for one with no microversions.
      const doc = resourceIn(res, 'version', false);
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      range = { min: str(doc.min_version), max: str(doc.version) } satisfies VersionRange;
      token.computeVersions = { ...token.computeVersions, [url]: range };
      await this.tokenCache.set(this.cacheKey, token);
    }
    this.microversion = chooseMicroversion(range, this.config.computeApiVersion);
    return this.microversion;
  }

  /** One request to a service, path relative to its catalog endpoint (or an absolute URL). */
  async request(service: ServiceType, method: HttpRequest['method'], path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    let used: string | undefined;
    const attempt = async () => {
      const token = await this.getToken();
      used = token.token;
      const base = await this.endpoint(service);
      const headers: Record<string, string> = { 'x-auth-token': token.token, ...options.headers };
      if (service === 'compute') Object.assign(headers, microversionHeaders(await this.computeMicroversion()));
      if (options.json !== undefined) headers['content-type'] ??= 'application/json';
      const url = /^https?:\/\//.test(path) ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
      return this.http.send({
        method,
        url,
        headers,
        json: options.json,
        body: options.body,
        searchParams: options.searchParams,
        signal: options.signal,
        service,
      });
    };
    try {
      return await attempt();
    } catch (err) {
      // A token revoked or expired early: log in again once and replay once. Not when the login
      // itself was refused (a second try cannot do better), and the token is forgotten only if it
      // is still the refused one: a parallel request may already have logged in again.
      if (err instanceof ApiError && err.status === 401 && !(err instanceof AuthError)) {
        if (this.token?.token === used) {
          // A token this session logged in for moments ago and that is refused: a new login cannot
          // do better, and in the app every poll would log in again (a Keystone login per poll).
          if (this.reloginAt !== undefined && Date.now() - this.reloginAt < RELOGIN_INTERVAL_MS) throw err;
          this.reloginAt = Date.now();
          await this.invalidate();
        }
        return attempt();
      }
      throw err;
    }
  }

  async info(): Promise<SessionInfo> {
    const token = await this.getToken();
    let microversion: string | undefined;
    try {
      microversion = await this.computeMicroversion();
    } catch {
      microversion = undefined;
    }
    return this.infoOf(token, microversion);
  }

  /**
   * info() without waiting, when the token and the compute microversion are already known (the
   * app's first list asked for both before its screens loaded); undefined otherwise.
   */
  knownInfo(): SessionInfo | undefined {
    return this.token && this.microversion ? this.infoOf(this.token, this.microversion) : undefined;
  }

  private infoOf(token: TokenInfo, microversion: string | undefined): SessionInfo {
    return {
      cloud: this.config.cloudName,
      region: this.config.regionName,
      project: token.project?.name,
      projectId: token.project?.id,
      user: token.user.name,
      userId: token.user.id,
      roles: token.roles,
      microversion,
    };
  }

  isAdmin(): boolean {
    return this.token?.roles.includes('admin') ?? false;
  }
}
