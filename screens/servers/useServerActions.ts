import { useCallback, useRef } from 'react';
import { dispatch } from '../../src/commands/dispatch.js';
import type { CommandContext } from '../../src/commands/types.js';
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

  const perform = useCallback(async (action: ServerAction, server: Server) => {
    const { managers, feed, readOnly, setOverlay, notify, openForm, back, current } = deps.current;
    setOverlay(null);
    if (action.form) return openForm(action.form, server);
    notify(`${action.label}: ${server.name}…`);
    const ctx: CommandContext = { managers: async () => managers, progress: QUIET };
    const variadic = action.command.positionals[0]?.variadic === true;
    try {
      const result = await dispatch(
        action.command,
        ctx,
        { args: { server: variadic ? [server.id] : server.id }, options: { ...action.options } },
        { readOnly },
      );
      if (result.kind === 'message' && result.failed) throw new Error(result.errors?.join('; ') ?? result.text);
      const said = result.kind === 'message' && result.text ? result.text : `${action.label} of ${server.name} accepted`;
      notify('immediate' in action.operation.settle ? said : `${said.replace(/\.$/, '')}; following its state.`, 'success');
      feed.watch(server.id);
      if ('gone' in action.operation.settle) {
        const top = current();
        if (top.screen === 'server' && top.id === server.id) back();
      }
    } catch (err) {
      notify(`${action.label} of ${server.name} failed: ${describeError(err)}`, 'error');
    }
  }, []);

  return useCallback(
    (action: ServerAction, server: Server) => {
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
    [perform],
  );
}
