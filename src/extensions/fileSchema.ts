/** A whole extension file: `clouds:`, `resources:`, `server_actions:`, and the names it may take. */
import { readServerAction } from './actionSchema.js';
import { readResource } from './resourceSchema.js';
import type { DeclaredResource, DeclaredServerAction } from './types.js';
import { YamlReader, type At } from './yamlReader.js';

const FILE_KEYS: Record<string, string> = {
  clouds: 'the clouds.yaml names this file is for, e.g. [devcloud, devcloud-demo] (default: every cloud)',
  resources: 'declared resources (list, show, create, update, delete)',
  server_actions: 'declared server actions (a member path or an /action key)',
};

export interface FileDeclaration {
  clouds?: string[];
  resources: DeclaredResource[];
  actions: DeclaredServerAction[];
}

/** Names already used, and by whom: built-in commands and options, earlier files. */
export interface TakenNames {
  /** Command name -> who has it ("a built-in command", "/path/other.yaml"). */
  commands: Map<string, string>;
  /** Plural (screen / client) names -> who has it. */
  plurals: Map<string, string>;
  /** Option names every command has already (--format, --help, ...). */
  globalOptions: ReadonlySet<string>;
}

function take(r: YamlReader, map: Map<string, string>, name: string, owner: string, at: At, what: string): void {
  const by = map.get(name);
  if (by)
    r.fail(at, `${what} '${name}' is already ${by === 'built-in' ? 'taken by novash itself' : `declared in ${by}`}; choose another name`);
  map.set(name, owner);
}

/**
 * Parses and checks one file. Throws a DeclarationError (line, column, key path, what is allowed)
 * at the first problem; on success the names it declares are added to `taken`.
 */
export function parseExtensionFile(text: string, file: string, taken: TakenNames): FileDeclaration {
  const r = new YamlReader(text);
  const root: At = { node: r.root, path: '' };
  if (!r.root) r.fail(root, `the file is empty; it may hold ${Object.keys(FILE_KEYS).join(', ')}`);
  const keys = r.map(root, FILE_KEYS);
  if (!keys.has('resources') && !keys.has('server_actions')) r.fail(root, "declares nothing: add 'resources:' or 'server_actions:'");
  const clouds = keys.get('clouds') ? r.strings(keys.get('clouds')!) : undefined;
  if (clouds && !clouds.length) r.fail(keys.get('clouds')!, 'name at least one cloud, or leave clouds out for every cloud');
  // Names are taken on a copy: a file that fails takes nothing.
  const commands = new Map(taken.commands);
  const plurals = new Map(taken.plurals);
  const resources = keys.get('resources')
    ? r.list(keys.get('resources')!).map((at) => {
        const { positions, ...res } = readResource(r, at, taken.globalOptions);
        for (const [cmd, cat] of positions) take(r, commands, cmd, file, cat, 'the command');
        take(r, plurals, res.plural, file, at, 'the plural');
        res.source.file = file;
        return res;
      })
    : [];
  const actions = keys.get('server_actions')
    ? r.list(keys.get('server_actions')!).map((at) => {
        const { nameAt, ...a } = readServerAction(r, at, taken.globalOptions);
        take(r, commands, a.name, file, nameAt, 'the command');
        a.source.file = file;
        return a;
      })
    : [];
  for (const [k, v] of commands) taken.commands.set(k, v);
  for (const [k, v] of plurals) taken.plurals.set(k, v);
  return { clouds, resources, actions };
}
