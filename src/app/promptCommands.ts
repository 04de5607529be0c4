import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CompletionCache } from '../cache/completionCache.js';
import { FILES_MARKER, completeWords } from '../commands/complete.js';
import { parseFormat, type OutputFormat } from '../commands/output.js';
import { parseCommandLine, splitCommandLine } from '../commands/parse.js';
import { helpText } from '../commands/shell.js';
import { COMMANDS, findCommand } from '../commands/table.js';
import type { CommandInput, CommandSpec, CompleterKind } from '../commands/types.js';
import { UsageError } from '../session/errors.js';

/** The lists the app can jump to with `:name`. */
export type JumpTarget = 'servers' | 'flavors' | 'images' | 'keypairs' | 'limits';
export type FormName = 'boot' | 'backup' | 'snapshot' | 'resize' | 'rebuild';

export type PromptAction =
  | { kind: 'jump'; screen: JumpTarget }
  | { kind: 'form'; form: FormName; server?: string }
  | { kind: 'switch-cloud'; name?: string }
  | { kind: 'switch-project'; name?: string }
  | { kind: 'quit' }
  | { kind: 'text'; title: string; text: string }
  | { kind: 'run'; command: CommandSpec; input: CommandInput; line: string; format?: OutputFormat; columns?: string[] };

const noRun = async (): Promise<never> => {
  throw new UsageError('This is an app command.');
};

function appCommand(name: string, summary: string, positionals: CommandSpec['positionals'] = [], aliases?: string[]): CommandSpec {
  return { name, aliases, group: 'shell', summary, positionals, options: {}, mutating: false, local: true, run: noRun };
}

const JUMPS: Record<JumpTarget, string> = {
  servers: 'Go to the servers list',
  flavors: 'Go to the flavors list',
  images: 'Go to the images list',
  keypairs: 'Go to the key pairs list',
  limits: 'Go to the limits (used / max)',
};

/** Commands only the app has (jumps, switching, quit); the rest is the one-shot command table. */
export function appCommands(clouds: readonly string[] = [], projects: readonly string[] = []): CommandSpec[] {
  return [
    ...(Object.keys(JUMPS) as JumpTarget[]).filter((n) => n !== 'limits').map((n) => appCommand(n, JUMPS[n])),
    appCommand('cloud', 'Switch to another cloud of clouds.yaml', [{ name: 'name', completer: clouds }]),
    appCommand('project', 'Switch to another of your projects', [{ name: 'name', completer: projects }]),
    appCommand('quit', 'Leave the app', [], ['q']),
  ];
}

const CONNECTION_OPTION = /^--?(os-|insecure)/;
const FORMS: Record<string, FormName> = { boot: 'boot', backup: 'backup', 'image-create': 'snapshot', resize: 'resize', rebuild: 'rebuild' };

/**
 * What a ':' line asks for: a jump, a form, a switch, or a one-shot command of the table
 * (parsed exactly as on the command line). Throws UsageError with the CLI's wording.
 */
export function interpretPromptLine(line: string, opts: { readOnly: boolean }): PromptAction | undefined {
  const words = splitCommandLine(line.trim().replace(/^:+/, ''));
  if (!words.length) return undefined;
  const [name, ...rest] = words as [string, ...string[]];
  if (name in JUMPS && rest.length === 0) return { kind: 'jump', screen: name as JumpTarget };
  if (name === 'quit' || name === 'q' || name === 'exit') return { kind: 'quit' };
  if (name === 'cloud') return { kind: 'switch-cloud', name: rest[0] };
  if (name === 'project') return { kind: 'switch-project', name: rest[0] };
  if (name in JUMPS && !findCommand(name)) throw new UsageError(`:${name} takes no arguments (it opens the ${name} screen).`);
  const formName = FORMS[name];
  const plain = rest.filter((w) => !w.startsWith('-'));
  if (formName && plain.length === rest.length && rest.length <= (formName === 'boot' ? 0 : 1)) {
    if (opts.readOnly) throw new UsageError(`novash ${name} changes the cloud and --read-only is set; nothing was sent.`);
    return { kind: 'form', form: formName, server: rest[0] };
  }
  const conn = words.find((w) => CONNECTION_OPTION.test(w));
  if (conn) throw new UsageError(`${conn.split('=')[0]} is not available in the app: switch with :cloud NAME or :project NAME.`);
  const parsed = parseCommandLine(words, findCommand);
  if (!parsed.command) throw new UsageError(`novash: '${name}' is not a command. Try :help.`);
  if (parsed.globals.help) return { kind: 'text', title: `help ${parsed.command.name}`, text: helpText(COMMANDS, parsed.command.name) };
  if (parsed.command.mutating && opts.readOnly) {
    throw new UsageError(`novash ${parsed.command.name} changes the cloud and --read-only is set; nothing was sent.`);
  }
  const format = parsed.globals.format !== undefined ? parseFormat(parsed.globals.format) : undefined;
  const columns = parsed.globals.column as string[] | undefined;
  return { kind: 'run', command: parsed.command, input: parsed.input, line: words.join(' '), format, columns };
}

export interface CompletionSources {
  cache?: CompletionCache;
  readOnly: boolean;
  keypairs?: readonly string[];
  clouds?: readonly string[];
  projects?: readonly string[];
}

/** File names for a `file` completer: the entries of the prefix's directory. */
export function fileCandidates(prefix: string): string[] {
  const expanded = prefix.startsWith('~/') ? join(homedir(), prefix.slice(2)) : prefix;
  const dir = expanded.endsWith('/') ? expanded : dirname(expanded);
  const shownDir = prefix.endsWith('/') ? prefix : prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
  try {
    return readdirSync(dir === '' ? '.' : dir)
      .filter((n) => !n.startsWith('.') || prefix.split('/').pop()!.startsWith('.'))
      .map((n) => {
        let isDir = false;
        try {
          isDir = statSync(join(dir, n)).isDirectory();
        } catch {
          // unreadable entry: offer it as a file
        }
        return shownDir + n + (isDir ? '/' : '');
      })
      .filter((c) => c.startsWith(prefix))
      .sort();
  } catch {
    return [];
  }
}

/** The words of a line up to the cursor, the last one possibly empty (the one being completed). */
export function wordsBeforeCursor(text: string): string[] {
  let words: string[];
  try {
    words = splitCommandLine(text);
  } catch {
    // An open quote: complete the raw last word.
    words = text.split(/\s+/).filter(Boolean);
  }
  if (text === '' || /\s$/.test(text)) words.push('');
  return words;
}

/** Tab candidates for the word before the cursor of a ':' line: the CLI's completion plus the app's commands. */
export function promptCandidates(text: string, sources: CompletionSources): string[] {
  const words = wordsBeforeCursor(text.replace(/^:+/, ''));
  const table = [
    ...COMMANDS.filter((c) => !(sources.readOnly && c.mutating)),
    ...appCommands(sources.clouds, sources.projects),
  ];
  const source = (kind: CompleterKind, prefix: string): string[] => {
    if (kind === 'server' || kind === 'flavor' || kind === 'image') return sources.cache?.candidates(kind, prefix) ?? [];
    if (kind === 'keypair') return (sources.keypairs ?? []).filter((k) => k.startsWith(prefix));
    if (kind === 'command') return table.filter((c) => !c.hidden).map((c) => c.name).filter((n) => n.startsWith(prefix));
    return [];
  };
  const out = completeWords(words, words.length - 1, table, source);
  if (out.length === 1 && out[0] === FILES_MARKER) return fileCandidates(words.at(-1) ?? '');
  return [...new Set(out)];
}

/** The longest common prefix of the candidates. */
export function commonPrefix(items: readonly string[]): string {
  if (!items.length) return '';
  let p = items[0]!;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** A word safe to put back on a command line (quoted when it holds spaces or quotes). */
export function quoteWord(word: string): string {
  return /[\s"'\\]/.test(word) ? `'${word.replace(/'/g, `'\\''`)}'` : word;
}
