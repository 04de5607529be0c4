import type { Managers } from '../managers/index.js';

/** What a positional argument or option value completes to (`declared-<name>`: a resource from an extension file). */
export type CompleterKind = 'server' | 'flavor' | 'image' | 'keypair' | 'network' | 'zone' | 'file' | 'command' | `declared-${string}` | readonly string[];

export interface PositionalSpec {
  name: string;
  required?: boolean;
  /** Takes every remaining positional (e.g. `delete a b c`). */
  variadic?: boolean;
  completer?: CompleterKind;
  help?: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  help: string;
  valueName?: string;
  completer?: CompleterKind;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandInput {
  args: Record<string, string | string[] | undefined>;
  options: OptionValues;
}

/** Progress of a --wait: one line, rewritten in place on a terminal. */
export interface ProgressReporter {
  update(text: string): void;
  done(text?: string): void;
}

export interface CommandContext {
  /** The managers, created (and the session authenticated) only when a command needs them. */
  managers(): Promise<Managers>;
  progress: ProgressReporter;
  signal?: AbortSignal;
  readOnly?: boolean;
}

export type Cell = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

export type CommandResult =
  | { kind: 'table'; columns: string[]; rows: Cell[][]; data?: unknown }
  | { kind: 'record'; fields: Array<[string, Cell]>; data?: unknown }
  | { kind: 'text'; text: string; data?: unknown }
  | { kind: 'message'; text: string; data?: unknown; failed?: boolean; /** Lines about what failed (stderr). */ errors?: string[] };

export interface CommandSpec {
  name: string;
  aliases?: string[];
  group: 'servers' | 'flavors' | 'images' | 'keypairs' | 'cloud' | 'shell';
  summary: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Changes the cloud: refused under --read-only, confirmed in the app. */
  mutating: boolean;
  /** Needs no cloud at all (help, completion). */
  local?: boolean;
  hidden?: boolean;
  examples?: string[];
  run(ctx: CommandContext, input: CommandInput): Promise<CommandResult>;
}
