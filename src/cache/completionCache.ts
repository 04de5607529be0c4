import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudConfig } from '../config/types.js';
import { sha256Hex } from '../util/hash.js';
import { stateDirs } from '../util/paths.js';

/**
 * Resource kinds with completion caches (novaclient's: servers, flavors, images; and what completes
 * besides), and `declared-<name>` for each resource declared in an extension file (`declared-document`).
 */
export type CachedKind = 'server' | 'flavor' | 'image' | 'keypair' | 'zone' | 'network' | 'server-group' | `declared-${string}`;
export const CACHED_KINDS: readonly CachedKind[] = ['server', 'flavor', 'image', 'keypair', 'zone', 'network', 'server-group'];

export interface CacheEntry {
  id: string;
  name: string;
  humanId?: string;
}

/** Caches belong to one user of one project at one auth URL (and region: servers differ per region). */
export function cacheDirFor(config: CloudConfig, root = stateDirs().cache): string {
  const a = config.auth;
  const key = sha256Hex(
    JSON.stringify([
      a.authUrl?.replace(/\/+$/, ''),
      a.userId ?? a.username ?? a.applicationCredentialId ?? null,
      a.userDomainId ?? a.userDomainName ?? null,
      a.projectId ?? a.projectName ?? (a.applicationCredentialId ? 'appcred' : null),
      a.projectDomainId ?? a.projectDomainName ?? null,
      config.regionName ?? null,
    ]),
  ).slice(0, 32);
  return join(root, key);
}

function clean(v: string): string {
  return v.replace(/[\t\r\n]+/g, ' ');
}

/**
 * novaclient's completion cache files, kept properly: `<kind>-uuid-cache` and
 * `<kind>-human-id-cache` (one value a line), plus `<kind>-index-cache` (id, human_id, name,
 * tab-separated) for name resolution. Rewritten on a full list, added to on create, pruned on
 * delete, always written atomically (temp file + rename).
 */
export class CompletionCache {
  constructor(readonly dir: string) {}

  private path(kind: CachedKind, what: 'uuid' | 'human-id' | 'index'): string {
    return join(this.dir, `${kind}-${what}-cache`);
  }

  private writeAtomic(path: string, lines: string[]): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, lines.length ? lines.join('\n') + '\n' : '', { mode: 0o600 });
    renameSync(tmp, path);
  }

  read(kind: CachedKind): CacheEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path(kind, 'index'), 'utf8');
    } catch {
      return [];
    }
    const out: CacheEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      const [id, humanId, ...name] = line.split('\t');
      if (id) out.push({ id, humanId: humanId || undefined, name: name.join('\t') });
    }
    return out;
  }

  private write(kind: CachedKind, entries: CacheEntry[]): void {
    const byId = new Map<string, CacheEntry>();
    for (const e of entries) byId.set(e.id, e);
    const all = [...byId.values()];
    this.writeAtomic(
      this.path(kind, 'uuid'),
      all.map((e) => e.id),
    );
    this.writeAtomic(this.path(kind, 'human-id'), [...new Set(all.map((e) => e.humanId).filter((h): h is string => !!h))]);
    this.writeAtomic(
      this.path(kind, 'index'),
      all.map((e) => `${e.id}\t${clean(e.humanId ?? '')}\t${clean(e.name ?? '')}`),
    );
  }

  /** After a full, unfiltered list. */
  replace(kind: CachedKind, entries: CacheEntry[]): void {
    this.safely(() => this.write(kind, entries));
  }

  /** After a create (or a show/filtered list that saw these). */
  add(kind: CachedKind, entries: CacheEntry[]): void {
    if (!entries.length) return;
    this.safely(() => {
      const current = this.read(kind);
      const ids = new Set(entries.map((e) => e.id));
      this.write(kind, [...current.filter((e) => !ids.has(e.id)), ...entries]);
    });
  }

  /** After a delete. */
  remove(kind: CachedKind, ids: string[]): void {
    if (!ids.length) return;
    this.safely(() => {
      const current = this.read(kind);
      const drop = new Set(ids);
      if (current.some((e) => drop.has(e.id)))
        this.write(
          kind,
          current.filter((e) => !drop.has(e.id)),
        );
    });
  }

  /** Whether the cache of this kind was ever written (an empty one was: the cloud has none). */
  has(kind: CachedKind): boolean {
    return existsSync(this.path(kind, 'index'));
  }

  /** How many entries the last write left (the uuid file's lines), without parsing them. */
  count(kind: CachedKind): number {
    try {
      const text = readFileSync(this.path(kind, 'uuid'), 'utf8');
      let n = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
      return n;
    } catch {
      return 0;
    }
  }

  idsForHumanId(kind: CachedKind, humanId: string): string[] {
    return this.read(kind)
      .filter((e) => e.humanId === humanId)
      .map((e) => e.id);
  }

  /** Completion candidates: names, human ids and ids starting with the prefix (the shell escapes spaces and the like). */
  candidates(kind: CachedKind, prefix = ''): string[] {
    const out = new Set<string>();
    for (const e of this.read(kind)) {
      for (const v of [e.name, e.humanId, e.id]) if (v && v.startsWith(prefix)) out.add(v);
    }
    return [...out].sort();
  }

  /** A cache is a convenience: a read-only or full disk must never fail the command itself. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch {
      // ignored on purpose
    }
  }
}
