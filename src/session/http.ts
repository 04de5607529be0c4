import { readFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import got, { type Got, type Method, type RequestError } from 'got';
import { ConfigError } from '../config/errors.js';
import { clipText } from '../util/terminalText.js';
import { ApiError, NotFoundError, UnexpectedAnswerError, parseErrorBody } from './errors.js';
import { type LogSink, type TimingRecorder } from './log.js';
import { redactBody, redactHeaders, scrubSecrets } from './redact.js';
import { notJsonReason } from './answerShape.js';
import { type AttemptState, originOf, requestIdOf, transportFailure } from './transportFailure.js';

export { requestIdOf };

export interface HttpRequest {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** The service asked ("compute", "identity"...), for messages; the host when not given. */
  service?: string;
  /** What a 2xx body must be: JSON (the default; an empty body is allowed) or any text. */
  accept?: 'json' | 'text';
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the raw text ('' when empty). */
  body: unknown;
  requestId?: string;
  url: string;
  method: string;
  service: string;
}

export interface HttpOptions {
  /** The deadline of one attempt of one request, connection, headers and body (--timeout). */
  timeoutMs?: number;
  cacert?: string;
  insecure?: boolean;
  debug?: LogSink;
  timings?: TimingRecorder;
  userAgent?: string;
  /** Every secret in play (configured or prompted): scrubbed from every debug line and error message. */
  secrets?: () => Array<string | undefined>;
}

/**
 * Default deadlines of one attempt: a GET is tried up to three times, so a cloud that does not
 * answer fails it in about 30 s; anything else is sent once and may take 30 s.
 */
export const DEFAULT_RETRIED_TIMEOUT_MS = 10_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
const RETRY_LIMIT = 2;
/** Larger answers are refused rather than read (a string that size would not even fit in V8). */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;
export const MAX_ERROR_BODY_BYTES = 64 * 1024 * 1024;
/** A --debug body line is cut here. */
const DEBUG_BODY_CHARS = 20_000;

const RETRIED_METHODS = new Set(['GET', 'HEAD']);
const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN'];

function readCaBundle(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ConfigError(`Cannot read the CA bundle '${path}' (from cacert in clouds.yaml, OS_CACERT or --os-cacert).`);
  }
}

function cleanParams(p: HttpRequest['searchParams']): Record<string, string> | undefined {
  if (!p) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = String(v);
  return out;
}

/**
 * The one place novash speaks HTTP. Every attempt has a deadline for the whole exchange (connect,
 * headers and body), and so has the request with its retries. Retries only idempotent requests
 * (GET/HEAD) on connection errors and 429/502/503/504, honouring Retry-After; a POST is sent exactly
 * once. A 2xx that is not JSON is an error, never an empty answer.
 */
export class HttpClient {
  private readonly got: Got;
  private readonly serverDates = new Map<string, Date>();

  constructor(private readonly options: HttpOptions = {}) {
    this.got = got.extend({
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      retry: {
        limit: RETRY_LIMIT,
        methods: ['GET', 'HEAD'],
        // 429 too: a GET asked to come back (Retry-After) is tried again when it may be.
        statusCodes: [429, 502, 503, 504],
        errorCodes: RETRY_ERROR_CODES,
        backoffLimit: 2_000,
      },
      https: {
        rejectUnauthorized: !options.insecure,
        certificateAuthority: options.cacert ? readCaBundle(options.cacert) : undefined,
      },
      headers: { 'user-agent': options.userAgent ?? 'novash', accept: 'application/json' },
    });
  }

  /** The deadline of one attempt of this method. */
  attemptTimeoutMs(method: string): number {
    return this.options.timeoutMs ?? (RETRIED_METHODS.has(method) ? DEFAULT_RETRIED_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
  }

  /** The cloud's own clock (the Date header) at its last answer from this service, if it sent one. */
  serverDate(service: string): Date | undefined {
    return this.serverDates.get(service);
  }

  private scrub(text: string): string {
    const secrets = this.options.secrets?.();
    return secrets?.length ? scrubSecrets(text, secrets) : text;
  }

  private log(line: string): void {
    this.options.debug?.(this.scrub(line));
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    const searchParams = cleanParams(req.searchParams);
    const shownUrl =
      searchParams && Object.keys(searchParams).length ? `${req.url}?${new URLSearchParams(searchParams).toString()}` : req.url;
    const service = req.service ?? originOf(req.url);
    const { debug, timings } = this.options;
    if (debug) {
      this.log(`REQ: ${req.method} ${shownUrl} ${JSON.stringify(redactHeaders(req.headers ?? {}))}`);
      if (req.json !== undefined) this.log(`REQ BODY: ${redactBody(req.json)}`);
      else if (req.body !== undefined) this.log(`REQ BODY: <${Buffer.byteLength(req.body)} bytes>`);
    }
    const attemptMs = this.attemptTimeoutMs(req.method);
    const retried = RETRIED_METHODS.has(req.method);
    const state: AttemptState = { attempts: 1 };
    // A hard stop for the whole request, retries and their pauses included: got bounds each
    // attempt, this bounds their sum even when a server keeps asking to retry later.
    const overall = new AbortController();
    const hardMs = retried ? (RETRY_LIMIT + 1) * attemptMs + 2 * Math.min(attemptMs, 2_000) + 1_000 : attemptMs + 1_000;
    const hardTimer = setTimeout(() => {
      state.deadlineHit = true;
      overall.abort();
    }, hardMs);
    hardTimer.unref?.();
    const signal = req.signal ? AbortSignal.any([req.signal, overall.signal]) : overall.signal;

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
      this.log(
        `RETRY ${retryCount}: ${req.method} ${shownUrl} after ${status ? `[${status}]${rid ? ` request ${rid}` : ''}` : (error.code ?? error.message)}`,
      );
      attemptStarted = performance.now();
      state.attempts = retryCount + 1;
      state.response = undefined;
    };
    try {
      const pending = this.got(req.url, {
        method: req.method,
        headers: req.headers,
        json: req.json,
        body: req.body,
        searchParams,
        signal,
        timeout: { connect: Math.min(attemptMs, 15_000), request: attemptMs },
        // A server asking to come back later than an attempt may last is not waited for.
        retry: { maxRetryAfter: attemptMs },
        hooks: { beforeRetry: [beforeRetry] },
      });
      // got's promise tells of the response only once its body is read: take the status line and
      // headers from the native request as soon as they come.
      pending.on('request', (native: ClientRequest) => {
        native.once('response', (r) => {
          state.response = { statusCode: r.statusCode ?? 0, headers: r.headers };
        });
      });
      pending.on('downloadProgress', (p: { transferred: number }) => {
        const cap = (state.response?.statusCode ?? 200) >= 400 ? MAX_ERROR_BODY_BYTES : MAX_BODY_BYTES;
        if (p.transferred > cap && state.tooLarge === undefined) {
          state.tooLarge = cap;
          pending.cancel();
        }
      });
      res = await pending;
    } catch (err) {
      timings?.record({
        method: req.method,
        url: shownUrl,
        status: state.response?.statusCode ?? 'ERR',
        ms: performance.now() - attemptStarted,
      });
      if (req.signal?.aborted) throw err;
      throw transportFailure(err, req, service, attemptMs, state, (text) => this.scrub(text));
    } finally {
      clearTimeout(hardTimer);
    }
    const ms = performance.now() - attemptStarted;
    timings?.record({ method: req.method, url: shownUrl, status: res.statusCode, ms });
    const requestId = requestIdOf(res.headers);
    const date = res.headers.date ? new Date(String(res.headers.date)) : undefined;
    if (date && Number.isFinite(date.getTime())) this.serverDates.set(service, date);
    const contentType = String(res.headers['content-type'] ?? '');
    const text = res.body as string;
    if (debug) {
      this.log(
        `RESP: [${res.statusCode}] ${(ms / 1000).toFixed(3)}s ${JSON.stringify(redactHeaders(res.headers as Record<string, unknown>))}`,
      );
      if (text) this.log(`RESP BODY: ${clipText(redactBody(text), DEBUG_BODY_CHARS)}`);
    }
    if (res.statusCode >= 400) {
      const { kind, message } = parseErrorBody(res.statusCode, text, contentType);
      const Cls = res.statusCode === 404 ? NotFoundError : ApiError;
      throw new Cls(this.scrub(message), res.statusCode, kind, requestId, req.method, req.url);
    }
    let body: unknown = text;
    if (text && (req.accept ?? 'json') === 'json') {
      const reason = notJsonReason(text, contentType);
      if (reason) throw new UnexpectedAnswerError(service, this.scrub(reason), res.statusCode, requestId, req.method, req.url);
      try {
        body = JSON.parse(text);
      } catch {
        throw new UnexpectedAnswerError(
          service,
          `the body is not valid JSON (${text.length} characters, cut off or corrupted)`,
          res.statusCode,
          requestId,
          req.method,
          req.url,
        );
      }
    }
    return { status: res.statusCode, headers: res.headers, body, requestId, url: req.url, method: req.method, service };
  }
}
