import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CompletionCache } from '../cache/completionCache.js';
import { FILES_MARKER, completeWords } from '../commands/complete.js';
import { parseFormat, type OutputFormat } from '../commands/output.js';
import { parseCommandLine, splitCommandLine } from '../commands/parse.js';
import { helpText } from '../commands/shell.js';
import { allowed, refusal } from '../commands/dispatch.js';
import { COMMANDS, findCommand as findBuiltinCommand } from '../commands/table.js';
import type { AppAction, CommandInput, CommandSpec, CompleterKind } from '../commands/types.js';
import { UsageError } from '../session/errors.js';

export type { FormName } from '../operations/types.js';
export type { JumpTarget } from '../commands/types.js';

export type PromptAction =
  | AppAction
  | { kind: 'text'; title: string; text: string }
  | { kind: 'run'; command: CommandSpec; input: CommandInput; line: string; format?: OutputFormat; columns?: string[] };

const CONNECTION_OPTION = /^--?(os-|insecure)/;

/**
 * What a ':' line asks for: an app command (a jump, a form, a switch), or a command of the table
 * parsed exactly as on the command line. Throws UsageError with the CLI's wording.
 */
export function interpretPromptLine(
  line: string,
  opts: {
    readOnly: boolean;
    /** The table of this cloud (built-in plus declared rows); default the built-in one. */ commands?: readonly CommandSpec[];
  },
): PromptAction | undefined {
  const words = splitCommandLine(line.trim().replace(/^:+/, ''));
  if (!words.length) return undefined;
  const [name, ...rest] = words as [string, ...string[]];
  const table = opts.commands ?? COMMANDS;
  const findCommand = opts.commands
    ? (n: string) => opts.commands!.find((c) => c.name === n || c.aliases?.includes(n))
    : findBuiltinCommand;
  const command = findCommand(name);
  const form = command?.appForm;
  if (command && form && rest.length <= form.maxArgs && rest.every((w) => !w.startsWith('-'))) {
    const refused = refusal(command, opts);
    if (refused) throw refused;
    return { kind: 'form', form: form.form, server: rest[0] };
  }
  const conn = words.find((w) => CONNECTION_OPTION.test(w));
  if (conn) throw new UsageError(`${conn.split('=')[0]} is not available in the app: switch with :cloud NAME or :project NAME.`);
  const parsed = inTheApp(() => parseCommandLine(words, findCommand));
  if (!parsed.command) throw new UsageError(`novash: '${name}' is not a command. Try :help.`);
  if (parsed.globals.help) return { kind: 'text', title: `help ${parsed.command.name}`, text: helpText([...table], parsed.command.name) };
  const appAction = parsed.command.app?.(parsed.input);
  if (appAction) return appAction;
  // Said before the confirmation is asked; dispatch() applies the same rule when it runs.
  const refused = refusal(parsed.command, opts);
  if (refused) throw refused;
  // Arguments a command can check without the cloud are checked before the confirmation.
  inTheApp(() => parsed.command!.check?.(parsed.input));
  const format = parsed.globals.format !== undefined ? parseFormat(parsed.globals.format) : undefined;
  const columns = parsed.globals.column as string[] | undefined;
  return { kind: 'run', command: parsed.command, input: parsed.input, line: words.join(' '), format, columns };
}

/** The CLI's usage messages point at `novash help X`; in the app, help is `:help X`. */
function inTheApp<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UsageError && err.message.includes("'novash help"))
      throw new UsageError(err.message.replace(/'novash help( [^']*)?'/g, (_m, c: string | undefined) => `':help${c ?? ''}'`));
    throw err;
  }
}

export interface CompletionSources {
  cache?: CompletionCache;
  readOnly: boolean;
  /** The table of this cloud (built-in plus declared rows); default the built-in one. */
  commands?: readonly CommandSpec[];
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
  const table = (sources.commands ?? COMMANDS).filter((c) => allowed(c, sources));
  const source = (kind: CompleterKind, prefix: string): string[] => {
    if (kind === 'server' || kind === 'flavor' || kind === 'image') return sources.cache?.candidates(kind, prefix) ?? [];
    // A declared resource's ids and names, from its completion cache (filled by its lists).
    if (typeof kind === 'string' && kind.startsWith('declared-'))
      return sources.cache?.candidates(kind as `declared-${string}`, prefix) ?? [];
    if (kind === 'keypair') return (sources.keypairs ?? []).filter((k) => k.startsWith(prefix));
    if (kind === 'cloud') return (sources.clouds ?? []).filter((k) => k.startsWith(prefix));
    if (kind === 'project') return (sources.projects ?? []).filter((k) => k.startsWith(prefix));
    if (kind === 'command')
      return table
        .filter((c) => !c.hidden)
        .map((c) => c.name)
        .filter((n) => n.startsWith(prefix));
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
