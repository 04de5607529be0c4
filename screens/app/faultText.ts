import { StalledError } from '../../src/app/serverList.js';
import { ApiError, ConnectionError, TimeoutError, UnexpectedAnswerError, describeError } from '../../src/session/errors.js';
import { displayWidth, truncateWidth } from '../../src/util/displayWidth.js';
import { safeText } from '../../src/util/terminalText.js';

/**
 * How a failure reads on one line of the app. A cloud's message can be 500 characters and the
 * status and request id come last in describeError(): on an 80-column line they would be cut
 * off, and they are what an operator needs to find the failure in the cloud's logs.
 */

/** A few words for the header: "HTTP 500", "no answer", "refused". */
export function faultLabel(err: unknown): string {
  if (err instanceof ApiError) return `HTTP ${err.status}`;
  if (err instanceof StalledError || err instanceof TimeoutError) return 'no answer';
  if (err instanceof ConnectionError) {
    if (err.code === 'ECONNREFUSED') return 'refused';
    return err.maybeSent ? 'connection lost' : 'unreachable';
  }
  return 'error';
}

/** "HTTP 500, request req-…: message": status and request id first, so a cut line keeps them. */
export function faultLine(err: unknown): string {
  if (!(err instanceof ApiError)) return describeError(err);
  const tag = `HTTP ${err.status}${err.requestId ? `, request ${err.requestId}` : ''}`;
  const what = err instanceof UnexpectedAnswerError ? `unexpected answer from ${err.service}: ${err.message}` : err.message;
  return safeText(`${tag}: ${what}`);
}

// The "(HTTP 500, request req-…)" that describeError() puts after a message.
const STATUS_GROUP = /\(HTTP \d{3}(?:, request [^)\s]+)?\)/;

/** The text before its "(HTTP 500, request …)" group, and the group with what follows; undefined without one. */
export function splitAtStatus(text: string): [string, string] | undefined {
  const m = STATUS_GROUP.exec(text);
  return m ? [text.slice(0, m.index).trimEnd(), text.slice(m.index)] : undefined;
}

/**
 * One line of at most `width` columns. A line too long for it loses the middle of its message, not
 * the "(HTTP 500, request …)" group in it, which is kept whole when it fits at all.
 */
export function fitMessage(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const m = STATUS_GROUP.exec(text);
  if (!m || m[0].length + 2 > width) return truncateWidth(text, width);
  const before = text.slice(0, m.index).trimEnd();
  const after = text.slice(m.index + m[0].length);
  // What follows the group ("): the body is not valid JSON") gets a little room, the head the rest.
  const afterRoom = Math.min(displayWidth(after), Math.max(0, Math.floor((width - m[0].length) / 3)));
  const beforeRoom = width - m[0].length - 1 - afterRoom;
  const head = beforeRoom > 1 ? truncateWidth(before, beforeRoom) + ' ' : '';
  return truncateWidth(head + m[0] + truncateWidth(after, afterRoom), width);
}
