import { allowed } from '../../src/commands/dispatch.js';
import { COMMANDS } from '../../src/commands/table.js';
import type { CommandSpec } from '../../src/commands/types.js';
import { declarationOf } from '../../src/extensions/actionOperation.js';
import type { DeclaredServerAction } from '../../src/extensions/types.js';
import type { Server } from '../../src/managers/types.js';
import { applies, type StateRule } from '../../src/operations/states.js';
import { serverLabel, type FormName, type OperationChoices, type ServerOperation } from '../../src/operations/types.js';

/** One entry of a server's actions menu: a row of the table of operations (or one of its variants). */
export interface ServerAction {
  id: string;
  label: string;
  hotkey?: string;
  command: CommandSpec;
  operation: ServerOperation;
  /** The options it is sent with (reboot's hard variant: { hard: true }). */
  options: Record<string, string | boolean>;
  appliesTo: StateRule;
  /** The question naming the server (and what was picked, `{choice}`), asked first (destructive ones need `y`). */
  confirm?: (s: Server, choice?: string) => string;
  destructive: boolean;
  /** Actions that need choices open a guided form. */
  form?: FormName;
  /** Actions whose arguments are picked from the cloud's lists (a network, a port, a floating IP). */
  choices?: OperationChoices;
  /** A row declared in an extension file: with arguments, the app asks for them in a form generated from it. */
  declared?: DeclaredServerAction;
}

function entries(commands: readonly CommandSpec[]): ServerAction[] {
  const out: ServerAction[] = [];
  for (const command of commands) {
    const op = command.operation;
    if (!op) continue;
    const variants = op.menu ?? [{ label: op.label, hotkey: op.hotkey, options: {}, appliesTo: op.appliesTo, confirm: op.confirm }];
    variants.forEach((v, i) => {
      const confirm = v.confirm;
      out.push({
        id: variants.length > 1 ? `${op.name}:${i}` : op.name,
        label: v.label,
        hotkey: v.hotkey,
        command,
        operation: op,
        options: v.options,
        appliesTo: v.appliesTo,
        confirm: confirm
          ? (s, choice) => confirm.question.replaceAll('{server}', serverLabel(s)).replaceAll('{choice}', choice ?? 'it')
          : undefined,
        destructive: confirm?.destructive === true,
        form: op.form,
        choices: op.choices,
        declared: declarationOf(op),
      });
    });
  }
  giveLetters(out);
  // Delete closes the menu, as in Horizon and k9s: the one that loses everything is never in the middle.
  return [...out.filter((a) => a.operation.name !== 'delete'), ...out.filter((a) => a.operation.name === 'delete')];
}

/**
 * A row with no hotkey of its own (a declared action), or one whose letter an earlier row has (a
 * declaration naming a built-in's letter), gets the first letter of its label that no other row
 * uses, so every entry can be picked directly; none left: arrows and Enter.
 */
function giveLetters(actions: ServerAction[]): void {
  // Built-in rows keep theirs (one letter may serve rows that never show together: pause, unpause).
  const used = new Set(actions.flatMap((a) => (a.hotkey && !a.declared ? [a.hotkey] : [])));
  for (const a of actions) {
    if (!a.declared || !a.hotkey) continue;
    if (used.has(a.hotkey)) a.hotkey = undefined;
    else used.add(a.hotkey);
  }
  for (const a of actions) {
    if (a.hotkey) continue;
    const letters = [...a.label].filter((c) => /[a-z]/i.test(c));
    const free = [...letters.map((c) => c.toLowerCase()), ...letters.map((c) => c.toUpperCase())].find((c) => !used.has(c));
    if (free) {
      a.hotkey = free;
      used.add(free);
    }
  }
}

const cached = new WeakMap<readonly CommandSpec[], ServerAction[]>();

/**
 * What can be done to this server now (as Horizon does: only what its state allows), minus what
 * --read-only forbids, minus the admin's moves for a user who is not one (`isAdmin: false`).
 * `commands`: the cloud's table (built-in and declared rows; default built-in).
 */
export function actionsFor(
  s: Server,
  options: { readOnly?: boolean; isAdmin?: boolean; commands?: readonly CommandSpec[] } = {},
): ServerAction[] {
  const table = options.commands ?? COMMANDS;
  let all = cached.get(table);
  if (!all) cached.set(table, (all = entries(table)));
  return all.filter(
    (a) =>
      applies(a.appliesTo, s) &&
      allowed(a.command, { readOnly: options.readOnly === true }) &&
      !(a.operation.adminOnly && options.isAdmin === false),
  );
}
