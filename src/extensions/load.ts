/**
 * Finds and loads extension files: `<config dir>/extensions/*.yaml` and what NOVASH_EXTENSIONS
 * names (files or directories, colon-separated). Cheap when there are none: a Tab completion
 * costs one readdir, and no YAML is parsed unless a file exists.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GLOBAL_OPTIONS } from '../commands/parse.js';
import { stateDirs } from '../util/paths.js';
import { DeclarationCache } from './declarationCache.js';
import { parseExtensionFile, type FileDeclaration, type TakenNames } from './fileSchema.js';
import type { ExtensionFileReport, LoadedExtensions } from './types.js';
import { DeclarationError } from './yamlReader.js';

const YAML_FILE = /\.ya?ml$/i;

function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => YAML_FILE.test(n))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export interface ExtensionPath {
  path: string;
  /** The path cannot be read as asked (NOVASH_EXTENSIONS names a missing file). */
  error?: string;
}

/** Files and directories named explicitly (NOVASH_EXTENSIONS, or a caller's list). */
export function namedExtensionPaths(names: readonly string[], origin = 'named in NOVASH_EXTENSIONS'): ExtensionPath[] {
  const out: ExtensionPath[] = [];
  for (const raw of names) {
    if (!raw.trim()) continue;
    const p = resolve(raw.trim());
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      out.push({ path: p, error: `does not exist (${origin})` });
      continue;
    }
    if (isDir) out.push(...yamlFilesIn(p).map((path) => ({ path })));
    else out.push({ path: p });
  }
  return out;
}

function unique(paths: ExtensionPath[]): ExtensionPath[] {
  const seen = new Set<string>();
  return paths.filter((e) => !seen.has(e.path) && seen.add(e.path));
}

/** Every extension file to load, in order: the config directory's first, then NOVASH_EXTENSIONS'. */
export function extensionPaths(env: NodeJS.ProcessEnv = process.env): ExtensionPath[] {
  const inConfig = yamlFilesIn(join(stateDirs(env).config, 'extensions')).map((path) => ({ path }));
  return unique([...inConfig, ...namedExtensionPaths((env.NOVASH_EXTENSIONS ?? '').split(':'))]);
}

export interface LoadOptions {
  /** Exactly these files (and directories), instead of the config directory and NOVASH_EXTENSIONS. */
  paths?: readonly string[];
  /** The cloud in use (clouds.yaml name); a function is called only when some file names clouds. */
  cloud?: string | (() => string | undefined);
  env?: NodeJS.ProcessEnv;
  /** Built-in command names a declaration may not take. */
  reservedCommands?: Iterable<string>;
  /** Option names every command has (default: the CLI's global options): a field may not shadow them. */
  globalOptions?: Iterable<string>;
  /** Plurals a declaration may not take (default: the built-in screens and client properties). */
  reservedPlurals?: Iterable<string>;
  /** Where checked declarations are kept between runs (default `<cache dir>/extensions`); false: never. */
  cacheDir?: string | false;
}

/** The app's own screens and the programmatic client's own properties. */
export const BUILT_IN_PLURALS: readonly string[] = [
  'servers',
  'flavors',
  'images',
  'keypairs',
  'limits',
  'zones',
  'networks',
  'actions',
  'resources',
  'session',
];

/** A cached declaration's names, taken if all are free (else the caller parses, for the message). */
function takeNames(decl: FileDeclaration, path: string, taken: TakenNames): boolean {
  const commands = [...decl.resources.flatMap((r) => Object.values(r.commands) as string[]), ...decl.actions.map((a) => a.name)];
  const plurals = decl.resources.map((r) => r.plural);
  if (commands.some((c) => taken.commands.has(c)) || plurals.some((p) => taken.plurals.has(p))) return false;
  for (const c of commands) taken.commands.set(c, path);
  for (const p of plurals) taken.plurals.set(p, path);
  return true;
}

/** One line for a file that was ignored: the file, then what the reader found. */
export function fileErrorText(path: string, err: unknown): string {
  if (err instanceof DeclarationError) return `${path}, ${err.message}`;
  return `${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Loads every extension file for this cloud. A bad file is reported (one message: file, line,
 * column, key, what is allowed) and ignored; the others load. Never throws.
 */
export function loadExtensions(options: LoadOptions = {}): LoadedExtensions {
  const env = options.env ?? process.env;
  const paths = options.paths ? unique(namedExtensionPaths(options.paths, 'given to loadExtensions')) : extensionPaths(env);
  const loaded: LoadedExtensions = { resources: [], actions: [], files: [] };
  if (!paths.length) return loaded;
  const taken: TakenNames = {
    commands: new Map([...(options.reservedCommands ?? [])].map((n) => [n, 'built-in'])),
    plurals: new Map([...(options.reservedPlurals ?? BUILT_IN_PLURALS)].map((n) => [n, 'built-in'])),
    globalOptions: new Set(options.globalOptions ?? Object.keys(GLOBAL_OPTIONS)),
  };
  const cacheDir = options.cacheDir ?? join(stateDirs(env).cache, 'extensions');
  const cache = cacheDir === false ? undefined : new DeclarationCache(cacheDir);
  let cloud: string | undefined;
  let cloudKnown = false;
  const cloudName = () => {
    if (!cloudKnown) {
      cloudKnown = true;
      try {
        cloud = typeof options.cloud === 'function' ? options.cloud() : options.cloud;
      } catch {
        cloud = undefined;
      }
    }
    return cloud;
  };
  for (const { path, error } of paths) {
    const report: ExtensionFileReport = { path, adds: [] };
    loaded.files.push(report);
    if (error) {
      report.error = `${path}: ${error}`;
      continue;
    }
    let key: string;
    try {
      const st = statSync(path);
      key = DeclarationCache.key(path, st.size, st.mtimeMs, taken.globalOptions);
    } catch (err) {
      report.error = `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
      continue;
    }
    // Names are taken on a scratch copy: a file that fails, or is for another cloud, takes none.
    const scratch: TakenNames = { commands: new Map(taken.commands), plurals: new Map(taken.plurals), globalOptions: taken.globalOptions };
    let decl = cache?.get(path, key);
    if (decl && !takeNames(decl, path, scratch)) decl = undefined;
    try {
      if (!decl) {
        // No cache, or a name now taken: a real parse, which also words the message.
        decl = parseExtensionFile(readFileSync(path, 'utf8'), path, scratch);
        cache?.set(path, key, decl);
      }
    } catch (err) {
      report.error =
        err instanceof DeclarationError || !(err as NodeJS.ErrnoException).code
          ? fileErrorText(path, err)
          : `${path}: cannot be read (${(err as NodeJS.ErrnoException).code})`;
      continue;
    }
    if (decl.clouds && !decl.clouds.includes(cloudName() ?? '')) {
      const current = cloudName();
      report.skipped = `only for ${decl.clouds.join(', ')}${current ? ` (this is ${current})` : ' (no clouds.yaml cloud in use)'}`;
      continue;
    }
    for (const [k, v] of scratch.commands) taken.commands.set(k, v);
    for (const [k, v] of scratch.plurals) taken.plurals.set(k, v);
    loaded.resources.push(...decl.resources);
    loaded.actions.push(...decl.actions);
    report.adds = [...decl.resources.flatMap((res) => Object.values(res.commands) as string[]), ...decl.actions.map((a) => a.name)];
  }
  return loaded;
}
