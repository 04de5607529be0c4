import type { CommandInput, CommandResult, OptionSpec, PositionalSpec } from '../commands/types.js';
import type { Managers } from '../managers/index.js';
import type { Image, Server } from '../managers/types.js';
import type { ProgressSink } from './follow.js';
import type { Settle, StateRule } from './states.js';

/** The guided forms of the app; an operation that needs choices names the one that asks for them. */
export type FormName = 'boot' | 'backup' | 'snapshot' | 'resize' | 'rebuild';

/** What Nova answered to an operation, as far as a caller needs it. */
export interface OperationAnswer {
  /** The image a snapshot / backup makes: --wait follows it to active. */
  imageId?: string;
  /** Said instead of "Request to VERB server X has been accepted." */
  message?: string;
  /** Kept for -f json. */
  data?: unknown;
  /** An image to show as the result. */
  image?: Image;
  /** What the CLI shows instead of the line when not waiting (a declared action's text or record answer). */
  result?: CommandResult;
}

/** Everything an operation's steps get: the managers, the parsed arguments, where progress goes. */
export interface OperationContext {
  managers: Managers;
  input: CommandInput;
  progress: ProgressSink;
  signal?: AbortSignal;
}

/**
 * One operation on a server, declared once: the one-shot CLI (`novash stop vm1`), the app's ':'
 * prompt, the server's action menu, help, shell completion and --read-only all read it. Built-in
 * operations and the ones declared in extension files are rows of the same table.
 */
export interface ServerOperation {
  /** The command name (novaclient's): `stop`, `resize-confirm`. */
  name: string;
  aliases?: string[];
  /** The action menu's entry. */
  label: string;
  /** The action menu's key. */
  hotkey?: string;
  summary: string;
  /** "stop" -> "Request to stop server vm1 (...) has been accepted." */
  verb: string;
  /** When it applies (the menu offers it only then). */
  appliesTo: StateRule;
  /** The CLI refuses it outside `appliesTo` too, before sending (where Nova's own refusal says less). */
  strict?: boolean;
  /**
   * Nova's default policy keeps it for administrators: the app's menu leaves it out for a user
   * without the admin role (the CLI and the prompt still send it: a site's policy may allow it).
   */
  adminOnly?: boolean;
  /** Asked before it is sent from the app: `{server}` stands for "name (id)", `{choice}` for what was picked (see `choices`). */
  confirm?: { question: string; destructive: boolean };
  /** Changes the cloud: refused under --read-only. */
  changesCloud: boolean;
  /** The end state --wait and the app follow it to. */
  settle: Settle;
  /** Takes several servers (`novash stop a b c`): each tried, every failure reported. */
  many?: boolean;
  /** Arguments after the server. */
  positionals?: PositionalSpec[];
  options?: Record<string, OptionSpec>;
  /** The app opens this form instead of sending at once (the form asks for the arguments). */
  form?: FormName;
  /** The app asks for the arguments by offering these, loaded from the cloud for the server (a network, a port). */
  choices?: OperationChoices;
  /** Checks the arguments before anything is sent (even the server's lookup); throws UsageError. */
  check?(input: CommandInput): void;
  /** Entries of the action menu when one command is offered as several (reboot: soft and hard). */
  menu?: MenuVariant[];
  /** The line --wait ends with (default "Server NAME (ID): VERB done."). */
  waited?(server: Server, final: Server | undefined, answer: OperationAnswer): string;
  /** It creates an image (backup, snapshot): a lost answer is said to have maybe made one. */
  makesImage?: boolean;
  /** The CLI shows the server's details at the end (rebuild), not a line. */
  showsServer?: boolean;
  minMicroversion?: string;
  examples?: string[];
  /** Where it comes from: built in, or an extension file's path. */
  source?: string;
  /** Checks and sends the request; nothing is sent when it throws a UsageError. */
  send(ctx: OperationContext, server: Server): Promise<OperationAnswer | void>;
  /** What --wait does after the request, when more than following the server to `settle` (e.g. an image to active). */
  follow?(ctx: OperationContext, server: Server, answer: OperationAnswer): Promise<FollowedResult | void>;
}

/**
 * One thing the app offers for an operation's arguments (a network to attach to, a port to detach):
 * it fills the arguments as a command line would, so the same command runs with the same checks.
 */
export interface OperationChoice {
  label: string;
  hint?: string;
  /** How the confirmation names it (`{choice}`); default the label. */
  says?: string;
  /** The positionals and options it gives, as typed on the command line. */
  input: { args?: Record<string, string>; options?: Record<string, string> };
  /** Instead of asking and sending: the ':' prompt opens with the command, the server and these words, for a value to type. */
  type?: string;
  /**
   * Another command of the table is sent first (a new floating IP): its answer's `field` fills the
   * argument `into`; `left` says what it made when the operation then fails (`{value}`: the field).
   */
  first?: { command: string; args: Record<string, string>; field: string; into: string; left: string };
}

/** What the app offers for an operation (the picker's title names the server: `{server}`). */
export interface OperationChoices {
  title: string;
  /** Said when there is nothing to offer. */
  none: string;
  load(managers: Managers, server: Server, signal?: AbortSignal): Promise<OperationChoice[]>;
}

/** One entry of the action menu for an operation, with the options it is sent with. */
export interface MenuVariant {
  label: string;
  hotkey?: string;
  options: Record<string, string | boolean>;
  appliesTo: StateRule;
  confirm?: { question: string; destructive: boolean };
}

/** What a custom follow found at the end: shown by the CLI. */
export interface FollowedResult {
  message?: string;
  image?: Image;
  server?: Server;
  data?: unknown;
}

/** "vm1 (3f2a...)": how a question names the server. */
export function serverLabel(s: Pick<Server, 'name' | 'id'>): string {
  return s.name ? `${s.name} (${s.id})` : s.id;
}

export function confirmQuestion(op: ServerOperation, s: Pick<Server, 'name' | 'id'>): string | undefined {
  return op.confirm?.question.replaceAll('{server}', serverLabel(s));
}
