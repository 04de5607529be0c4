import type { Managers } from '../managers/index.js';
import type { FormName, ServerOperation } from '../operations/types.js';
import type { Shown } from './cell.js';

/**
 * What a positional argument or option value completes to. 'nic': auto, none, net-id=<network>,
 * net-name=<network>, port-id=; 'hint': group=<server group>, same_host= / different_host=<server>;
 * `declared-<name>`: a resource from an extension file.
 */
export type CompleterKind =
  | 'server'
  | 'flavor'
  | 'image'
  | 'keypair'
  | 'network'
  | 'zone'
  | 'server-group'
  | 'file'
  | 'command'
  | 'nic'
  | 'hint'
  | 'cloud'
  | 'project'
  | `declared-${string}`
  | readonly string[];

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
  /** Must be given: checked before anything is sent, and shown as required in the usage line. */
  required?: boolean;
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
  /** Set by dispatch() under --read-only (a command may then skip harmless probes that send). */
  readOnly?: boolean;
}

/**
 * A machine value (what -f json prints: numbers, booleans, null, nested data as the API gives it),
 * or a Shown cell: such a value with the text a table shows for it (cell.ts).
 */
export type Cell = string | number | boolean | null | undefined | Record<string, unknown> | unknown[] | Shown;

export type CommandResult =
  | { kind: 'table'; columns: string[]; rows: Cell[][]; data?: unknown }
  | { kind: 'record'; fields: Array<[name: string, value: Cell]>; data?: unknown }
  | { kind: 'text'; text: string; data?: unknown }
  | { kind: 'message'; text: string; data?: unknown; failed?: boolean; /** Lines about what failed (stderr). */ errors?: string[] };

/** The screens the app can jump to with `:name`. */
export type JumpTarget = 'servers' | 'flavors' | 'images' | 'keypairs' | 'limits' | 'server-groups' | 'hypervisors' | 'services';

/** What an app command asks the app to do. */
export type AppAction =
  | { kind: 'jump'; screen: JumpTarget }
  /** The screen of a resource declared in an extension file (`:documents`). */
  | { kind: 'resource'; plural: string; title: string }
  | { kind: 'form'; form: FormName; server?: string }
  | { kind: 'switch-cloud'; name?: string }
  | { kind: 'switch-project'; name?: string }
  | { kind: 'quit' };

export type CommandGroup = 'servers' | 'flavors' | 'images' | 'keypairs' | 'cloud' | 'shell' | 'app' | (string & {});

export interface CommandSpec {
  name: string;
  aliases?: string[];
  group: CommandGroup;
  summary: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Changes the cloud: refused under --read-only, confirmed in the app. */
  mutating: boolean;
  hidden?: boolean;
  /** The server operation this command runs (the action menu offers the same row). */
  operation?: ServerOperation;
  /** In the app: what it asks the app to do instead of running (`:servers`, `:cloud`, `:limits` alone); undefined: run it. */
  app?: (input: CommandInput) => AppAction | undefined;
  /** In the app, the command with at most `maxArgs` plain arguments (no options) opens this form. */
  appForm?: { form: FormName; maxArgs: number };
  examples?: string[];
  /** Checks the arguments, sending nothing (throws UsageError): the app's prompt asks only about a line that passes. */
  check?(input: CommandInput): void;
  run(ctx: CommandContext, input: CommandInput): Promise<CommandResult>;
}
