import { useEffect, useRef, useState } from 'react';
import type { OptionValues } from '../../src/commands/types.js';
import type { Managers } from '../../src/managers/index.js';
import { UsageError } from '../../src/session/errors.js';
import type { SessionInfo } from '../../src/session/session.js';
import { traceStart } from '../../src/util/startTrace.js';

/** Builds the managers of one cloud (config -> session); asks for a missing secret through `promptSecret`. */
export type ConnectFn = (globals: OptionValues, promptSecret: (question: string) => Promise<string>) => Managers;

export interface SecretRequest {
  question: string;
  submit: (value: string) => void;
  cancel: () => void;
}

export type ConnectionState =
  | { phase: 'connecting'; label: string }
  | ({ phase: 'password' } & SecretRequest)
  /** `secret`: the session needs the password again (its token expired) while the app runs. */
  | { phase: 'ready'; id: number; managers: Managers; info: SessionInfo; secret?: SecretRequest }
  | { phase: 'error'; error: unknown; label: string };

function label(globals: OptionValues): string {
  const cloud = typeof globals['os-cloud'] === 'string' ? globals['os-cloud'] : process.env.OS_CLOUD;
  return cloud ? `cloud ${cloud}` : 'the cloud';
}

type SetState = (update: ConnectionState | ((current: ConnectionState) => ConnectionState)) => void;

/**
 * The secret prompt of one connection: before the app is up it takes the screen; once the app
 * runs (the token expired, a new login needs the secret) it is asked over the app.
 */
function secretPrompt(setState: SetState, what: string, cancelled: () => boolean): (question: string) => Promise<string> {
  return (question: string) =>
    new Promise<string>((resolve, reject) => {
      if (cancelled()) return reject(new UsageError('Cancelled.'));
      setState((current) => {
        if (current.phase === 'ready') {
          const done = () => setState((s) => (s.phase === 'ready' ? { ...s, secret: undefined } : s));
          return {
            ...current,
            secret: {
              question,
              submit: (value) => {
                done();
                resolve(value);
              },
              cancel: () => {
                done();
                reject(new UsageError('No password given: nothing was sent to the cloud.'));
              },
            },
          };
        }
        return {
          phase: 'password',
          question,
          submit: (value) => {
            setState({ phase: 'connecting', label: what });
            resolve(value);
          },
          cancel: () => reject(new UsageError('No password given: nothing was sent to the cloud.')),
        };
      });
    });
}

/**
 * Authenticates once (a cached token is reused; a password that is needed and not configured is
 * asked for in a masked field and kept in memory only), checks that Nova answers, and hands the
 * managers over. A new `attempt` retries; new globals switch cloud or project.
 *
 * When the session already knows its token and microversion (the app's first list, started with
 * the process, asked for both while the screens loaded), the app is drawn at once, with no
 * "connecting" frame before it.
 */
export function useConnection(globals: OptionValues, attempt: string, connect: ConnectFn): ConnectionState {
  const ids = useRef(0);
  // A connect may ask for the secret at once, inside the first render (the start-up managers hand
  // over a question their login asked while the screens loaded): kept until the state exists.
  const beforeMount = useRef<Array<Parameters<SetState>[0]>>([]);
  const setter = useRef<SetState>((u) => void beforeMount.current.push(u));
  // The first render's connection, for the first effect to take over (the start-up managers are handed over once).
  const initial = useRef<
    { globals: OptionValues; attempt: string; managers: Managers; flag: { cancelled: boolean }; ready: boolean } | undefined
  >(undefined);
  const [state, setState] = useState<ConnectionState>(() => {
    const what = label(globals);
    try {
      const flag = { cancelled: false };
      const managers = connect(
        globals,
        secretPrompt(
          (u) => setter.current(u),
          what,
          () => flag.cancelled,
        ),
      );
      const info = managers.session.knownInfo();
      initial.current = { globals, attempt, managers, flag, ready: info !== undefined };
      if (info) {
        traceStart('connected');
        return { phase: 'ready', id: ++ids.current, managers, info };
      }
    } catch {
      // A config error: the effect below connects again and shows it.
    }
    return { phase: 'connecting', label: what };
  });
  setter.current = setState;
  useEffect(() => {
    for (const update of beforeMount.current.splice(0)) setState(update);
  }, []);
  useEffect(() => {
    const first = initial.current?.globals === globals && initial.current.attempt === attempt ? initial.current : undefined;
    initial.current = undefined;
    const flag = first?.flag ?? { cancelled: false };
    const cancel = () => {
      flag.cancelled = true;
    };
    // Drawn at once by the first render: nothing to wait for.
    if (first?.ready) return cancel;
    const what = label(globals);
    if (!first) setState({ phase: 'connecting', label: what });
    traceStart('connecting');
    const promptSecret = secretPrompt(setState, what, () => flag.cancelled);
    (async () => {
      const managers = first?.managers ?? connect(globals, promptSecret);
      // The microversion first: a compute endpoint that fails does so here, once, with its reason
      // (info() would hide it, and asking again after info() doubled the wait on a dead endpoint).
      await managers.session.computeMicroversion();
      const info = await managers.session.info();
      return { managers, info };
    })().then(
      ({ managers, info }) => {
        if (flag.cancelled) return;
        traceStart('connected');
        setState({ phase: 'ready', id: ++ids.current, managers, info });
      },
      (error: unknown) => {
        if (!flag.cancelled) setState({ phase: 'error', error, label: what });
      },
    );
    return cancel;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [globals, attempt]);
  return state;
}
