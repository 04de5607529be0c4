import { FILES_MARKER } from './completionScripts.js';
import { GLOBAL_OPTIONS } from './parse.js';
import type { CommandSpec, CompleterKind, OptionSpec } from './types.js';

/** Where completion candidates of a kind come from (the completion caches, mostly). */
export type CandidateSource = (kind: CompleterKind, prefix: string) => string[];

export { FILES_MARKER };

/** A candidate, with what it is (a command's summary, an option's help) for shells that show it. */
export interface Candidate {
  value: string;
  help?: string;
}

function optionCandidates(command: CommandSpec | undefined, prefix: string): Candidate[] {
  const specs = { ...(command?.options ?? {}), ...GLOBAL_OPTIONS };
  return Object.entries(specs)
    .map(([n, o]) => ({ value: `--${n}`, help: o.help }))
    .filter((o) => o.value.startsWith(prefix))
    .sort((a, b) => (a.value < b.value ? -1 : 1));
}

function optionSpecFor(command: CommandSpec | undefined, word: string): OptionSpec | undefined {
  if (!word.startsWith('-') || word.includes('=')) return undefined;
  const specs = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  if (word.startsWith('--')) return specs[word.slice(2)];
  return Object.values(specs).find((s) => s.short === word.slice(1));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `key=value` words (--nic net-id=..., --hint group=...): the keys, then each key's values. */
function keyed(
  prefix: string,
  keys: Record<string, { kind?: CompleterKind; ids?: boolean }>,
  plain: string[],
  source: CandidateSource,
): Candidate[] {
  const eq = prefix.indexOf('=');
  if (eq < 0) return [...plain, ...Object.keys(keys).map((k) => `${k}=`)].filter((c) => c.startsWith(prefix)).map((value) => ({ value }));
  const key = prefix.slice(0, eq);
  const spec = keys[key];
  if (!spec?.kind) return [];
  const values = source(spec.kind, prefix.slice(eq + 1)).filter((v) => (spec.ids === undefined ? true : spec.ids === UUID.test(v)));
  return values.map((v) => ({ value: `${key}=${v}` }));
}

function fromKind(kind: CompleterKind | undefined, prefix: string, source: CandidateSource): Candidate[] {
  if (!kind) return [];
  if (Array.isArray(kind)) return (kind as readonly string[]).filter((c) => c.startsWith(prefix)).map((value) => ({ value }));
  if (kind === 'file') return [{ value: FILES_MARKER }];
  if (kind === 'nic') {
    return keyed(
      prefix,
      {
        'net-id': { kind: 'network', ids: true },
        'net-name': { kind: 'network', ids: false },
        'port-id': {},
        'v4-fixed-ip': {},
        'v6-fixed-ip': {},
      },
      ['auto', 'none'],
      source,
    );
  }
  if (kind === 'hint') {
    return keyed(
      prefix,
      {
        // Names and ids both: boot resolves each to its id before sending.
        group: { kind: 'server-group' },
        same_host: { kind: 'server' },
        different_host: { kind: 'server' },
      },
      [],
      source,
    );
  }
  return source(kind, prefix).map((value) => ({ value }));
}

function commandCandidates(commands: CommandSpec[], prefix: string): Candidate[] {
  return commands
    .filter((c) => c.name.startsWith(prefix))
    .map((c) => ({ value: c.name, help: c.summary }))
    .sort((a, b) => (a.value < b.value ? -1 : 1));
}

/**
 * Candidates, with their help, for word `cword` of a command line (the words after "novash",
 * unquoted), shared by the shell completion scripts and the app's ':' prompt. A word
 * `--option=prefix` completes to `--option=value`.
 */
export function completeCandidates(words: string[], cword: number, commands: CommandSpec[], source: CandidateSource): Candidate[] {
  const prefix = words[cword] ?? '';
  const visible = commands.filter((c) => !c.hidden);
  // Find the command word before the cursor, skipping global options and their values.
  let commandIdx = -1;
  for (let i = 0; i < cword; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      const spec = optionSpecFor(undefined, w);
      if (spec?.type === 'string') i++;
      continue;
    }
    commandIdx = i;
    break;
  }
  const command =
    commandIdx >= 0 ? visible.find((c) => c.name === words[commandIdx] || c.aliases?.includes(words[commandIdx]!)) : undefined;
  // After `--` every word is a positional, even one starting with '-' (a server named --web).
  const dashes = commandIdx >= 0 ? words.indexOf('--', commandIdx + 1) : -1;
  const optionsEnd = dashes >= 0 && dashes < cword ? dashes : cword;
  const attached = optionsEnd === cword ? /^(--[^=]+)=(.*)$/s.exec(prefix) : null;
  if (attached) {
    // --flavor=m1: the option's values, each written back with the option in front.
    const spec = optionSpecFor(command, attached[1]!);
    if (spec?.type !== 'string') return [];
    return fromKind(spec.completer, attached[2]!, source).map((c) =>
      c.value === FILES_MARKER ? c : { value: `${attached[1]}=${c.value}` },
    );
  }
  const prev = cword > 0 ? words[cword - 1]! : '';
  const prevSpec = cword - 1 < optionsEnd ? optionSpecFor(command, prev) : undefined;
  if (prevSpec?.type === 'string') return fromKind(prevSpec.completer, prefix, source);
  if (prefix.startsWith('-') && optionsEnd === cword) return optionCandidates(command, prefix);
  if (commandIdx < 0) return commandCandidates(visible, prefix);
  if (!command) return [];
  if (command.name === 'help') return commandCandidates(visible, prefix);
  // Which positional is this? Count the plain words between the command and the cursor.
  let pos = 0;
  for (let i = commandIdx + 1; i < cword; i++) {
    const w = words[i]!;
    if (i === optionsEnd) continue;
    if (w.startsWith('-') && i < optionsEnd) {
      if (optionSpecFor(command, w)?.type === 'string') i++;
      continue;
    }
    pos++;
  }
  const positionals = command.positionals;
  const spec = positionals[pos] ?? (positionals.at(-1)?.variadic ? positionals.at(-1) : undefined);
  return fromKind(spec?.completer, prefix, source);
}

/** The candidates' values only (the app's ':' prompt, plain `novash __complete`). */
export function completeWords(words: string[], cword: number, commands: CommandSpec[], source: CandidateSource): string[] {
  return completeCandidates(words, cword, commands, source).map((c) => c.value);
}

export { bashScript, fishScript, zshScript } from './completionScripts.js';
