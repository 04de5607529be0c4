import { useCallback, useEffect, useRef } from 'react';
import { dispatch } from '../../src/commands/dispatch.js';
import type { CommandContext, CommandInput } from '../../src/commands/types.js';
import { declaredActionConfirmText } from '../../src/extensions/serverActions.js';
import type { DeclaredServerAction, FieldValue } from '../../src/extensions/types.js';
import { valueText } from '../../src/extensions/values.js';
import { followImage } from '../../src/operations/follow.js';
import { serverLabel, type OperationChoice } from '../../src/operations/types.js';
import { offerChoices, sendFirst } from './actionChoices.js';
import type { ServerFeed } from '../../src/app/serverFeed.js';
import type { FormName } from '../../src/app/promptCommands.js';
import type { Managers } from '../../src/managers/index.js';
import type { Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import type { Tone } from '../app/context.js';
import type { SetOverlay } from '../app/overlay.js';
import type { Route } from '../app/routes.js';
import type { ServerAction } from './serverActions.js';

export interface ServerActionDeps {
  managers: Managers;
  feed: ServerFeed;
  readOnly: boolean;
  setOverlay: SetOverlay;
  notify: (text: string, tone?: Tone) => void;
  openForm: (form: FormName, server?: Server) => void;
  back: () => void;
  /** The route on top of the navigation stack. */
  current: () => Route;
}

/** The menu follows the state through the live feed, so the command itself does not wait. */
const QUIET = { update: () => undefined, done: () => undefined };

/**
 * An entry of the actions menu chosen: a form opens, or (after a confirmation naming the server)
 * the operation's command is dispatched exactly as `:NAME <server>` would be, and the server is
 * followed until it settles, so its new state shows without a manual refresh.
 */
export function useServerActions(d: ServerActionDeps): (action: ServerAction, server: Server) => void {
  const deps = useRef(d);
  deps.current = d;
  // Background follows (a declared action's new image) end with the app.
  const alive = useRef(new AbortController());
  useEffect(() => {
    const controller = (alive.current = new AbortController());
    return () => controller.abort();
  }, []);

  const perform = useCallback(async (action: ServerAction, server: Server, given?: CommandInput, choice?: OperationChoice) => {
    const { managers, feed, readOnly, setOverlay, notify, openForm, back, current } = deps.current;
    setOverlay(null);
    if (action.form) return openForm(action.form, server);
    const label = action.label.replace(/…$/, '');
    notify(`${label}: ${server.name}…`);
    const ctx: CommandContext = { managers: async () => managers, progress: QUIET };
    const variadic = action.command.positionals[0]?.variadic === true;
    // What a first command made (a new floating IP) is said with any failure after it.
    let made: string | undefined;
    try {
      if (choice?.first) {
        const first = await sendFirst(choice.first, ctx, readOnly);
        made = first.made;
        given = { args: { ...given?.args, [choice.first.into]: first.value }, options: { ...given?.options } };
      }
      const result = await dispatch(
        action.command,
        ctx,
        {
          args: { ...given?.args, server: variadic ? [server.id] : server.id },
          options: { ...action.options, ...given?.options },
        },
        { readOnly },
      );
      if (result.kind === 'message' && result.failed) throw new Error(result.errors?.join('; ') ?? result.text);
      const said = result.kind === 'message' && result.text ? result.text : `${label} of ${server.name} accepted`;
      notify('immediate' in action.operation.settle ? said : `${said.replace(/\.$/, '')}; following its state.`, 'success');
      feed.watch(server.id);
      const imageId = (result.data as { id?: unknown } | undefined)?.id;
      if (action.declared && action.operation.makesImage && typeof imageId === 'string') {
        void followNewImage(managers, imageId, `${action.label} of ${server.name}`, notify, alive.current.signal);
      }
      if ('gone' in action.operation.settle) {
        const top = current();
        if (top.screen === 'server' && top.id === server.id) back();
      }
    } catch (err) {
      // What stays made comes before the cloud's message: a narrow status line cuts the request id, not that.
      notify(`${label} of ${server.name} failed${made ? ` (${made})` : ''}: ${describeError(err)}`, 'error');
    }
  }, []);

  /** An action whose arguments are picked: the cloud's list, then the question naming the pick, then the command. */
  const choose = useCallback(
    (action: ServerAction, server: Server) => {
      const { managers, setOverlay } = deps.current;
      offerChoices(action.choices!, managers, server, setOverlay, alive.current.signal, (choice) => {
        // A value only the user knows (a port ID): the prompt, with the command and the server filled in.
        if (choice.type !== undefined)
          return setOverlay({ kind: 'prompt', initial: `${action.operation.name} ${server.id} ${choice.type}` });
        const input: CommandInput = { args: { ...choice.input.args }, options: { ...choice.input.options } };
        const go = () => void perform(action, server, input, choice);
        if (!action.confirm) return go();
        setOverlay({
          kind: 'confirm',
          title: action.label.replace(/…$/, ''),
          message: action.confirm(server, choice.says ?? choice.label),
          label: action.label.replace(/…$/, '').toLowerCase(),
          danger: action.destructive,
          onConfirm: go,
        });
      });
    },
    [perform],
  );

  /** A declared action's arguments, from its generated form: asked about (with the values), then sent. */
  const sendDeclared = useCallback(
    (action: ServerAction, server: Server, values: Record<string, FieldValue>) => {
      const declared = action.declared!;
      const input = declaredInput(declared, values);
      const go = () => void perform(action, server, input);
      if (!action.confirm) return go();
      deps.current.setOverlay({
        kind: 'confirm',
        title: action.label,
        message: declaredActionConfirmText(declared, { name: serverLabel(server), id: server.id }, values),
        label: action.label.toLowerCase(),
        danger: action.destructive,
        onConfirm: go,
      });
    },
    [perform],
  );

  return useCallback(
    (action: ServerAction, server: Server) => {
      if (action.choices) return choose(action, server);
      if (action.declared?.arguments.length) {
        return deps.current.setOverlay({
          kind: 'action-form',
          action,
          server,
          onSubmit: (values) => sendDeclared(action, server, values),
        });
      }
      if (!action.confirm) return void perform(action, server);
      deps.current.setOverlay({
        kind: 'confirm',
        title: action.label,
        message: action.confirm(server),
        label: action.label.toLowerCase(),
        danger: action.destructive,
        onConfirm: () => void perform(action, server),
      });
    },
    [perform, sendDeclared, choose],
  );
}

/** The form's typed values as the command line would give them (the command checks them again, as typed). */
export function declaredInput(action: DeclaredServerAction, values: Record<string, FieldValue>): CommandInput {
  const input: CommandInput = { args: {}, options: {} };
  for (const f of action.arguments) {
    if (values[f.key] === undefined) continue;
    const text = valueText(f, values[f.key]);
    if (f.positional) input.args[f.name] = text;
    else input.options[f.name] = f.type === 'list' || f.type === 'map' ? [text] : text;
  }
  return input;
}

/** An image a declared action makes: followed to active in the background, said on the status line. */
async function followNewImage(
  managers: Managers,
  imageId: string,
  what: string,
  notify: (text: string, tone?: Tone) => void,
  signal: AbortSignal,
) {
  try {
    const image = await followImage(managers, imageId, what, QUIET, { timeoutMs: 60 * 60_000, signal });
    if (signal.aborted) return;
    // The id last: a narrow status line cuts it, not the news.
    notify(`${what}: image ${image.name || image.id} is ${image.status} (${image.id}).`, image.status === 'active' ? 'success' : 'error');
  } catch (err) {
    if (!signal.aborted) notify(`${what}: image ${imageId}: ${describeError(err)}`, 'error');
  }
}
