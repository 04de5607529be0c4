/**
 * What novash answers without a cloud: `--version`, `help [CMD]`, `CMD --help`, `completion SHELL`
 * and `__complete` (one Tab). The launcher runs this small bundle (dist/fast.cjs) first when the
 * command line looks like one of them, so a Tab loads no HTTP client, no token store and no
 * config schema; clouds.yaml (and YAML) is read only to find the completion cache of a cloud.
 * Anything else returns undefined and the full CLI takes over (and reports any usage error).
 */
import { type CachedKind, CompletionCache, cacheDirFor } from './cache/completionCache.js';
import { completeWords } from './commands/complete.js';
import { parseCommandLine } from './commands/parse.js';
import { helpText } from './commands/shell.js';
import { COMMANDS, findCommand } from './commands/table.js';
import type { CommandContext } from './commands/types.js';
import type { ConnectionFlags } from './config/types.js';
import { VERSION } from './version.js';

/** Words that make the launcher try this path first; a miss costs one small bundle load. */
export const FAST_WORDS = ['__complete', '--version', '--help', '-h', 'help', 'completion'];

/** `novash __complete CWORD WORDS...`: completion candidates from the cache files, with no network. */
export async function runComplete(args: string[]): Promise<number> {
  const words = args.slice(1);
  const cword = Number.isFinite(Number(args[0])) ? Number(args[0]) : words.length - 1;
  // completeWords asks for candidates synchronously: a first pass learns which cached kinds it
  // wants, so that the config (clouds.yaml, YAML) is loaded only when a name is completed.
  const wanted = new Set<CachedKind>();
  completeWords(words, cword, COMMANDS, (kind) => {
    if (typeof kind === 'string' && kind !== 'command') wanted.add(kind as CachedKind);
    return [];
  });
  const candidates = new Map<string, string[]>();
  if (wanted.size) {
    const cache = await cacheOf(words);
    for (const kind of wanted) candidates.set(kind, cache?.candidates(kind, '') ?? []);
  }
  const out = completeWords(words, cword, COMMANDS, (kind, prefix) => {
    if (kind === 'command') return COMMANDS.filter((c) => !c.hidden).map((c) => c.name).filter((n) => n.startsWith(prefix));
    return (candidates.get(kind as string) ?? []).filter((v) => v.startsWith(prefix));
  });
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return 0;
}

/** The completion cache of the cloud the words name (--os-cloud) or the environment does; null when none resolves. */
async function cacheOf(words: string[]): Promise<CompletionCache | null> {
  try {
    const cloudIdx = words.indexOf('--os-cloud');
    const flags: ConnectionFlags = { osCloud: cloudIdx >= 0 ? words[cloudIdx + 1] : undefined };
    const { resolveCloudConfig } = await import('./config/resolve.js');
    return new CompletionCache(cacheDirFor(resolveCloudConfig(flags, { requireSecrets: false })));
  } catch {
    return null;
  }
}

/** What a local command gets: no cloud (help and completion never ask for one). */
const LOCAL_CONTEXT: CommandContext = {
  managers: () => Promise.reject(new Error('This command runs without a cloud.')),
  progress: { update: () => undefined, done: () => undefined },
};

/** Runs the command line if it needs no cloud; undefined when the full CLI must run it. */
export async function runLocal(argv: string[]): Promise<number | undefined> {
  if (argv[0] === '__complete') return runComplete(argv.slice(1));
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
    if (command?.local && plain && (command.name === 'help' || command.name === 'completion')) {
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
