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
    super(message);
  }

  /** The one line a user sees: message, status, request id. */
  describe(): string {
    return `${this.message} (HTTP ${this.status}${this.requestId ? `, request ${this.requestId}` : ''})`;
  }
}

export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

/** The cloud could not be reached at all (refused, DNS, TLS, timeout). */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(message: string, readonly url: string, readonly code?: string) {
    super(message);
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
  constructor(message: string, readonly reason: 'none' | 'multiple') {
    super(message);
  }
}

function strip(html: string): string {
  return html
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
    .trim();
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

/**
 * Reads the error body of any OpenStack service:
 * Nova `{"itemNotFound": {"code", "message"}}`, Keystone `{"error": {"code", "title", "message"}}`,
 * Neutron `{"NeutronError": {"type", "message"}}`, Glance's plain text or HTML, or nothing at all.
 */
export function parseErrorBody(status: number, body: string | undefined, contentType?: string): { kind: string; message: string } {
  const fallback = { kind: `http${status}`, message: STATUS_TEXT[status] ?? `HTTP ${status}` };
  const text = (body ?? '').trim();
  if (!text) return fallback;
  if (text.startsWith('{') || contentType?.includes('json')) {
    try {
      const doc = JSON.parse(text) as Record<string, unknown>;
      for (const [kind, v] of Object.entries(doc)) {
        if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          // The first non-empty one: Keystone may send an empty message with a useful title.
          const msg = [o.message, o.detail, o.title].find((m) => typeof m === 'string' && m.trim());
          if (typeof msg === 'string') return { kind, message: msg.trim() };
        } else if (kind === 'message' && typeof v === 'string') {
          return { kind: fallback.kind, message: v };
        }
      }
      if (typeof doc.detail === 'string') return { kind: fallback.kind, message: doc.detail };
    } catch {
      // not JSON after all: treat as text below
    }
  }
  const isHtml = /<[a-z!][\s\S]*>/i.test(text);
  // webob's plain-text errors put the status line first, alone on its line ("404 Not Found\n\nThe resource...").
  const plain = isHtml ? strip(text) : text.replace(/^\d{3}[^\S\n]+[^\n]*\n\s*(?=\S)/, '').replace(/\s+/g, ' ');
  return { kind: fallback.kind, message: (plain || fallback.message).slice(0, 500) };
}

/** Turns anything thrown into one line for the user, without a stack. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.describe();
  if (err instanceof Error) return err.message;
  return String(err);
}
