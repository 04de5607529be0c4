import { RequestError } from 'got';
import { ApiError, ConnectionError, TimeoutError, UnexpectedAnswerError, pathOf } from './errors.js';

/** What one request went through, attempt by attempt, for the message when it fails. */
export interface AttemptState {
  /** The status and headers of the last attempt, once they came. */
  response?: { statusCode: number; headers: Record<string, string | string[] | undefined> };
  attempts: number;
  /** Set when the body grew past its cap and reading it was stopped. */
  tooLarge?: number;
  deadlineHit?: boolean;
}

const CONNECT_EVENTS = new Set(['lookup', 'connect', 'secureConnect', 'socket']);

export function requestIdOf(headers: Record<string, unknown>): string | undefined {
  const v = headers['x-openstack-request-id'] ?? headers['x-compute-request-id'] ?? headers['x-request-id'];
  return Array.isArray(v) ? v[0] : (v as string | undefined);
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** What the user is told when no (complete) answer came: which service, which request, what was awaited. */
export function transportFailure(
  err: unknown,
  req: { method: string; url: string },
  service: string,
  attemptMs: number,
  state: AttemptState,
  scrub: (text: string) => string,
): Error {
  const origin = originOf(req.url);
  const what = `${req.method} ${pathOf(req.url)}`;
  const tries = state.attempts > 1 ? ` (${state.attempts} attempts)` : '';
  const re = err instanceof RequestError ? err : undefined;
  const t = re?.timings;
  // The request went out whole: the cloud may have acted on it even though no answer came.
  const maybeSent = t?.upload !== undefined || state.response !== undefined;
  // The status line and headers came (the body then failed): the answer was cut, not missing.
  const gotHeaders = state.response !== undefined || t?.response !== undefined;
  if (state.tooLarge !== undefined && state.response) {
    const { statusCode, headers } = state.response;
    const rid = requestIdOf(headers);
    const note = `the answer was larger than ${mib(state.tooLarge)} and was not read`;
    if (statusCode >= 400) return new ApiError(note, statusCode, `http${statusCode}`, rid, req.method, req.url);
    return new UnexpectedAnswerError(service, note, statusCode, rid, req.method, req.url);
  }
  const code = re?.code;
  const timedOut = state.deadlineHit || code === 'ETIMEDOUT' || re?.name === 'TimeoutError';
  if (timedOut) {
    const event = (re as { event?: string } | undefined)?.event;
    if (!gotHeaders && event && CONNECT_EVENTS.has(event)) {
      return new TimeoutError(
        `Cannot reach ${origin}: timed out connecting, after ${seconds(attemptMs)}${tries}`,
        req.url,
        false,
        'connect',
      );
    }
    if (gotHeaders) {
      return new TimeoutError(
        `The answer from ${service} to ${what} stopped arriving: incomplete after ${seconds(attemptMs)}${tries}`,
        req.url,
        maybeSent,
        'body',
      );
    }
    return new TimeoutError(`No answer from ${service} to ${what} within ${seconds(attemptMs)}${tries}`, req.url, maybeSent, 'headers');
  }
  if (gotHeaders) {
    return new ConnectionError(
      `The answer from ${service} to ${what} was cut off: the connection closed before its end${tries}`,
      req.url,
      code,
      maybeSent,
    );
  }
  if (maybeSent) {
    return new ConnectionError(`The connection to ${origin} closed before ${service} answered ${what}${tries}`, req.url, code, true);
  }
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host not found'
        : code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
          ? `TLS error (${code}); use --os-cacert or --insecure`
          : scrub((err as Error).message);
  return new ConnectionError(`Cannot reach ${origin}: ${why}`, req.url, code, false);
}
