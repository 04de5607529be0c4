import { GLOBAL_OPTIONS } from './parse.js';
import type { CommandSpec, CompleterKind, OptionSpec } from './types.js';

/** Where completion candidates of a kind come from (the completion caches, mostly). */
export type CandidateSource = (kind: CompleterKind, prefix: string) => string[];

export const FILES_MARKER = '__files__';

function optionCandidates(command: CommandSpec | undefined, prefix: string): string[] {
  const specs = { ...(command?.options ?? {}), ...GLOBAL_OPTIONS };
  return Object.keys(specs).map((n) => `--${n}`).filter((o) => o.startsWith(prefix)).sort();
}

function optionSpecFor(command: CommandSpec | undefined, word: string): OptionSpec | undefined {
  if (!word.startsWith('-') || word.includes('=')) return undefined;
  const specs = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  if (word.startsWith('--')) return specs[word.slice(2)];
  return Object.values(specs).find((s) => s.short === word.slice(1));
}

function fromKind(kind: CompleterKind | undefined, prefix: string, source: CandidateSource): string[] {
  if (!kind) return [];
  if (Array.isArray(kind)) return (kind as readonly string[]).filter((c) => c.startsWith(prefix));
  if (kind === 'file') return [FILES_MARKER];
  return source(kind, prefix);
}

/**
 * Candidates for word `cword` of a command line (words after "novash"), shared by the shell
 * completion scripts and the app's ':' prompt.
 */
export function completeWords(
  words: string[],
  cword: number,
  commands: CommandSpec[],
  source: CandidateSource,
): string[] {
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
  const command = commandIdx >= 0 ? visible.find((c) => c.name === words[commandIdx] || c.aliases?.includes(words[commandIdx]!)) : undefined;
  const prev = cword > 0 ? words[cword - 1]! : '';
  const prevSpec = optionSpecFor(command, prev);
  if (prevSpec?.type === 'string') return fromKind(prevSpec.completer, prefix, source);
  if (prefix.startsWith('-')) return optionCandidates(command, prefix);
  if (commandIdx < 0) return visible.map((c) => c.name).filter((n) => n.startsWith(prefix)).sort();
  if (!command) return [];
  if (command.name === 'help') return visible.map((c) => c.name).filter((n) => n.startsWith(prefix)).sort();
  // Which positional is this? Count the plain words between the command and the cursor.
  let pos = 0;
  for (let i = commandIdx + 1; i < cword; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (optionSpecFor(command, w)?.type === 'string') i++;
      continue;
    }
    pos++;
  }
  const positionals = command.positionals;
  const spec = positionals[pos] ?? (positionals.at(-1)?.variadic ? positionals.at(-1) : undefined);
  return fromKind(spec?.completer, prefix, source);
}

export function bashScript(): string {
  return `# novash bash completion: eval "$(novash completion bash)"
_novash() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  local out
  out=$(novash __complete "$((COMP_CWORD-1))" "\${COMP_WORDS[@]:1}" 2>/dev/null)
  if [[ "$out" == "${FILES_MARKER}" ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -W "$out" -- "$cur"))
}
complete -o default -F _novash novash
`;
}

export function zshScript(): string {
  return `# novash zsh completion: eval "$(novash completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript()}`;
}
