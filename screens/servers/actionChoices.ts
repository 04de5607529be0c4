import { dispatch } from '../../src/commands/dispatch.js';
import { findCommand } from '../../src/commands/table.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import type { OperationChoice, OperationChoices } from '../../src/operations/types.js';
import type { Overlay, SetOverlay } from '../app/overlay.js';

/**
 * The picker of an action whose arguments come from the cloud (a network to attach, a floating IP):
 * shown at once (keys typed meanwhile wait for the list), filled when the list comes, or showing
 * why it cannot be (the cloud's message and request id; nothing to pick). Enter hands the pick on.
 */
export function offerChoices(
  choices: OperationChoices,
  managers: Managers,
  server: Server,
  setOverlay: SetOverlay,
  signal: AbortSignal,
  onPick: (choice: OperationChoice) => void,
): void {
  const title = choices.title.replaceAll('{server}', server.name || server.id);
  let offered: OperationChoice[] = [];
  const onSelect = (value: string) => {
    const choice = offered[Number(value)];
    if (!choice) return;
    setOverlay(null);
    onPick(choice);
  };
  // Only this picker is filled: the user may have closed it, or opened another, meanwhile.
  const mine = (o: Overlay | null): o is Extract<Overlay, { kind: 'picker' }> => o?.kind === 'picker' && o.onSelect === onSelect;
  setOverlay({ kind: 'picker', title, onSelect });
  choices.load(managers, server, signal).then(
    (list) => {
      offered = list;
      setOverlay((o) =>
        mine(o)
          ? {
              ...o,
              items: list.map((c, i) => ({ label: c.label, value: String(i), hint: c.hint })),
              error: list.length ? undefined : new Error(choices.none),
            }
          : o,
      );
    },
    (err: unknown) => setOverlay((o) => (mine(o) ? { ...o, error: err } : o)),
  );
}

/**
 * A command sent before the action (floating-ip-create before add-floating-ip), through the table
 * like any other; the value the action needs from its answer, and what it made (said if the action
 * then fails: it stays made, and nothing is sent again).
 */
export async function sendFirst(
  first: NonNullable<OperationChoice['first']>,
  ctx: CommandContext,
  readOnly: boolean,
): Promise<{ value: string; made: string }> {
  const command = findCommand(first.command);
  if (!command) throw new Error(`novash has no ${first.command} command.`);
  const result = await dispatch(command, ctx, { args: { ...first.args }, options: {} }, { readOnly });
  const value = (result.data as Record<string, unknown> | undefined)?.[first.field];
  if (typeof value !== 'string' || !value) throw new Error(`${first.command} answered without a ${first.field}: nothing more was sent.`);
  return { value, made: first.left.replaceAll('{value}', value) };
}
