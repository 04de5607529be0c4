import { useInput, useStdin } from 'ink';
import React, { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { KeyDispatcher, type KeyDoc, type KeyLayer, type KeyOwner } from './dispatcher.js';
import { splitInput, type KeyPress } from './keyPress.js';

const DispatcherContext = createContext<KeyDispatcher | null>(null);
const LayerContext = createContext<KeyLayer>('screen');

/**
 * The app's one keyboard listener. Ink calls it once per terminal read, inside its batched update:
 * here that read is only split into keys and queued; the dispatcher hands the keys out later, one
 * per turn of the event loop, outside Ink's batch, so each key's state change has rendered (and a
 * prompt or form it opened has registered) before the next key is routed.
 */
export function KeyboardProvider(props: { children: React.ReactNode }): React.JSX.Element {
  // After each key, a render of this provider is asked for: it comes in the same render as what
  // the key changed (same priority), and its layout effect, the last of that commit, lets the next key go.
  const [commits, setCommits] = useState(0);
  const waiting = useRef<Array<() => void>>([]);
  const [dispatcher] = useState(
    () =>
      new KeyDispatcher({
        settle: (next) => {
          waiting.current.push(next);
          setCommits((n) => n + 1);
        },
      }),
  );
  useLayoutEffect(() => {
    const ready = waiting.current;
    waiting.current = [];
    for (const next of ready) next();
  }, [commits]);
  // The event as Ink read it (its emitter calls this listener before useInput's, registered later):
  // splitInput needs it to give back an Esc that came in one read with the next key.
  const raw = useRef<string | undefined>(undefined);
  const { internal_eventEmitter: events } = useStdin();
  useEffect(() => {
    const listener = (input: string) => void (raw.current = input);
    events?.on('input', listener);
    return () => void events?.off('input', listener);
  }, [events]);
  useInput((input, key) => {
    const read = raw.current;
    raw.current = undefined;
    if (key.eventType === 'release') return;
    dispatcher.push(splitInput(input, key, read));
  });
  return <DispatcherContext.Provider value={dispatcher}>{props.children}</DispatcherContext.Provider>;
}

/** Owners under this register in `layer` (overlays, the password prompt, the crash screen). */
export function KeyLayerScope(props: { layer: KeyLayer; children: React.ReactNode }): React.JSX.Element {
  return <LayerContext.Provider value={props.layer}>{props.children}</LayerContext.Provider>;
}

export function useDispatcher(): KeyDispatcher {
  const d = useContext(DispatcherContext);
  if (!d) throw new Error('A key owner outside the KeyboardProvider: wrap the tree in <KeyboardProvider>.');
  return d;
}

export interface OwnerOptions extends Omit<KeyOwner, 'layer' | 'handle' | 'docs' | 'text'> {
  /** A text field has the focus (now): a run of printable keys may come as one press. */
  text?: boolean | (() => boolean);
  /** Default: the layer of the nearest KeyLayerScope (the screen layer outside any). */
  layer?: KeyLayer;
  /** Not registered while false. */
  active?: boolean;
  docs?: KeyDoc[] | (() => KeyDoc[]);
}

function docsOf(o: OwnerOptions): KeyDoc[] {
  return typeof o.docs === 'function' ? o.docs() : (o.docs ?? []);
}

function signature(docs: KeyDoc[]): string {
  return docs.map((d) => `${d.label}\u0000${d.help}\u0000${d.footer ?? ''}`).join('\u0001');
}

/**
 * Takes the keyboard while mounted (and `active`): `handler` gets the keys that reach this owner
 * (see KeyDispatcher); the latest render's handler and options are used.
 */
export function useKeyOwner(handler: (press: KeyPress) => boolean | void, options: OwnerOptions = {}): void {
  const dispatcher = useDispatcher();
  const scopeLayer = useContext(LayerContext);
  const layer = options.layer ?? scopeLayer;
  const latest = useRef({ handler, options });
  latest.current = { handler, options };
  const lastDocs = useRef('');
  const active = options.active !== false;
  const modal = options.modal === true;
  const interrupts = options.interrupt !== undefined;

  useLayoutEffect(() => {
    if (!active) return;
    const owner: KeyOwner = {
      layer,
      handle: (p) => latest.current.handler(p),
      ready: (p) => latest.current.options.ready?.(p) ?? true,
      urgent: (p) => latest.current.options.urgent?.(p) ?? false,
      text: () => {
        const t = latest.current.options.text;
        return typeof t === 'function' ? t() : t === true;
      },
      docs: () => docsOf(latest.current.options),
    };
    // Modal and interrupt are read once: an owner that changes them re-registers.
    if (modal) owner.modal = true;
    if (interrupts) owner.interrupt = () => latest.current.options.interrupt?.();
    lastDocs.current = signature(docsOf(latest.current.options));
    return dispatcher.register(owner);
  }, [dispatcher, layer, active, modal, interrupts]);

  // After every render: what this owner documents may have changed, and it may be ready now.
  useLayoutEffect(() => {
    if (!active) return;
    const sig = signature(docsOf(latest.current.options));
    if (sig !== lastDocs.current) {
      lastDocs.current = sig;
      dispatcher.changed();
    }
    dispatcher.wake();
  });
}

/** Re-renders when owners come and go; `read` gets the dispatcher (docs for the footer and `?`). */
export function useKeyDocs<T>(read: (d: KeyDispatcher) => T): T {
  const dispatcher = useDispatcher();
  useSyncExternalStore(dispatcher.subscribe, dispatcher.getVersion);
  return read(dispatcher);
}
