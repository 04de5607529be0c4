import type { Server } from '../managers/types.js';

/**
 * When a server operation applies, as data (so an extension file can say it too): the statuses it
 * takes, whether a task must not be running, whether the server must be (un)locked. The menu offers
 * only what applies; the reason it does not is shown to whoever asks for it anyway.
 */
export interface StateRule {
  /** Nova statuses (ACTIVE, SHUTOFF, ...); absent: any. */
  status?: readonly string[];
  /** No task may be running (task_state null). */
  idle?: boolean;
  /** true: only locked servers; false: only unlocked ones. */
  locked?: boolean;
}

/** What "settled" means after an operation: the end state a wait stops at. */
export type Settle =
  /** These statuses with no task running (the first listed is the usual end). */
  | { status: readonly string[] }
  /** The server is gone (404) or SOFT_DELETED. */
  | { gone: true }
  /** Nothing to wait for (lock, metadata...). */
  | { immediate: true };

/** A server in one of these states (or with a task state) is still moving. */
const MOVING = new Set(['BUILD', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'REVERT_RESIZE', 'REBUILD', 'MIGRATING', 'PASSWORD', 'RESCUE_PENDING']);

/** Nothing more will happen to the server on its own. */
export function isSettled(s: Server): boolean {
  return !s.taskState && !MOVING.has(s.status);
}

export function applies(rule: StateRule, s: Server): boolean {
  return whyNot(rule, s) === undefined;
}

/** Why the rule does not apply to the server, in words; undefined when it applies. */
export function whyNot(rule: StateRule, s: Server): string | undefined {
  if (rule.status && !rule.status.includes(s.status)) return `it is ${s.status}; this needs ${orList(rule.status)}`;
  if (rule.idle && s.taskState) return `a task is running on it (${s.taskState})`;
  if (rule.locked === true && s.locked === false) return 'it is not locked';
  if (rule.locked === false && s.locked === true) return 'it is locked';
  return undefined;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The settle rule met by this server? (`gone` is decided by the poller, which sees the 404.) */
export function reached(settle: Settle, s: Server): boolean {
  if ('immediate' in settle) return true;
  // DELETED is shown for a few seconds before Nova forgets the server: only its 404 (or a soft delete) is the end.
  if ('gone' in settle) return s.status === 'SOFT_DELETED';
  return settle.status.includes(s.status) && !s.taskState;
}

/** "ACTIVE / rebooting_hard / 40%". */
export function describeServerState(s: Server): string {
  const parts = [s.status];
  if (s.taskState) parts.push(s.taskState);
  if (s.progress) parts.push(`${s.progress}%`);
  return parts.join(' / ');
}
