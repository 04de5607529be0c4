import type { Server } from '../managers/types.js';
import { followServer } from '../operations/follow.js';
import { whyNot } from '../operations/states.js';
import { atLeast } from '../session/microversion.js';
import type { OperationAnswer, OperationContext, ServerOperation } from '../operations/types.js';
import { UsageError, describeError } from '../session/errors.js';
import { imageRecord } from './images.js';
import { LostAnswerError, answerLost, lostImageMessage } from './lostAnswer.js';
import { serverRecord } from './serverView.js';
import type { Cell, CommandContext, CommandInput, CommandResult, CommandSpec, OptionSpec } from './types.js';

const WAIT: OptionSpec = { type: 'boolean', help: 'Wait until the operation has finished, showing progress on stderr' };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Sends one operation to one server; with --wait, follows it to its end state. The line to report. */
async function runOne(
  op: ServerOperation,
  ctx: OperationContext,
  server: Server,
): Promise<{ line?: string; answer: OperationAnswer; result?: CommandResult }> {
  if (op.minMicroversion) {
    const mv = await ctx.managers.session.computeMicroversion();
    if (!atLeast(mv, op.minMicroversion))
      throw new UsageError(`novash ${op.name} needs compute API version ${op.minMicroversion} or later (in use: ${mv}).`);
  }
  const refused = op.strict ? whyNot(op.appliesTo, server) : undefined;
  if (refused) throw new UsageError(refused);
  let answer: OperationAnswer;
  try {
    answer = (await op.send(ctx, server)) ?? {};
  } catch (err) {
    if (op.makesImage && answerLost(err))
      throw new LostAnswerError(
        lostImageMessage(err as Error, op.name === 'image-create' ? 'snapshot' : op.name, server.name),
        err as Error,
      );
    throw err;
  }
  const accepted = answer.message ?? `Request to ${op.verb} server ${server.name} (${server.id}) has been accepted.`;
  if (answer.image) return { answer, result: imageRecord(answer.image) };
  if (answer.result && !ctx.input.options.wait) return { answer, line: accepted, result: answer.result };
  if (!ctx.input.options.wait) {
    if (op.showsServer) return { answer, result: await serverRecord(ctx.managers, await ctx.managers.servers.get(server.id)) };
    return { line: accepted, answer };
  }
  if (op.follow) {
    const followed = await op.follow(ctx, server, answer);
    if (followed?.image) {
      const rec = imageRecord(followed.image);
      if (rec.kind === 'record' && followed.data && typeof followed.data === 'object') {
        for (const [k, v] of Object.entries(followed.data)) rec.fields.push([k, v as Cell]);
      }
      return { answer, result: rec };
    }
    return { line: followed?.message ?? accepted, answer };
  }
  const label = `${op.verb} ${server.name}`;
  const final = await followServer(ctx.managers, server.id, label, op.settle, ctx.progress, { signal: ctx.signal, timeoutMs: 30 * 60_000 });
  if (op.showsServer) return { answer, result: await serverRecord(ctx.managers, final ?? (await ctx.managers.servers.get(server.id))) };
  return { line: op.waited?.(server, final, answer) ?? `Server ${server.name} (${server.id}): ${op.verb} done.`, answer };
}

/**
 * The command of a server operation: `novash NAME <server>[...] ARGS [--wait]`. Several servers are
 * each tried, like novaclient does: what was done on stdout, each failure on stderr, non-zero exit
 * if any failed.
 */
export function serverOperationCommand(op: ServerOperation): CommandSpec {
  const waits = !('immediate' in op.settle);
  return {
    name: op.name,
    aliases: op.aliases,
    group: 'servers',
    summary: op.summary,
    positionals: [
      {
        name: 'server',
        required: true,
        variadic: op.many === true && !op.positionals?.length,
        completer: 'server',
        help: 'Name, human id or ID',
      },
      ...(op.positionals ?? []),
    ],
    options: { ...(op.options ?? {}), ...(waits && !op.options?.wait ? { wait: WAIT } : {}) },
    mutating: op.changesCloud,
    examples: op.examples ?? [`novash ${op.name} vm1`],
    operation: op,
    ...(op.check ? { check: op.check } : {}),
    async run(ctx: CommandContext, input: CommandInput): Promise<CommandResult> {
      op.check?.(input);
      const managers = await ctx.managers();
      const octx: OperationContext = { managers, input, progress: ctx.progress, signal: ctx.signal };
      const names = list(input.args.server);
      if (!op.many || names.length === 0) {
        const one = await runOne(op, octx, await managers.servers.find(names[0] ?? ''));
        return one.result ?? { kind: 'message', text: one.line ?? '', data: one.answer.data };
      }
      const lines: string[] = [];
      const errors: string[] = [];
      for (const name of names) {
        try {
          const one = await runOne(op, octx, await managers.servers.find(name));
          if (one.line) lines.push(one.line);
        } catch (err) {
          errors.push(`Cannot ${op.verb} server '${name}': ${describeError(err)}`);
        }
      }
      return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
    },
  };
}
