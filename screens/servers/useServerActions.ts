import { useCallback, useRef } from 'react';
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
  setOverlay: SetOverlay;
  notify: (text: string, tone?: Tone) => void;
  openForm: (form: FormName, server?: Server) => void;
  back: () => void;
  /** The route on top of the navigation stack. */
  current: () => Route;
}

/**
 * An entry of the actions menu chosen: a form opens, or (after a confirmation naming the server,
 * for the destructive ones) one request is sent and the server is followed until it settles, so
 * its new state shows without a manual refresh.
 */
export function useServerActions(d: ServerActionDeps): (action: ServerAction, server: Server) => void {
  const deps = useRef(d);
  deps.current = d;

  const perform = useCallback(async (action: ServerAction, server: Server) => {
    const { managers, feed, setOverlay, notify, openForm, back, current } = deps.current;
    setOverlay(null);
    if (action.form) return openForm(action.form, server);
    notify(`${action.label}: ${server.name}…`);
    try {
      await action.run!(managers, server);
      notify(action.done?.(server) ?? `${action.label.replace(/ \(.*\)$/, '')} of ${server.name} accepted; following its state.`, 'success');
      feed.watch(server.id);
      if (action.id === 'delete') {
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
        danger: action.id === 'delete' || action.id === 'hard-reboot',
        onConfirm: () => void perform(action, server),
      });
    },
    [perform],
  );
}
