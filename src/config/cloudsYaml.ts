import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { type RawCloud, type ReadClouds, parseYamlText, readClouds } from './yamlRead.js';

export type { RawCloud };

export interface CloudsFile extends ReadClouds {
  path: string;
}

/** The places openstacksdk looks, in its order: current dir, user config dir, /etc. */
export function candidateDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  const xdg = env.XDG_CONFIG_HOME ?? join(home, '.config');
  return [process.cwd(), join(xdg, 'openstack'), '/etc/openstack'];
}

function findFile(explicit: string | undefined, names: string[], env: NodeJS.ProcessEnv): string | undefined {
  if (explicit) {
    const path = resolve(explicit);
    if (!existsSync(path))
      throw new ConfigError(`The config file ${path} does not exist (from OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE).`);
    return path;
  }
  for (const dir of candidateDirs(env)) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/** What a failed read means, in words (the code alone, EISDIR, says little to most people). */
const READ_ERRORS: Record<string, string> = {
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file',
};

function readYaml(path: string): ReadClouds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = READ_ERRORS[code ?? ''] ?? code ?? (err as Error).message;
    throw new ConfigError(`Cannot read ${path}: ${why}.`);
  }
  const { doc, lc } = parseYamlText(path, text);
  return readClouds(path, doc, lc);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: secure.yaml's values fill in (and override) clouds.yaml's, as openstacksdk does. */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? mergeDeep(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/** Loads clouds.yaml merged with secure.yaml, or undefined when there is no clouds.yaml anywhere. */
export function loadCloudsFile(env: NodeJS.ProcessEnv = process.env): CloudsFile | undefined {
  const cloudsPath = findFile(env.OS_CLIENT_CONFIG_FILE, ['clouds.yaml', 'clouds.yml'], env);
  if (!cloudsPath) return undefined;
  const { clouds, problems } = readYaml(cloudsPath);
  const securePath = findFile(env.OS_CLIENT_SECURE_FILE, ['secure.yaml', 'secure.yml'], env);
  if (securePath) {
    const secure = readYaml(securePath);
    for (const [name, extra] of Object.entries(secure.clouds)) clouds[name] = mergeDeep(clouds[name] ?? {}, extra);
    for (const [name, problem] of Object.entries(secure.problems)) problems[name] ??= problem;
  }
  return { path: cloudsPath, clouds, problems };
}
