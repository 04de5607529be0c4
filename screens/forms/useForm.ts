import { useStdout } from 'ink';
import { useEffect, useRef } from 'react';
import { copyToTerminal } from './clipboard.js';
import type { FormMessage } from './fields.js';
import { useMounted, useStore, type Store } from './store.js';
import type { FormHostProps, FormOutcome } from './types.js';

/** What every form starts with: its state store, layout, and the few things all of them do. */
export interface Form<S, P> extends Store<S> {
  /** Async results after unmount are dropped. */
  mounted: { current: boolean };
  /** The latest props (code that runs after an await reads them here). */
  props: { readonly current: P };
  width: number;
  /** Rows for a step's body: the title, step bar, message and hints take the rest. */
  bodyHeight: number;
  close: (outcome: FormOutcome) => void;
  /** The line under the body (undefined clears it). */
  say: (message?: FormMessage) => void;
  /** y on a review: the equivalent command to the terminal clipboard (OSC 52), and says so. */
  copyCommand: (command: string) => void;
  /** Read-only mode (--read-only): says that nothing is sent, and answers true. */
  refuseReadOnly: () => boolean;
}

export function useForm<S extends { message?: FormMessage }, P extends FormHostProps>(props: P, init: () => S): Form<S, P> {
  const store = useStore(init);
  const mounted = useMounted();
  const propsRef = useRef(props);
  propsRef.current = props;
  const { stdout } = useStdout();
  const say = (message?: FormMessage) => store.update((x) => ({ ...x, message }));
  return {
    ...store,
    mounted,
    props: propsRef,
    width: Math.max(40, props.width),
    bodyHeight: Math.max(6, props.height - 6),
    close: (outcome) => propsRef.current.onClose(outcome),
    say,
    copyCommand: (command) =>
      say(
        copyToTerminal(stdout as NodeJS.WriteStream, command)
          ? { text: 'Command copied to the terminal clipboard (OSC 52).', tone: 'success' }
          : { text: 'This terminal gives no clipboard: select the command with the mouse.' },
      ),
    refuseReadOnly: () => {
      if (!propsRef.current.readOnly) return false;
      say({ text: 'Read-only mode (--read-only): nothing is sent.', tone: 'error' });
      return true;
    },
  };
}

/**
 * While `key` is not empty, follows what the form's request started: `start` polls until the end
 * state (aborted when the key changes or the form goes away), then `done` gets it.
 */
export function useFollow<T>(key: string, start: (signal: AbortSignal) => Promise<T>, done: (result: T) => void): void {
  const latest = useRef({ start, done });
  latest.current = { start, done };
  useEffect(() => {
    if (!key) return;
    const ac = new AbortController();
    latest.current.start(ac.signal).then(
      (result) => {
        if (!ac.signal.aborted) latest.current.done(result);
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [key]);
}
