/**
 * The command table of one cloud: the built-in rows followed by what that cloud's extension files
 * declare (resource commands, server-action rows, a `:<plural>` screen command per resource, and
 * `extension-list`). The one-shot CLI and the app build it the same way, with the same loader and
 * the same cloud filter.
 */
import type { CommandSpec } from '../commands/types.js';
import { UsageError } from '../session/errors.js';
import { declaredServerActionCommands } from './actionOperation.js';
import { extensionListCommand } from './extensionList.js';
import { loadExtensions } from './load.js';
import { declaredResourceCommands } from './resourceCommands.js';
import type { DeclaredResource, LoadedExtensions } from './types.js';

/** `:documents` in the app: the resource's screen (a row of the table, so the prompt, Tab and help know it). */
export function resourceScreenCommand(resource: DeclaredResource): CommandSpec {
  const name = resource.plural;
  return {
    name,
    group: 'app',
    summary: `Go to the ${resource.title.toLowerCase()} list (declared in ${resource.source.file})`,
    positionals: [],
    options: {},
    mutating: false,
    app: () => ({ kind: 'resource', plural: name, title: resource.title }),
    run: async () => {
      throw new UsageError(
        `'${name}' is a screen of the interactive app: start 'novash' with no command on a terminal, then type :${name} (or use ${resource.commands.list ?? `${resource.name}-show`}).`,
      );
    },
  };
}

/** Every command the loaded extensions add, and `extension-list` (always there). */
export function extensionCommands(loaded: LoadedExtensions, env: NodeJS.ProcessEnv = process.env): CommandSpec[] {
  return [
    extensionListCommand(loaded, env),
    ...loaded.resources.flatMap(declaredResourceCommands),
    ...declaredServerActionCommands(loaded.actions),
  ];
}

/** The app's `:<plural>` rows; a plural a built-in command already has keeps its commands, without the shortcut. */
export function screenCommands(resources: readonly DeclaredResource[], taken: Iterable<string>): CommandSpec[] {
  const names = new Set(taken);
  return resources.filter((r) => !names.has(r.plural)).map(resourceScreenCommand);
}

/** The names (and aliases) a declaration may not take. */
export function commandNames(commands: readonly CommandSpec[]): string[] {
  return commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
}

export interface CloudExtensions {
  loaded: LoadedExtensions;
  /** The built-in commands followed by the declared ones. */
  commands: CommandSpec[];
  /** One line per ignored file. */
  warnings: string[];
}

/**
 * The extensions of one cloud merged into the table. `cloud` is the clouds.yaml name in use (a
 * function: asked only when a file names clouds).
 */
export function extensionsFor(
  cloud: string | undefined | (() => string | undefined),
  builtins: CommandSpec[],
  env: NodeJS.ProcessEnv = process.env,
  /** The app: also a `:<plural>` command per declared resource. */
  options: { screens?: boolean } = {},
): CloudExtensions {
  const reserved = commandNames(builtins);
  const loaded = loadExtensions({ env, reservedCommands: reserved, cloud });
  return {
    loaded,
    commands: [...builtins, ...extensionCommands(loaded, env), ...(options.screens ? screenCommands(loaded.resources, reserved) : [])],
    warnings: loaded.files.filter((f) => f.error).map((f) => `extension file ignored: ${f.error}`),
  };
}
