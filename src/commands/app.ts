import { UsageError } from '../session/errors.js';
import type { AppAction, CommandSpec, JumpTarget, PositionalSpec } from './types.js';

/** Commands of the interactive app (`:servers`, `:cloud NAME`, `:quit`): rows of the same table. */

function appCommand(
  name: string,
  summary: string,
  action: (args: Record<string, string | string[] | undefined>) => AppAction,
  positionals: PositionalSpec[] = [],
  aliases?: string[],
): CommandSpec {
  return {
    name,
    aliases,
    group: 'app',
    summary,
    positionals,
    options: {},
    mutating: false,
    app: (input) => action(input.args),
    run: async () => {
      throw new UsageError(
        `'${name}' is a command of the interactive app: start 'novash' with no command on a terminal, then type :${name}.`,
      );
    },
  };
}

const jump = (screen: JumpTarget, summary: string, aliases?: string[]) =>
  appCommand(screen, summary, () => ({ kind: 'jump', screen }), [], aliases);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The screens `:name` jumps to, as the help overlay lists them. */
export const JUMP_SCREENS: readonly string[] = [
  'servers',
  'flavors',
  'images',
  'keypairs',
  'limits',
  'server-groups',
  'hypervisors',
  'services',
] satisfies readonly JumpTarget[];

export const appCommands: CommandSpec[] = [
  jump('servers', 'Go to the servers list'),
  jump('flavors', 'Go to the flavors list'),
  jump('images', 'Go to the images list'),
  jump('keypairs', 'Go to the key pairs list'),
  jump('server-groups', 'Go to the server groups list', ['groups']),
  jump('hypervisors', 'Go to the hypervisors (compute nodes) list (admin)'),
  jump('services', 'Go to the compute services list (admin)'),
  appCommand('cloud', 'Switch to another cloud of clouds.yaml', (a) => ({ kind: 'switch-cloud', name: str(a.name) }), [
    { name: 'name', completer: 'cloud' },
  ]),
  appCommand('project', 'Switch to another of your projects', (a) => ({ kind: 'switch-project', name: str(a.name) }), [
    { name: 'name', completer: 'project' },
  ]),
  appCommand('quit', 'Leave the app', () => ({ kind: 'quit' }), [], ['q', 'exit']),
];
