import { UsageError } from '../session/errors.js';
import type { CommandContext, CommandInput, CommandResult, CommandSpec } from './types.js';

export interface DispatchOptions {
  /** --read-only: nothing that changes the cloud is sent. */
  readOnly: boolean;
}

/** May this command run here? The one read-only rule, with its one sentence. */
export function refusal(command: Pick<CommandSpec, 'name' | 'mutating'>, options: DispatchOptions): UsageError | undefined {
  if (command.mutating && options.readOnly)
    return new UsageError(`novash ${command.name} changes the cloud and --read-only is set; nothing was sent.`);
  return undefined;
}

export function allowed(command: Pick<CommandSpec, 'name' | 'mutating'>, options: DispatchOptions): boolean {
  return refusal(command, options) === undefined;
}

/**
 * Every command and server operation runs through here, from the one-shot CLI, the ':' prompt
 * and the action menu alike: the read-only rule is applied once, at this one place.
 */
export async function dispatch(
  command: CommandSpec,
  ctx: CommandContext,
  input: CommandInput,
  options: DispatchOptions,
): Promise<CommandResult> {
  const refused = refusal(command, options);
  if (refused) throw refused;
  return command.run({ ...ctx, readOnly: options.readOnly }, input);
}
