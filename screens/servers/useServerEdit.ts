import { useCallback, useRef, useState } from 'react';
import { dispatch } from '../../src/commands/dispatch.js';
import { findCommand } from '../../src/commands/table.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Server } from '../../src/managers/types.js';
import { UsageError, describeError } from '../../src/session/errors.js';
import { useApp } from '../app/context.js';
import { SERVER_EDITS, type ServerEdit, type ServerEditKind } from './serverEdits.js';

export interface EditState {
  edit: ServerEdit;
  /** The line as it was when it was refused (so nothing typed is lost). */
  text: string;
  /** Why the line was refused before anything was sent. */
  error?: string;
  running: boolean;
}

const QUIET = { update: () => undefined, done: () => undefined };

/**
 * The detail view's edits (metadata, tags, name, description): a line is asked for, then the
 * command of the table runs on the server through dispatch, exactly as `:meta <id> set ...` would
 * (the read-only rule included). A line refused before sending stays open with its reason; once
 * the cloud has answered, the result is said on the status line and `onChanged` reloads the server.
 */
export function useServerEdit(
  server: Server | undefined,
  onChanged: () => void,
): {
  state: EditState | undefined;
  open: (kind: ServerEditKind) => void;
  submit: (text: string) => void;
  cancel: () => void;
} {
  const app = useApp();
  const [state, setState] = useState<EditState | undefined>(undefined);
  const live = useRef({ app, server, onChanged });
  live.current = { app, server, onChanged };

  const open = useCallback((kind: ServerEditKind) => {
    const s = live.current.server;
    if (!s) return;
    const edit = SERVER_EDITS[kind];
    // One edit at a time: a key pressed while one is being sent does not start another.
    setState((prev) => (prev?.running ? prev : { edit, text: edit.initial(s), running: false }));
  }, []);

  const cancel = useCallback(() => setState(undefined), []);

  const submit = useCallback(
    (text: string) => {
      const { app: a, server: s } = live.current;
      if (!s || !state || state.running) return;
      const { edit } = state;
      const command = findCommand(edit.command);
      if (!command) return;
      const ctx: CommandContext = { managers: async () => a.managers, progress: QUIET };
      const refuse = (err: unknown) => setState({ edit, text, error: describeError(err), running: false });
      let input;
      try {
        input = edit.input(s, text);
      } catch (err) {
        return refuse(err);
      }
      setState({ edit, text, running: true });
      dispatch(command, ctx, input, { readOnly: a.readOnly }).then(
        (result) => {
          setState(undefined);
          a.notify(result.kind === 'message' && result.text ? result.text : `${edit.command}: done.`, 'success');
          a.dataCache.clear();
          live.current.onChanged();
          void a.feed.pollSoon();
        },
        (err: unknown) => {
          // Refused before sending: the line stays, with why. The cloud said no: say so and close.
          if (err instanceof UsageError) return refuse(err);
          setState(undefined);
          a.notify(describeError(err), 'error');
          live.current.onChanged();
        },
      );
    },
    [state],
  );

  return { state, open, submit, cancel };
}
