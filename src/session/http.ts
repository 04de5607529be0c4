import { readFileSync } from 'node:fs';
import got, { type Got, type Method, RequestError } from 'got';
import { ConfigError } from '../config/errors.js';
import { ApiError, ConnectionError, NotFoundError, parseErrorBody } from './errors.js';
import { type LogSink, TimingRecorder } from './log.js';
import { redactBody, redactHeaders } from './redact.js';

export interface HttpRequest {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the raw text ('' when empty). */
  body: unknown;
  requestId?: string;
  url: string;
}

export interface HttpOptions {
  timeoutMs?: number;
  cacert?: string;
  insecure?: boolean;
  debug?: LogSink;
  timings?: TimingRecorder;
  userAgent?: string;
}

const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'];

function readCaBundle(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ConfigError(`Cannot read the CA bundle '${path}' (from cacert in clouds.yaml, OS_CACERT or --os-cacert).`);
  }
}

export function requestIdOf(headers: Record<string, unknown>): string | undefined {
  const v = headers['x-openstack-request-id'] ?? headers['x-compute-request-id'] ?? headers['x-request-id'];
  return Array.isArray(v) ? v[0] : (v as string | undefined);
}

function cleanParams(p: HttpRequest['searchParams']): Record<string, string> | undefined {
  if (!p) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = String(v);
  return out;
}

/**
 * The one place novash speaks HTTP. Retries only idempotent requests (GET/HEAD) on connection
 * errors and 502/503/504, honouring Retry-After; a POST is sent exactly once.
 */
export class HttpClient {
  private readonly got: Got;
  constructor(private readonly options: HttpOptions = {}) {
    const timeout = options.timeoutMs ?? 60_000;
    this.got = got.extend({
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      timeout: { lookup: 10_000, connect: Math.min(timeout, 15_000), secureConnect: 15_000, response: timeout },
      retry: {
        limit: 2,
        methods: ['GET', 'HEAD'],
        statusCodes: [502, 503, 504],
        errorCodes: RETRY_ERROR_CODES,
        maxRetryAfter: 30_000,
        backoffLimit: 2_000,
      },
      https: {
        rejectUnauthorized: !options.insecure,
        certificateAuthority: options.cacert ? readCaBundle(options.cacert) : undefined,
      },
      headers: { 'user-agent': options.userAgent ?? 'novash', accept: 'application/json' },
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    const searchParams = cleanParams(req.searchParams);
    const shownUrl = searchParams && Object.keys(searchParams).length
      ? `${req.url}?${new URLSearchParams(searchParams).toString()}`
      : req.url;
    const { debug, timings } = this.options;
    if (debug) {
      debug(`REQ: ${req.method} ${shownUrl} ${JSON.stringify(redactHeaders(req.headers ?? {}))}`);
      if (req.json !== undefined) debug(`REQ BODY: ${redactBody(req.json)}`);
    }
    let res;
    // got retries GETs on its own: each failed attempt still gets its own --debug line (with the
    // request id the cloud gave it) and its own --timings row.
    let attemptStarted = started;
    const beforeRetry = (error: RequestError, retryCount: number) => {
      const status = error.response?.statusCode;
      const rid = error.response ? requestIdOf(error.response.headers) : undefined;
      // got calls this after its back-off pause: take the attempt's own duration from its timings.
      const t = error.timings;
      const ms = t?.phases.total ?? (t?.error && t.start ? t.error - t.start : performance.now() - attemptStarted);
      timings?.record({ method: req.method, url: shownUrl, status: status ?? 'ERR', ms });
      debug?.(`RETRY ${retryCount}: ${req.method} ${shownUrl} after ${status ? `[${status}]${rid ? ` request ${rid}` : ''}` : (error.code ?? error.message)}`);
      attemptStarted = performance.now();
    };
    try {
      res = await this.got(req.url, {
        method: req.method,
        headers: req.headers,
        json: req.json,
        body: req.body,
        searchParams,
        signal: req.signal,
        hooks: { beforeRetry: [beforeRetry] },
      });
    } catch (err) {
      timings?.record({ method: req.method, url: shownUrl, status: 'ERR', ms: performance.now() - attemptStarted });
      if (req.signal?.aborted) throw err;
      const code = err instanceof RequestError ? err.code : undefined;
      const origin = (() => {
        try {
          return new URL(req.url).origin;
        } catch {
          return req.url;
        }
      })();
      const why =
        code === 'ECONNREFUSED' ? 'connection refused' :
        code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host not found' :
        code === 'ETIMEDOUT' ? 'timed out' :
        code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? `TLS error (${code}); use --os-cacert or --insecure` :
        (err as Error).message;
      throw new ConnectionError(`Cannot reach ${origin}: ${why}`, req.url, code);
    }
    const ms = performance.now() - attemptStarted;
    timings?.record({ method: req.method, url: shownUrl, status: res.statusCode, ms });
    const requestId = requestIdOf(res.headers);
    const contentType = String(res.headers['content-type'] ?? '');
    const text = res.body as string;
    if (debug) {
      debug(`RESP: [${res.statusCode}] ${(ms / 1000).toFixed(3)}s ${JSON.stringify(redactHeaders(res.headers as Record<string, unknown>))}`);
      if (text) debug(`RESP BODY: ${redactBody(text)}`);
    }
    if (res.statusCode >= 400) {
      const { kind, message } = parseErrorBody(res.statusCode, text, contentType);
      const Cls = res.statusCode === 404 ? NotFoundError : ApiError;
      throw new Cls(message, res.statusCode, kind, requestId, req.method, req.url);
    }
    let body: unknown = text;
    if (text && (contentType.includes('json') || /^\s*[{[]/.test(text))) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.statusCode, headers: res.headers, body, requestId, url: req.url };
  }
}
