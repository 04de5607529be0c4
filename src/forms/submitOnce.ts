import { ApiError, ConnectionError } from '../session/errors.js';

/**
 * The submit-once guard of the forms: a state machine, not a disabled button. `submit` runs the
 * request only from `idle`; a second Enter, a key repeat or a call while a slow request is in flight
 * is ignored. After a definite refusal (the service answered an error) the form may re-arm it for an
 * explicit new attempt; after an unknown outcome (the request went out and no answer came back) it
 * may be re-armed only once the user has checked that nothing was created. A POST is never retried
 * automatically (the session never retries one either).
 */
export type SubmitPhase = 'idle' | 'sending' | 'sent' | 'refused' | 'unknown';

export type SubmitResult<T> =
  | { kind: 'sent'; value: T }
  | { kind: 'refused'; error: unknown }
  | { kind: 'unknown'; error: unknown }
  | { kind: 'ignored'; phase: SubmitPhase };

/** Connection failures where the request surely never left (nothing can have been created). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/**
 * Did the service certainly not do it? An answered error (4xx, 500) is a refusal. A lost answer
 * (timeout, reset, a gateway's 502/503/504, an abort) leaves it unknown: it may have been done.
 */
export function classifySubmitError(err: unknown): 'refused' | 'unknown' {
  if (err instanceof ApiError) return err.status === 502 || err.status === 503 || err.status === 504 ? 'unknown' : 'refused';
  if (err instanceof ConnectionError)
    return err.code && (NOT_SENT_CODES.has(err.code) || err.code.startsWith('ERR_TLS')) ? 'refused' : 'unknown';
  // A local failure before the request (validation, reading a file) is a refusal: nothing went out.
  if (err instanceof Error && (err.name === 'UsageError' || err.name === 'ConfigError')) return 'refused';
  return 'unknown';
}

export class SubmitOnce<T = unknown> {
  private state: SubmitPhase = 'idle';
  /** How many requests were actually started (tests and the UI read it). */
  attempts = 0;
  constructor(private readonly onChange?: (phase: SubmitPhase) => void) {}

  get phase(): SubmitPhase {
    return this.state;
  }

  private set(phase: SubmitPhase): void {
    this.state = phase;
    this.onChange?.(phase);
  }

  /** Starts `send` if and only if idle; the phase changes synchronously, before any await. */
  async submit(send: () => Promise<T>): Promise<SubmitResult<T>> {
    if (this.state !== 'idle') return { kind: 'ignored', phase: this.state };
    this.set('sending');
    this.attempts++;
    try {
      const value = await send();
      this.set('sent');
      return { kind: 'sent', value };
    } catch (error) {
      const kind = classifySubmitError(error);
      this.set(kind);
      return { kind, error };
    }
  }

  /**
   * Allows one new attempt, by the user's explicit choice: after a refusal, after a failure seen
   * later (the server went to ERROR), or after an unknown outcome once the user has checked.
   * Never while a request is in flight.
   */
  rearm(): boolean {
    if (this.state === 'sending') return false;
    this.set('idle');
    return true;
  }
}
