/**
 * The programmatic client: novash's manager layer as a library, like novaclient's
 * `Client(...)` then `client.servers.list()`. Same config resolution (clouds.yaml, OS_*), same
 * on-disk token cache, same typed errors as the CLI; declared resources come along.
 */
import { TokenCache } from './auth/tokenCache.js';
import { CompletionCache, cacheDirFor } from './cache/completionCache.js';
import { resolveCloudConfig } from './config/resolve.js';
import type { CloudConfig, ConnectionFlags } from './config/types.js';
import { loadExtensions } from './extensions/load.js';
import { sendDeclaredServerAction, type DeclaredActionOutcome } from './extensions/serverActions.js';
import type { DeclaredServerAction, LoadedExtensions } from './extensions/types.js';
import { DeclaredResourceManager } from './managers/declared.js';
import { Managers } from './managers/index.js';
import { UsageError } from './session/errors.js';
import type { LogSink } from './session/log.js';
import { Session, type SessionInfo } from './session/session.js';
import { stateDirs } from './util/paths.js';

/** Explicit settings, with clouds.yaml's names; they win over clouds.yaml and OS_* variables. */
export interface ClientOptions {
  /** A cloud of clouds.yaml (else OS_CLOUD, else the only cloud there, else OS_* variables). */
  cloud?: string;
  auth_url?: string;
  auth_type?: 'password' | 'v3applicationcredential' | 'token';
  username?: string;
  user_id?: string;
  password?: string;
  user_domain_name?: string;
  user_domain_id?: string;
  project_name?: string;
  project_id?: string;
  project_domain_name?: string;
  project_domain_id?: string;
  application_credential_id?: string;
  application_credential_secret?: string;
  token?: string;
  region_name?: string;
  interface?: 'public' | 'internal' | 'admin';
  cacert?: string;
  insecure?: boolean;
  /** Pin the compute microversion ("2.79"); by default the newest both sides know. */
  compute_api_version?: string;
  /** Where OS_*, OS_CLOUD and NOVASH_* are read (default process.env); `{}` ignores the environment. */
  env?: NodeJS.ProcessEnv;
  /**
   * Extension files: true (default) loads the config directory's and NOVASH_EXTENSIONS'; a list
   * loads exactly those files or directories; false loads none.
   */
  extensions?: boolean | readonly string[];
  /** Deadline of each HTTP attempt, in milliseconds (default 10 s for a GET, tried 3 times; 30 s otherwise). */
  timeoutMs?: number;
  /** Every request and response, secrets redacted. */
  debug?: LogSink;
  /** Asked for a password / secret that is not configured (and no cached token stands in). */
  promptSecret?: (question: string) => Promise<string>;
}

function flagsOf(o: ClientOptions): ConnectionFlags {
  return {
    osCloud: o.cloud,
    osAuthUrl: o.auth_url,
    osAuthType: o.auth_type,
    osUsername: o.username,
    osUserId: o.user_id,
    osPassword: o.password,
    osUserDomainName: o.user_domain_name,
    osUserDomainId: o.user_domain_id,
    osProjectName: o.project_name,
    osProjectId: o.project_id,
    osProjectDomainName: o.project_domain_name,
    osProjectDomainId: o.project_domain_id,
    osApplicationCredentialId: o.application_credential_id,
    osApplicationCredentialSecret: o.application_credential_secret,
    osToken: o.token,
    osRegionName: o.region_name,
    osInterface: o.interface,
    osCacert: o.cacert,
    insecure: o.insecure,
    osComputeApiVersion: o.compute_api_version,
  };
}

/** A declared server action, ready to send for a server given by name or id. */
export interface ClientServerAction {
  readonly declaration: DeclaredServerAction;
  run(server: string, values?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<DeclaredActionOutcome>;
}

/** Every manager of the CLI's side, as the client's own fields (`client.servers`, `client.quotas`, ...). */
type ClientManagers = Omit<Managers, 'session' | 'cache'>;

// The fields come from Managers (assigned in the constructor) rather than a second list of them.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface NovaClient extends ClientManagers {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class NovaClient {
  readonly config: CloudConfig;
  readonly session: Session;
  /** What the extension files declared for this cloud, and any file that was ignored (with why). */
  readonly extensions: LoadedExtensions;
  private readonly managers: Managers;
  private readonly declared = new Map<string, DeclaredResourceManager>();

  constructor(options: ClientOptions = {}) {
    const env = options.env ?? process.env;
    this.config = resolveCloudConfig(flagsOf(options), { env, requireSecrets: false });
    // The CLI's token cache and completion caches (NOVASH_CONFIG_DIR / NOVASH_CACHE_DIR of `env`).
    const dirs = stateDirs(env);
    this.session = new Session(this.config, {
      timeoutMs: options.timeoutMs,
      debug: options.debug,
      promptSecret: options.promptSecret,
      tokenCache: new TokenCache(dirs.config),
    });
    this.managers = new Managers(this.session, new CompletionCache(cacheDirFor(this.config, dirs.cache)));
    // client.servers, client.serverGroups, ...: the CLI's own managers, each once.
    const { session: _session, cache: _cache, ...managers } = this.managers;
    Object.assign(this, managers);
    const ext = options.extensions ?? true;
    this.extensions =
      ext === false
        ? { resources: [], actions: [], files: [] }
        : loadExtensions({ env, cloud: this.config.cloudName, ...(Array.isArray(ext) ? { paths: ext as readonly string[] } : {}) });
    for (const r of this.extensions.resources) {
      const manager = new DeclaredResourceManager(this.session, r, this.managers.cache);
      this.declared.set(r.plural, manager);
      this.declared.set(r.name, manager);
      // client.documents, unless the name is one of the client's own (loadExtensions refuses those).
      if (!(r.plural in this)) Object.defineProperty(this, r.plural, { value: manager, enumerable: true });
    }
  }

  /** A declared resource by its plural or singular name: `client.resource('documents').list()`. */
  resource(name: string): DeclaredResourceManager {
    const m = this.declared.get(name);
    if (!m) {
      const known = this.extensions.resources.map((r) => r.plural);
      throw new UsageError(
        `No declared resource '${name}'${known.length ? `; declared: ${known.join(', ')}` : ' (no extension file declares any)'}.`,
      );
    }
    return m;
  }

  /** A declared server action by name: `client.serverAction('backup-instance').run('vm1', {...})`. */
  serverAction(name: string): ClientServerAction {
    const declaration = this.extensions.actions.find((a) => a.name === name);
    if (!declaration) {
      const known = this.extensions.actions.map((a) => a.name);
      throw new UsageError(`No declared server action '${name}'${known.length ? `; declared: ${known.join(', ')}` : ''}.`);
    }
    return {
      declaration,
      run: async (server, values = {}, options = {}) => {
        const s = await this.servers.find(server);
        return sendDeclaredServerAction(this.session, declaration, s.id, values, options);
      },
    };
  }

  /** Cloud, region, project, user, roles and the compute microversion in use. */
  info(): Promise<SessionInfo> {
    return this.session.info();
  }
}

/** `client.<plural>` for the declared resources named in R: `createClient<'documents'>(...)`. */
export type Client<R extends string = never> = NovaClient & { readonly [K in R]: DeclaredResourceManager };

/**
 * A client for one cloud. Nothing is sent until a manager is used; the first request logs in
 * (or reuses the CLI's cached token).
 */
export function createClient<R extends string = never>(options: ClientOptions = {}): Client<R> {
  return new NovaClient(options) as Client<R>;
}
