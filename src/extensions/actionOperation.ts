/**
 * A declared server action as a row of the one table of server operations (src/operations): the
 * CLI command, the ':' prompt, the action menu (offered only in the states it applies to), help,
 * completion and --read-only then treat it exactly like a built-in operation.
 */
import { serverOperationCommand } from '../commands/serverOperationCommands.js';
import type { Cell, CommandSpec } from '../commands/types.js';
import { followImage, followServer } from '../operations/follow.js';
import type { Settle, StateRule } from '../operations/states.js';
import type { OperationAnswer, OperationContext, ServerOperation } from '../operations/types.js';
import { cliError, inputValues } from './cliValues.js';
import { declaredActionConfirmText, sendDeclaredServerAction } from './serverActions.js';
import type { DeclaredField, DeclaredServerAction } from './types.js';

/** After an image-making action: the server's image task is over in one of these (as after a snapshot). */
const IMAGE_TASK_DONE = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR'];

const positional = (f: DeclaredField) => f.positional;

const declarations = new WeakMap<ServerOperation, DeclaredServerAction>();

/** The declaration a row was made from (the app's generated form reads its arguments); undefined for built-in rows. */
export function declarationOf(op: ServerOperation): DeclaredServerAction | undefined {
  return declarations.get(op);
}

/** The action's values from a command line (or the app's form, which fills the same input). */
function valuesOf(action: DeclaredServerAction, input: OperationContext['input']) {
  return inputValues(action.name, action.arguments, input, positional);
}

function stateRule(action: DeclaredServerAction): StateRule {
  const a = action.appliesTo;
  return {
    ...(a.statuses ? { status: a.statuses } : {}),
    ...(a.taskStateIdle ? { idle: true } : {}),
    ...(a.locked !== undefined ? { locked: a.locked } : {}),
  };
}

function settleOf(action: DeclaredServerAction): Settle {
  if (action.settledStatuses?.length) return { status: action.settledStatuses };
  if (action.response?.holds === 'image') return { status: IMAGE_TASK_DONE };
  return { immediate: true };
}

/** The declared action as a ServerOperation row (the lost-answer, progress and several-servers rules are the table's). */
export function declaredServerOperation(action: DeclaredServerAction): ServerOperation {
  const makesImage = action.response?.holds === 'image';
  const positionalArgs = action.positionals.slice(1);
  const usage = [action.name, '<server>', ...action.arguments.filter(positional).map((f) => `<${f.name}>`)].join(' ');
  const op: ServerOperation = {
    name: action.name,
    label: action.label,
    ...(action.hotkey ? { hotkey: action.hotkey } : {}),
    summary: action.summary,
    verb: action.name,
    appliesTo: stateRule(action),
    changesCloud: action.mutating,
    settle: settleOf(action),
    many: action.positionals[0]?.variadic === true,
    positionals: positionalArgs,
    options: action.options,
    makesImage,
    examples: [`novash ${usage}${action.options.wait ? ' --wait' : ''}`],
    source: action.source.file,
    // The minimum microversion is checked by sendDeclaredServerAction, with the declaration's wording.
    async send(ctx, server): Promise<OperationAnswer> {
      const values = valuesOf(action, ctx.input);
      const out = await sendDeclaredServerAction(ctx.managers.session, action, server.id, values, {
        signal: ctx.signal,
        // An image-making action's lost answer is worded by the table (it may have started an image).
        explainLost: !makesImage,
      }).catch((err: unknown) => {
        throw cliError(action.name, action.arguments, positional, err);
      });
      const answer: OperationAnswer = {
        imageId: out.imageId,
        message: `Request to ${action.name} server ${server.name} (${server.id}) has been accepted${out.imageId ? `; image ${out.imageId}` : ''}.`,
        data: out.body || undefined,
      };
      if (out.text !== undefined) answer.result = { kind: 'text', text: out.text, data: out.body };
      else if (out.record)
        answer.result = { kind: 'record', fields: Object.entries(out.record).map(([k, v]) => [k, v as Cell]), data: out.record };
      return answer;
    },
    waited: (s, final) => `Server ${s.name} (${s.id}): ${action.name} done, ${final?.status ?? action.settledStatuses?.[0] ?? s.status}.`,
  };
  if (action.confirm || action.mutating) {
    // The menu asks before sending; `{<argument>}` names are filled in by the form (declaredConfirm).
    op.confirm = { question: declaredActionConfirmText(action, { name: '{server}', id: '' }, {}), destructive: false };
  }
  if (makesImage) {
    op.follow = async (ctx, server, answer) => {
      if (!answer.imageId) return { message: answer.message };
      const tag = `${action.name} ${server.name}`;
      const opts = { signal: ctx.signal, timeoutMs: 60 * 60_000 };
      const image = await followImage(ctx.managers, answer.imageId, tag, ctx.progress, opts);
      await followServer(ctx.managers, server.id, tag, { status: IMAGE_TASK_DONE }, ctx.progress, opts);
      return { image };
    };
  }
  declarations.set(op, action);
  return op;
}

/**
 * The command of a declared action: the table's server-operation command, with every argument
 * checked before anything (even the server's lookup) is sent.
 */
export function declaredActionCommand(action: DeclaredServerAction): CommandSpec {
  const command = serverOperationCommand(declaredServerOperation(action));
  return {
    ...command,
    check: (input) => void valuesOf(action, input),
    run(ctx, input) {
      valuesOf(action, input);
      return command.run(ctx, input);
    },
  };
}

/** CommandSpecs for the CLI and the app, one per declared server action. */
export function declaredServerActionCommands(actions: readonly DeclaredServerAction[]): CommandSpec[] {
  return actions.map(declaredActionCommand);
}
