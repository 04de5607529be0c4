import type { Key } from 'ink';
import type { SubmitOnce } from '../../src/forms/submitOnce.js';
import { describeError } from '../../src/session/errors.js';
import type { FormMessage } from './fields.js';
import type { CheckState } from './outcome.js';

/**
 * The life of a form's one request, the same in every form: sent through its SubmitOnce guard;
 * refused (back to the form, values kept) or unknown (check first: follow what was made, or send
 * again only when nothing was).
 */

/** What a form keeps about its request. */
export interface RequestFields {
  phase: string;
  error?: unknown;
  check: CheckState;
  message?: FormMessage;
}

interface FormLike<S> {
  update: (fn: (s: S) => S) => void;
  mounted: { current: boolean };
}

/**
 * Sends `request` if the guard allows it: phase 'sending' while it is in flight; then `onSent` with
 * the answer, or phase 'refused' / 'unknown' with the error.
 */
export async function sendOnce<S extends RequestFields, T>(
  form: FormLike<S>,
  guard: SubmitOnce<T>,
  request: () => Promise<T>,
  onSent: (value: T) => void,
): Promise<void> {
  if (guard.phase !== 'idle') return;
  form.update((x) => ({ ...x, phase: 'sending', message: undefined }));
  const r = await guard.submit(request);
  if (!form.mounted.current) return;
  if (r.kind === 'sent') onSent(r.value);
  else if (r.kind === 'refused') form.update((x) => ({ ...x, phase: 'refused', error: r.error }));
  else if (r.kind === 'unknown') form.update((x) => ({ ...x, phase: 'unknown', error: r.error, check: { kind: 'none' } }));
}

/**
 * "c" after a lost answer: `probe` asks the cloud whether it was done and answers the check (and
 * any other fields of the state it found out); a failed probe says so.
 */
export async function runCheck<S extends RequestFields, R extends { check: CheckState }>(
  form: FormLike<S>,
  probe: () => Promise<R>,
): Promise<void> {
  form.update((x) => ({ ...x, check: { kind: 'checking' } }));
  try {
    const found = await probe();
    if (form.mounted.current) form.update((x) => ({ ...x, ...found }));
  } catch (err) {
    if (form.mounted.current)
      form.update((x) => ({ ...x, check: { kind: 'failed', text: `The check failed too: ${describeError(err)}` } }));
  }
}

export interface RequestKeyActions {
  /** Back to the form, values kept: after a refusal ('refused'), or when the check found nothing ('absent'). */
  back: (after: 'refused' | 'absent') => void;
  /** The check found it: follow it as if the answer had come. */
  follow: () => void;
  /** The check found nothing: send it again (one request). */
  resend: () => void;
  check: () => void;
  close: () => void;
}

/** The keys of the sending, refused and unknown phases; false in any other phase. */
export function requestKeys(s: RequestFields, input: string, key: Key, on: RequestKeyActions): boolean {
  switch (s.phase) {
    case 'sending':
      return true; // one request is in flight: every key (a second Enter too) does nothing
    case 'refused':
      if (key.return || input === 'e') on.back('refused');
      else if (key.escape) on.close();
      return true;
    case 'unknown':
      if (s.check.kind === 'found' && key.return) on.follow();
      else if (s.check.kind === 'absent' && input === 'r') on.resend();
      else if (s.check.kind === 'absent' && input === 'e') on.back('absent');
      else if (input === 'c' && s.check.kind !== 'checking') on.check();
      else if (key.escape) on.close();
      return true;
    default:
      return false;
  }
}
