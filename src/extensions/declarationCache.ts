/**
 * A parsed-and-checked extension file, kept as JSON beside the completion caches: the next run
 * (a Tab completion above all) reads it instead of parsing YAML again. Keyed by the file's path,
 * size and mtime, novash's version and the names every file is checked against; a file that
 * fails is never cached, so its message always comes from a real parse.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { VERSION } from '../version.js';
import type { FileDeclaration } from './fileSchema.js';
import type { DeclaredResource, Operation } from './types.js';

type Stored = Omit<FileDeclaration, 'resources'> & { resources: Array<Omit<DeclaredResource, 'operations'> & { operations: Operation[] }> };

export class DeclarationCache {
  constructor(private readonly dir: string) {}

  /** What identifies one version of one file, checked the same way. */
  static key(path: string, size: number, mtimeMs: number, globalOptions: Iterable<string>): string {
    return JSON.stringify([VERSION, path, size, mtimeMs, [...globalOptions].sort()]);
  }

  private file(path: string): string {
    return join(this.dir, `${sha256Hex(path).slice(0, 24)}.json`);
  }

  get(path: string, key: string): FileDeclaration | undefined {
    try {
      const doc = JSON.parse(readFileSync(this.file(path), 'utf8')) as { key?: string; decl?: Stored };
      if (doc.key !== key || !doc.decl) return undefined;
      return { ...doc.decl, resources: doc.decl.resources.map((r) => ({ ...r, operations: new Set(r.operations) })) };
    } catch {
      return undefined;
    }
  }

  /** A cache is a speed-up: a read-only or full disk never fails the command. */
  set(path: string, key: string, decl: FileDeclaration): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const stored: Stored = { ...decl, resources: decl.resources.map((r) => ({ ...r, operations: [...r.operations] })) };
      const target = this.file(path);
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, decl: stored }), { mode: 0o600 });
      renameSync(tmp, target);
    } catch {
      // ignored on purpose
    }
  }
}
