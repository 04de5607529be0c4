import { useEffect, useRef, useState } from 'react';
import type { OptionValues } from '../../src/commands/types.js';
import type { Managers } from '../../src/managers/index.js';
import { UsageError } from '../../src/session/errors.js';
import type { SessionInfo } from '../../src/session/session.js';

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

/**
 * Authenticates once (a cached token is reused; a password that is needed and not configured is
 * asked for in a masked field and kept in memory only), checks that Nova answers, and hands the
 * managers over. A new `attempt` retries; new globals switch cloud or project.
 */
export function useConnection(globals: OptionValues, attempt: string, connect: ConnectFn): ConnectionState {
  const [state, setState] = useState<ConnectionState>({ phase: 'connecting', label: label(globals) });
  const ids = useRef(0);
  useEffect(() => {
    let cancelled = false;
    const what = label(globals);
    setState({ phase: 'connecting', label: what });
    const promptSecret = (question: string) =>
      new Promise<string>((resolve, reject) => {
        if (cancelled) return reject(new UsageError('Cancelled.'));
        setState((current) => {
          // Asked again later (the token expired, a new login needs the secret): ask over the app.
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
    (async () => {
      const managers = connect(globals, promptSecret);
      const info = await managers.session.info();
      // info() hides a compute failure behind an unknown microversion: ask again to show why.
      if (!info.microversion) info.microversion = await managers.session.computeMicroversion();
      return { managers, info };
    })().then(
      ({ managers, info }) => {
        if (!cancelled) setState({ phase: 'ready', id: ++ids.current, managers, info });
      },
      (error: unknown) => {
        if (!cancelled) setState({ phase: 'error', error, label: what });
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [globals, attempt]);
  return state;
}
