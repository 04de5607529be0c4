import { clipText, oneLine, safeText } from '../util/terminalText.js';

/** How long a message from a cloud may be on screen: a 50 MB error must not bury the status and request id. */
export const MESSAGE_MAX_CHARS = 500;

/** A cloud's text as one readable line: flattened, cut to length, control characters made visible. */
export function readableMessage(text: string, max = MESSAGE_MAX_CHARS): string {
  return safeText(oneLine(clipText(text, max)));
}

/** An error answered by an OpenStack service: status, the service's own message, and the request id. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string,
    readonly requestId: string | undefined,
    readonly method: string,
    readonly url: string,
  ) {
    // Cut here, once: whatever shows or logs this error never carries megabytes of it.
    super(oneLine(clipText(message, MESSAGE_MAX_CHARS)));
  }

  /** The one line a user sees: message, status, request id (always last, never cut off). */
  describe(): string {
    return `${safeText(this.message)} (HTTP ${this.status}${this.requestId ? `, request ${safeText(this.requestId)}` : ''})`;
  }

  /**
   * The same answer said in words a user can act on (the cloud's own message inside `message`):
   * the same status, kind and request id (and NotFoundError / AuthError stay what they are).
   */
  reworded(message: string): ApiError {
    // The kinds callers tell apart by class; the others have constructors of their own.
    const Same = this instanceof NotFoundError ? NotFoundError : this instanceof AuthError ? AuthError : ApiError;
    return new Same(message, this.status, this.kind, this.requestId, this.method, this.url);
  }
}

/**
 * A 2xx whose body is not what the API promises (HTML from a proxy, broken JSON, a list key
 * missing): an error, never an empty answer.
 */
export class UnexpectedAnswerError extends ApiError {
  override name = 'UnexpectedAnswerError';
  constructor(
    readonly service: string,
    detail: string,
    status: number,
    requestId: string | undefined,
    method: string,
    url: string,
  ) {
    super(detail, status, 'unexpectedAnswer', requestId, method, url);
  }

  override describe(): string {
    // A 2xx to a POST/PUT/DELETE means the cloud took the request: it may well have been done.
    const acted =
      this.method === 'GET' || this.method === 'HEAD' ? '' : `; the cloud accepted the ${this.method}, so it may have been carried out`;
    return `Unexpected answer from ${this.service} to ${this.method} ${pathOf(this.url)} (HTTP ${this.status}${this.requestId ? `, request ${safeText(this.requestId)}` : ''}): ${safeText(this.message)}${acted}`;
  }
}

/** The path of a URL, for messages (the host is the same for every request of a service). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

/** The cloud could not be reached, or its answer did not come (refused, DNS, TLS, reset, timeout). */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(
    message: string,
    readonly url: string,
    readonly code?: string,
    /**
     * True once the request (body included) was handed to the network: the cloud may have acted
     * on it (a create may exist). False when it surely was not sent (refused, DNS, TLS).
     */
    readonly maybeSent = false,
  ) {
    super(message);
  }
}

/** No (complete) answer within the deadline. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
  constructor(
    message: string,
    url: string,
    maybeSent: boolean,
    /** What was still awaited: the connection, the status line and headers, or the rest of the body. */
    readonly phase: 'connect' | 'headers' | 'body',
  ) {
    super(message, url, 'ETIMEDOUT', maybeSent);
  }
}

/** Keystone refused the credentials. */
export class AuthError extends ApiError {
  override name = 'AuthError';
}

/** Something the user asked for cannot be done as asked (bad argument, ambiguous name...). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Name resolution failed: novaclient's exact wording lives in the message. */
export class ResolveError extends Error {
  override name = 'ResolveError';
  constructor(
    message: string,
    readonly reason: 'none' | 'multiple',
  ) {
    super(message);
  }
}

function strip(html: string): string {
  return (
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<title>[\s\S]*?<\/title>/i, ' ')
      // webob's error page repeats the status line as the heading: "<h1>404 Not Found</h1>".
      .replace(/<h1>\s*\d{3}\b[^<]*<\/h1>/i, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'The request you have made requires authentication',
  403: 'Policy does not allow this',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Over limit',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

const TEXT_SCAN_CHARS = 20_000;

/**
 * Reads the error body of any OpenStack service:
 * Nova `{"itemNotFound": {"code", "message"}}`, Keystone `{"error": {"code", "title", "message"}}`,
 * Neutron `{"NeutronError": {"type", "message"}}`, Glance's plain text or HTML, or nothing at all.
 */
export function parseErrorBody(status: number, body: string | undefined, contentType?: string): { kind: string; message: string } {
  const fallback = { kind: `http${status}`, message: STATUS_TEXT[status] ?? `HTTP ${status}` };
  const text = (body ?? '').trim();
  // A kind is a label (ERROR (itemNotFound)); a cloud sending anything else gets the status instead.
  const label = (kind: string) => (/^[A-Za-z][\w.:-]{0,63}$/.test(kind) ? kind : fallback.kind);
  if (!text) return fallback;
  if (text.startsWith('{') || contentType?.includes('json')) {
    try {
      const doc = JSON.parse(text) as Record<string, unknown>;
      for (const [kind, v] of Object.entries(doc)) {
        if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          // The first non-empty one: Keystone may send an empty message with a useful title.
          const msg = [o.message, o.detail, o.title].find((m) => typeof m === 'string' && m.trim());
          if (typeof msg === 'string') return { kind: label(kind), message: msg.trim() };
        } else if (kind === 'message' && typeof v === 'string') {
          return { kind: fallback.kind, message: v };
        }
      }
      if (typeof doc.detail === 'string') return { kind: fallback.kind, message: doc.detail };
    } catch {
      // not JSON after all: treat as text below
    }
  }
  // Markup and whitespace are cleaned from the start only: a message is cut to a few hundred characters anyway.
  const head = text.length > TEXT_SCAN_CHARS ? text.slice(0, TEXT_SCAN_CHARS) : text;
  const isHtml = /<[a-z!][\s\S]*>/i.test(head);
  // webob's plain-text errors put the status line first, alone on its line ("404 Not Found\n\nThe resource...").
  const plain = isHtml ? strip(head) : head.replace(/^\d{3}[^\S\n]+[^\n]*\n\s*(?=\S)/, '').replace(/\s+/g, ' ');
  const more = text.length - head.length;
  return { kind: fallback.kind, message: (plain || fallback.message) + (more > 0 ? `… (${more} more characters)` : '') };
}

/** Turns anything thrown into one line for the user, without a stack: readable length, no live control characters. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.describe();
  if (err instanceof Error) return readableMessage(err.message, 2 * MESSAGE_MAX_CHARS);
  return readableMessage(String(err), 2 * MESSAGE_MAX_CHARS);
}
