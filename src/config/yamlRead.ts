import { type Document, LineCounter, type Node, type Pair, type YAMLError, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ConfigError } from './errors.js';

/**
 * clouds.yaml read with YAML's Document API, so that a value can be judged by how it was written:
 * `compute_api_version: 2.10` is the number 2.1 to YAML, `verify: "no"` a string, `username: {a: 1}`
 * a mapping. A syntax error is told by file, line and column with what is wrong, never with the
 * line itself (it may hold a password), and no message ever shows the value of a secret key.
 */

export type RawCloud = Record<string, unknown>;

export interface ReadClouds {
  clouds: Record<string, RawCloud>;
  /** The first thing wrong with each cloud's entry: an error only when that cloud is used. */
  problems: Record<string, string>;
}

/** Keys whose values are never shown, not even in an error. */
export const SECRET_KEYS = new Set(['password', 'application_credential_secret', 'token', 'secret']);

type Rule = 'string' | 'version' | 'bool' | 'verify' | 'map' | 'regions';

const TOP_RULES: Record<string, Rule> = {
  auth: 'map',
  auth_type: 'string',
  region_name: 'string',
  regions: 'regions',
  interface: 'string',
  endpoint_type: 'string',
  cacert: 'string',
  verify: 'verify',
  insecure: 'bool',
  compute_api_version: 'version',
};

const AUTH_STRING_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'user_domain_name',
  'user_domain_id',
  'project_name',
  'project_id',
  'tenant_name',
  'tenant_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'token',
];

/** What YAML 1.1 (and so PyYAML, and so openstacksdk) reads as a boolean when written unquoted. */
const YAML11_BOOLEANS: Record<string, boolean> = {
  yes: true,
  no: false,
  on: true,
  off: false,
  y: true,
  n: false,
  true: true,
  false: false,
};

const SYNTAX: Partial<Record<YAMLError['code'], string>> = {
  BLOCK_AS_IMPLICIT_KEY: "a value holds ': ' (a colon and a space), which YAML reads as a nested key",
  MULTILINE_IMPLICIT_KEY: 'a key or value runs over several lines where YAML wants one',
  MISSING_CHAR: 'a quote, bracket or brace is opened and never closed',
  TAB_AS_INDENT: 'a tab is used to indent (YAML indents with spaces only)',
  BAD_INDENT: 'the indentation is wrong, or a { or [ is not closed',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  BAD_SCALAR_START: 'a value starts with a character YAML reserves (@ or `)',
  BAD_DQ_ESCAPE: 'a double-quoted value holds a backslash escape YAML does not know (use single quotes)',
  UNEXPECTED_TOKEN: "unexpected text here (a key without ':', or a value that needs quotes)",
  BAD_ALIAS: 'a value starting with * or & is read as an alias or anchor',
  ALIAS_PROPS: 'a value starting with * is read as an alias',
  MULTIPLE_ANCHORS: 'a value starting with & is read as an anchor',
  BAD_PROP_ORDER: 'a value starting with & or ! is read as an anchor or tag',
  MULTIPLE_TAGS: 'a value starting with ! is read as a tag',
  TAG_RESOLVE_FAILED: 'a value starting with ! is read as an unknown tag',
  MULTIPLE_DOCS: "the file holds several YAML documents (a '---' line in the middle)",
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  BLOCK_IN_FLOW: 'a block value inside { } or [ ]',
};

const QUOTE_HINT = 'Values holding any of : # { } [ ] , & * ! | > \' " % @ ` should be quoted (passwords especially).';

function position(lc: LineCounter, offset: number): string {
  const { line, col } = lc.linePos(offset);
  return `${line}:${col}`;
}

/** Setting names an error may name: anything else at the start of a line might be a secret typed in the wrong place. */
const KNOWN_KEYS = new Set([
  ...Object.keys(TOP_RULES),
  ...AUTH_STRING_KEYS,
  'clouds',
  'profile',
  'cert',
  'key',
  'api_timeout',
  'name',
  'values',
  'identity_api_version',
  'image_api_version',
  'network_api_version',
  'volume_api_version',
  'block_storage_api_version',
  'identity_interface',
  'auth_methods',
  'system_scope',
  'trust_id',
]);

/** The setting at the start of a source line ("  password: ..." -> password), when it is one novash knows. */
function keyOnLine(src: string, lc: LineCounter, offset: number): string | undefined {
  const { line } = lc.linePos(offset);
  const start = lc.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = src.indexOf('\n', start);
  const text = src.slice(start, end < 0 ? undefined : end);
  const key = /^\s*(?:-\s+)?([A-Za-z_][\w-]{0,63})\s*:/.exec(text)?.[1]?.replace(/-/g, '_');
  return key && KNOWN_KEYS.has(key) ? key : undefined;
}

/** Parses YAML text; a syntax error becomes "file:line:col: what is wrong (key ...)" and nothing of the text. */
export function parseYamlText(path: string, src: string): { doc: Document; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseDocument(src, { prettyErrors: false, lineCounter: lc, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const key = keyOnLine(src, lc, err.pos[0]);
    const what = SYNTAX[err.code] ?? `YAML cannot read it (${err.code})`;
    throw new ConfigError(`${path}:${position(lc, err.pos[0])}: ${what}${key ? ` (at key '${key}')` : ''}. ${QUOTE_HINT}`);
  }
  return { doc, lc };
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias (*name)';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return 'a number';
    if (typeof v === 'boolean') return 'a boolean';
    if (v === null) return 'empty';
    return 'a string';
  }
  return 'something else';
}

/** A setting of one cloud is wrong: "file:line:col: what is wrong and what would be right". */
class CloudEntryError extends Error {}

class Reader {
  constructor(
    private readonly path: string,
    private readonly lc: LineCounter,
  ) {}

  problem(node: Node | null | undefined, text: string): CloudEntryError {
    const at = node?.range ? `:${position(this.lc, node.range[0])}` : '';
    return new CloudEntryError(`${this.path}${at}: ${text}`);
  }

  /** A string setting: strings as written; a plain number or boolean only when its text survives YAML unchanged. */
  string(name: string, key: string, node: unknown, version = false): string | undefined {
    const secret = SECRET_KEYS.has(key);
    if (node == null) return undefined;
    if (isAlias(node)) {
      throw this.problem(
        node,
        `${name} is written as an alias (*name): a value starting with * must be quoted. ${secret ? '' : QUOTE_HINT}`.trim(),
      );
    }
    if (!isScalar(node)) {
      const hint = key === 'region_name' ? ' (one region name)' : '';
      throw this.problem(node as Node, `${name} must be a string${hint}, not ${kindOf(node)}.`);
    }
    const v = node.value;
    if (v === null || v === undefined || v === '') return undefined;
    if (typeof v === 'string') return v;
    const written = node.source ?? String(v);
    if (typeof v === 'number' || typeof v === 'boolean') {
      if (String(v) === written) return written;
      const shown = secret ? '' : ` ${written}, which YAML reads as the ${typeof v} ${String(v)}`;
      const quoted = secret ? 'quote it' : `quote it: ${key}: "${written}"`;
      throw this.problem(
        node,
        `${name} is written as${shown || ` a ${typeof v}`}; a ${version ? 'version' : 'string'} is wanted: ${quoted}.`,
      );
    }
    throw this.problem(node, `${name} must be a string, not ${kindOf(node)}.`);
  }

  bool(name: string, node: unknown, pathAllowed: boolean): boolean | string | undefined {
    if (node == null) return undefined;
    const wanted = pathAllowed ? 'true or false (unquoted), or the path of a CA bundle' : 'true or false (unquoted)';
    if (!isScalar(node)) throw this.problem(node as Node, `${name} must be ${wanted}, not ${kindOf(node)}.`);
    const v = node.value;
    if (v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const word = v.trim().toLowerCase();
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (!quoted && word in YAML11_BOOLEANS) return YAML11_BOOLEANS[word];
      if (word in YAML11_BOOLEANS || word === '0' || word === '1') {
        const meant = YAML11_BOOLEANS[word] ?? word === '1';
        throw this.problem(node, `${name} is the quoted string "${v}", not a boolean: write it ${meant} (unquoted).`);
      }
      if (pathAllowed) return v;
    }
    throw this.problem(node, `${name} must be ${wanted}, not ${kindOf(node)}${typeof v === 'number' ? ` (${v})` : ''}.`);
  }

  /** One cloud's entry, with the settings novash reads checked and converted, everything else as YAML gives it. */
  cloud(cloudName: string, node: unknown): RawCloud {
    if (!isMap(node)) throw this.problem(node as Node, `cloud '${cloudName}' must be a mapping of settings, not ${kindOf(node)}.`);
    const out: RawCloud = {};
    for (const pair of node.items as Pair[]) {
      const rawKey = isScalar(pair.key) ? String(pair.key.value) : '';
      const key = rawKey.replace(/-/g, '_');
      const name = `${key} of cloud '${cloudName}'`;
      const value = pair.value;
      switch (TOP_RULES[key]) {
        case 'map':
          out[key] = this.auth(cloudName, value);
          break;
        case 'string':
          out[key] = this.string(name, key, value);
          break;
        case 'version':
          out[key] = this.string(name, key, value, true);
          break;
        case 'bool':
          out[key] = this.bool(name, value, false);
          break;
        case 'verify':
          out[key] = this.bool(name, value, true);
          break;
        case 'regions':
          out[key] = this.regions(name, value);
          break;
        default:
          out[key] = SECRET_KEYS.has(key) || AUTH_STRING_KEYS.includes(key) ? this.string(name, key, value) : this.plain(name, value);
      }
    }
    return out;
  }

  private auth(cloudName: string, node: unknown): RawCloud | undefined {
    if (node == null || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node))
      throw this.problem(node as Node, `auth of cloud '${cloudName}' must be a mapping (auth_url, username, ...), not ${kindOf(node)}.`);
    const out: RawCloud = {};
    for (const pair of node.items as Pair[]) {
      const key = (isScalar(pair.key) ? String(pair.key.value) : '').replace(/-/g, '_');
      const name = `auth.${key} of cloud '${cloudName}'`;
      out[key] = AUTH_STRING_KEYS.includes(key) ? this.string(name, key, pair.value) : this.plain(name, pair.value);
    }
    return out;
  }

  private regions(name: string, node: unknown): unknown[] | undefined {
    if (node == null) return undefined;
    if (!isSeq(node)) throw this.problem(node as Node, `${name} must be a list of region names, not ${kindOf(node)}.`);
    return node.items.map((item, i) =>
      isMap(item) ? this.plain(`${name}[${i}]`, item) : this.string(`${name}[${i}]`, 'region_name', item),
    );
  }

  private plain(name: string, node: unknown): unknown {
    try {
      return isScalar(node) || isMap(node) || isSeq(node) || isAlias(node) ? (node as Node).toJSON() : node;
    } catch {
      throw this.problem(node as Node, `${name} cannot be read (an alias to nothing?).`);
    }
  }
}

/** The `clouds` mapping of a parsed clouds.yaml / secure.yaml, each cloud checked on its own. */
export function readClouds(path: string, doc: Document, lc: LineCounter): ReadClouds {
  const out: ReadClouds = { clouds: {}, problems: {} };
  const root = doc.contents;
  if (root == null || (isScalar(root) && root.value === null)) return out;
  const reader = new Reader(path, lc);
  if (!isMap(root))
    throw new ConfigError(reader.problem(root, `the file must hold a mapping with a "clouds" key, not ${kindOf(root)}.`).message);
  const clouds = root.get('clouds', true);
  if (clouds == null) return out;
  if (!isMap(clouds))
    throw new ConfigError(
      reader.problem(clouds as Node, `"clouds" must be a mapping of cloud names to settings, not ${kindOf(clouds)}.`).message,
    );
  for (const pair of clouds.items as Pair[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    try {
      out.clouds[name] = reader.cloud(name, pair.value);
    } catch (err) {
      if (!(err instanceof CloudEntryError)) throw err;
      out.clouds[name] = {};
      out.problems[name] = err.message;
    }
  }
  return out;
}
