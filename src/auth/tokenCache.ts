import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import type { CloudConfig } from '../config/types.js';
import { sha256Hex } from '../util/hash.js';
import { stateDirs } from '../util/paths.js';
import type { TokenInfo } from './types.js';

/** A token is reused until this long before it expires. */
export const EXPIRY_MARGIN_MS = 60_000;

/** What identifies "the same login": auth URL, method, user, domains, project, region — never a secret itself. */
export function tokenCacheKey(config: CloudConfig): string {
  const a = config.auth;
  return sha256Hex(
    JSON.stringify([
      a.authUrl?.replace(/\/+$/, ''),
      config.authType,
      a.userId ?? a.username ?? null,
      a.userDomainId ?? a.userDomainName ?? null,
      a.projectId ?? a.projectName ?? null,
      a.projectDomainId ?? a.projectDomainName ?? null,
      a.applicationCredentialId ?? a.applicationCredentialName ?? null,
      // A user-supplied token is itself the identity; only its hash goes into the key.
      config.authType === 'token' && a.token ? sha256Hex(a.token) : null,
      config.regionName ?? null,
      config.interface,
    ]),
  );
}

export function isFresh(info: TokenInfo, now = Date.now()): boolean {
  const exp = Date.parse(info.expiresAt);
  return Number.isFinite(exp) && exp - EXPIRY_MARGIN_MS > now;
}

/** The on-disk token store (conf, JSON, mode 0600). Passwords never go in it. */
export class TokenCache {
  private store?: Conf<Record<string, TokenInfo>>;
  constructor(private readonly dir = stateDirs().config) {}

  private async open(): Promise<Conf<Record<string, TokenInfo>>> {
    if (!this.store) {
      // State directories are the user's alone (conf would make it 0755).
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const { default: ConfClass } = await import('conf');
      this.store = new ConfClass<Record<string, TokenInfo>>({
        cwd: this.dir,
        configName: 'tokens',
        projectName: 'novash',
        configFileMode: 0o600,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: true,
      });
      // conf creates a file with the mode only when it writes it; tighten one left by an older run.
      if (existsSync(this.store.path)) chmodSync(this.store.path, 0o600);
    }
    return this.store;
  }

  async get(key: string): Promise<TokenInfo | undefined> {
    const store = await this.open();
    const info = store.get(key);
    return info && isFresh(info) ? info : undefined;
  }

  async set(key: string, info: TokenInfo): Promise<void> {
    const store = await this.open();
    // Drop every expired entry while writing, so the file does not grow forever.
    const now = Date.now();
    const all = { ...store.store };
    for (const [k, v] of Object.entries(all)) if (!isFresh(v, now)) delete all[k];
    all[key] = info;
    store.store = all;
  }

  /** Forgets the entry; with `token`, only if the entry still holds that token (not a newer one). */
  async delete(key: string, token?: string): Promise<void> {
    const store = await this.open();
    if (token === undefined || store.get(key)?.token === token) store.delete(key);
  }

  async path(): Promise<string> {
    return (await this.open()).path;
  }

  /** The lock file one login for this key is made under (see loginLock.ts). */
  lockPath(key: string): string {
    return join(this.dir, `login-${key.slice(0, 16)}.lock`);
  }
}
