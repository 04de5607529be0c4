/**
 * One-shot commands for declared server actions (`novash backup-instance <server> <name>
 * <description> [--wait]`), until the lead's table wraps DeclaredServerAction into its
 * server-action rows.
 */
import { imageRecord } from '../commands/images.js';
import type { Cell, CommandResult, CommandSpec } from '../commands/types.js';
import { followImage, followServer } from '../operations/follow.js';
import { describeError } from '../session/errors.js';
import { cliError, inputValues } from './cliValues.js';
import { sendDeclaredServerAction } from './serverActions.js';
import type { DeclaredField, DeclaredServerAction } from './types.js';

function actionCommand(action: DeclaredServerAction): CommandSpec {
  const positional = (f: DeclaredField) => f.positional;
  const several = action.positionals[0]?.variadic === true;
  const usage = [action.name, '<server>', ...action.arguments.filter(positional).map((f) => `<${f.name}>`)].join(' ');
  return {
    name: action.name,
    group: 'servers',
    summary: action.summary,
    positionals: action.positionals,
    options: action.options,
    mutating: action.mutating,
    examples: [`novash ${usage}${action.options.wait ? ' --wait' : ''}`],
    async run(ctx, input) {
      // Every argument is checked before anything is sent.
      const values = inputValues(action.name, action.arguments, input, positional);
      const wait = input.options.wait === true;
      const m = await ctx.managers();
      const names = several ? (input.args.server as string[]) : [String(input.args.server)];
      const lines: string[] = [];
      const errors: string[] = [];
      let single: CommandResult | undefined;
      let answer: unknown;
      for (const name of names) {
        try {
          const s = await m.servers.find(name);
          const out = await sendDeclaredServerAction(m.session, action, s.id, values, { signal: ctx.signal }).catch((err: unknown) => {
            throw cliError(action.name, action.arguments, positional, err);
          });
          answer = out.body;
          const tag = `${action.name} ${s.name}`;
          if (wait && out.imageId) {
            const image = await followImage(m, out.imageId, tag, ctx.progress, { signal: ctx.signal, timeoutMs: 60 * 60_000 });
            // As for a snapshot: done when the server's image task has finished too.
            await followServer(m, s.id, tag, { status: ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR'] }, ctx.progress, {
              signal: ctx.signal,
              timeoutMs: 60 * 60_000,
            });
            single = imageRecord(image);
          } else if (wait && action.settledStatuses?.length) {
            const done = await followServer(m, s.id, tag, { status: action.settledStatuses }, ctx.progress, {
              signal: ctx.signal,
              timeoutMs: 30 * 60_000,
            });
            lines.push(`Server ${s.name} (${s.id}): ${action.name} done, ${done?.status ?? action.settledStatuses[0]}.`);
            continue;
          } else if (out.text !== undefined) {
            single = { kind: 'text', text: out.text, data: out.body };
          } else if (out.record) {
            single = { kind: 'record', fields: Object.entries(out.record).map(([k, v]) => [k, v as Cell]), data: out.record };
          }
          lines.push(
            `Request to ${action.name} server ${s.name} (${s.id}) has been accepted${out.imageId ? `; image ${out.imageId}` : ''}.`,
          );
        } catch (err) {
          if (!several) throw err;
          errors.push(`Cannot ${action.name} server '${name}': ${describeError(err)}`);
        }
      }
      if (single && names.length === 1) return single;
      return {
        kind: 'message',
        text: lines.join('\n'),
        errors,
        failed: errors.length > 0,
        data: names.length === 1 ? answer || undefined : undefined,
      };
    },
  };
}

/** CommandSpecs for the CLI, one per declared server action. */
export function declaredServerActionCommands(actions: readonly DeclaredServerAction[]): CommandSpec[] {
  return actions.map(actionCommand);
}
