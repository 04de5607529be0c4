/**
 * What novash answers without a cloud: `--version`, `help [CMD]`, `CMD --help`, `completion SHELL`
 * and `__complete` (one Tab). The launcher runs this small bundle (dist/fast.cjs) first when the
 * command line looks like one of them, so a Tab loads no HTTP client, no token store and no
 * config schema; clouds.yaml (and YAML) is read only to find the completion cache of a cloud.
 * Anything else returns undefined and the full CLI takes over (and reports any usage error).
 */
import { parseCommandLine } from './commands/parse.js';
import { helpText } from './commands/shell.js';
import { COMMANDS, findCommand } from './commands/table.js';
import type { CommandContext } from './commands/types.js';
import { VERSION } from './version.js';

/** Words that make the launcher try this path first; a miss costs one small bundle load. */
export const FAST_WORDS = ['__complete', '--version', '--help', '-h', 'help', 'completion'];

/** What a local command gets: no cloud (help and completion never ask for one). */
const LOCAL_CONTEXT: CommandContext = {
  managers: () => Promise.reject(new Error('This command runs without a cloud.')),
  progress: { update: () => undefined, done: () => undefined },
};

/** Runs the command line if it needs no cloud; undefined when the full CLI must run it. */
export async function runLocal(argv: string[]): Promise<number | undefined> {
  if (argv[0] === '__complete') {
    // Declared commands complete like the built-in ones (the loader only reads a directory when there are none).
    // Imported here: --version and help need neither the completion caches nor clouds.yaml's reader.
    const [{ cliExtensions }, { runComplete }] = await Promise.all([import('./extensions/index.js'), import('./commands/completeRun.js')]);
    return runComplete(argv.slice(1), cliExtensions(argv, COMMANDS).commands);
  }
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, findCommand);
  } catch {
    return undefined;
  }
  const { command, globals, input } = parsed;
  const plain = globals.format === undefined && globals.column === undefined;
  try {
    if (globals.version) {
      process.stdout.write(`novash ${VERSION}\n`);
      return 0;
    }
    if (globals.help) {
      process.stdout.write(helpText(COMMANDS, command?.name) + '\n');
      return 0;
    }
    if (command && plain && (command.name === 'help' || command.name === 'completion')) {
      const result = await command.run(LOCAL_CONTEXT, input);
      if (result.kind !== 'text') return undefined;
      process.stdout.write(result.text + '\n');
      return 0;
    }
  } catch {
    // A usage error (an unknown command after help...): the full CLI words and reports it.
    return undefined;
  }
  return undefined;
}
