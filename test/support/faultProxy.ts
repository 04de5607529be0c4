/**
 * A fault-injecting HTTP proxy on loopback, in front of the fixture server (or any cloud on
 * 127.0.0.1). It forwards what it is not told to break, rewriting the upstream's origin into its
 * own in bodies and Location headers (so the catalog Keystone hands out points back at the proxy),
 * and breaks the requests it is told to: an error status, a dropped connection before or after the
 * upstream acted, a body cut off or stalled, HTML or broken JSON where JSON belongs, a huge body.
 *
 * Bounded: it listens on 127.0.0.1 only, every held connection is destroyed by close(), every
 * generated body has a fixed size (or stops when the client goes), and it records every request
 * it saw and whether the upstream saw it too.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind =
  /** Answer this status (and body) without forwarding: the upstream never sees the request. */
  | { kind: 'status'; status: number; body?: unknown; contentType?: string; headers?: Record<string, string> }
  /** Drop the connection before (not forwarded) or after the upstream handled the request. */
  | { kind: 'reset'; after: boolean }
  /** Forward; send the status line, headers and half the body, then drop the connection. */
  | { kind: 'reset-mid-body' }
  /** Never answer at all (forwarded or not): no status line, no headers. */
  | { kind: 'no-headers'; forward: boolean }
  /** Forward; send the headers and the first bytes of the body, then nothing more. */
  | { kind: 'stall-body' }
  /** Forward (the upstream acts), then answer this instead of what it said. */
  | { kind: 'replace'; status?: number; body: string | (() => string); contentType: string }
  /** Forward, then answer the upstream's JSON with a field of `bytes` filler added: valid, just huge. */
  | { kind: 'huge-json'; bytes: number }
  /** Forward, then answer 200 application/json and send filler until the client hangs up. */
  | { kind: 'endless-body' }
  /** Forward, and answer what the upstream said with these headers changed (a clock that is off, say). */
  | { kind: 'headers'; headers: Record<string, string> };

export interface ProxyFault {
  method?: string;
  /** Exact path (no query) or a pattern. */
  path?: string | RegExp;
  /** How many matching requests it takes (default: all of them). */
  times?: number;
  fault: FaultKind;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The request reached the upstream (the cloud may have acted on it). */
  forwarded: boolean;
  /** The fault applied to it, if any. */
  fault?: FaultKind['kind'];
  /** The status the client was sent (0: none). */
  status: number;
  /** The request id the client was sent, if any. */
  requestId?: string;
}

const FILLER_CHUNK = Buffer.alloc(64 * 1024, 0x20);

// Huge bodies are made once and reused: the proxy shares its event loop with every other case.
const fillers = new Map<number, string>();
function filler(bytes: number): string {
  let f = fillers.get(bytes);
  if (f === undefined) fillers.set(bytes, (f = 'x'.repeat(bytes)));
  return f;
}
const serialized = new WeakMap<object, Buffer>();
function serialize(body: unknown): Buffer {
  if (typeof body !== 'object' || body === null) return Buffer.from(String(body ?? ''));
  let b = serialized.get(body);
  if (!b) serialized.set(body, (b = Buffer.from(JSON.stringify(body))));
  return b;
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly faults: Array<ProxyFault & { left: number }> = [];
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;
  origin = '';

  /**
   * `rewrites`: more origins to replace in what the upstream says (a Keystone whose catalog points
   * at a Nova on another port, fronted by a second proxy).
   */
  constructor(
    readonly upstreamOrigin: string,
    private readonly rewrites: Array<[from: string, to: string]> = [],
  ) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(upstreamOrigin)) throw new Error(`the fault proxy only fronts loopback: ${upstreamOrigin}`);
  }

  private origins(): Array<[string, string]> {
    return [[this.upstreamOrigin, this.origin], ...this.rewrites];
  }

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => void this.onRequest(req, res).catch(() => req.socket.destroy()));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops listening and drops every connection: from now on, connection refused. */
  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  }

  /** Listens again on the same port after close(): a cloud that was refusing connections is back. */
  async reopen(): Promise<void> {
    if (this.server) return;
    await this.start(Number(new URL(this.origin).port));
  }

  get authUrl(): string {
    return `${this.origin}/v3`;
  }

  fail(fault: ProxyFault): void {
    this.faults.push({ ...fault, left: fault.times ?? Infinity });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests the client sent that match, and how many of them reached the upstream. */
  find(method: string, path: string | RegExp): ProxiedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  private take(method: string, path: string): FaultKind | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.left > 0 && (!f.method || f.method === method) && (!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.left--;
    return f.fault;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    const fault = this.take(method, path);
    const rec: ProxiedRequest = { method, path, forwarded: false, fault: fault?.kind, status: 0 };
    this.requests.push(rec);
    const requestId = `req-${randomUUID()}`;

    const forward = async (): Promise<Upstream> => {
      rec.forwarded = true;
      return this.forward(req, body);
    };
    const answer = (status: number, headers: Record<string, string>, payload: Buffer | string) => {
      rec.status = status;
      rec.requestId = headers['x-openstack-request-id'];
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    };
    const own = (extra: Record<string, string> = {}) => ({
      'x-openstack-request-id': requestId,
      'x-compute-request-id': requestId,
      ...extra,
    });

    switch (fault?.kind) {
      case undefined: {
        const up = await forward();
        return answer(up.status, this.headersOf(up), this.rewrite(up.body));
      }
      case 'status': {
        const isJson = fault.body !== undefined && typeof fault.body !== 'string';
        const payload = fault.body === undefined ? '' : serialize(fault.body);
        const type = fault.contentType ?? (isJson ? 'application/json' : 'text/plain; charset=UTF-8');
        return answer(fault.status, own({ ...(payload ? { 'content-type': type } : {}), ...fault.headers }), payload);
      }
      case 'reset':
        if (fault.after) await forward();
        req.socket.destroy();
        return;
      case 'no-headers':
        if (fault.forward) await forward();
        // Hold the connection open, answering nothing, until the client gives up (or close()).
        return;
      case 'reset-mid-body':
      case 'stall-body': {
        const up = await forward();
        const payload = this.rewrite(up.body);
        const headers = this.headersOf(up);
        // An answer without a body (204) cannot be cut: it becomes a 200 whose promised body never comes.
        const status = payload.length ? up.status : 200;
        rec.status = status;
        rec.requestId = headers['x-openstack-request-id'];
        res.writeHead(status, { ...headers, 'content-length': String(Math.max(payload.length, 2)) });
        res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
        if (fault.kind === 'reset-mid-body') setTimeout(() => req.socket.destroy(), 20).unref();
        return;
      }
      case 'replace': {
        const up = await forward();
        const payload = typeof fault.body === 'function' ? fault.body() : fault.body;
        return answer(fault.status ?? up.status, { ...this.headersOf(up), 'content-type': fault.contentType }, payload);
      }
      case 'headers': {
        const up = await forward();
        return answer(up.status, { ...this.headersOf(up), ...fault.headers }, this.rewrite(up.body));
      }
      case 'huge-json': {
        const up = await forward();
        const text = this.rewrite(up.body).toString('utf8').trim();
        if (!text.startsWith('{') || !text.endsWith('}')) return answer(up.status, this.headersOf(up), text);
        const payload = Buffer.concat([
          Buffer.from(`${text.slice(0, -1)}${text === '{}' ? '' : ','}"filler":"`),
          Buffer.from(filler(fault.bytes)),
          Buffer.from('"}'),
        ]);
        return answer(up.status, { ...this.headersOf(up), 'content-type': 'application/json' }, payload);
      }
      case 'endless-body': {
        const up = await forward();
        const headers = this.headersOf(up);
        rec.status = 200;
        rec.requestId = headers['x-openstack-request-id'];
        delete headers['content-length'];
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.write('{"filler": "');
        const pump = () => {
          while (!res.destroyed && res.write(FILLER_CHUNK));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
        return;
      }
    }
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
    const target = new URL(req.url ?? '/', this.upstreamOrigin);
    const headers = { ...req.headers, host: target.host };
    return new Promise((resolve, reject) => {
      const out = http.request(target, { method: req.method, headers }, (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => resolve({ status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(chunks) }));
        up.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  /** The upstream's headers for the client: hop-by-hop ones dropped, its origin replaced by ours. */
  private headersOf(up: Upstream): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(up.headers)) {
      if (v === undefined || k === 'connection' || k === 'keep-alive' || k === 'transfer-encoding' || k === 'content-length') continue;
      out[k] = this.origins().reduce((text, [from, to]) => text.split(from).join(to), Array.isArray(v) ? v.join(', ') : v);
    }
    return out;
  }

  private rewrite(body: Buffer): Buffer {
    const text = body.toString('utf8');
    const origins = this.origins().filter(([from]) => text.includes(from));
    return origins.length ? Buffer.from(origins.reduce((t, [from, to]) => t.split(from).join(to), text)) : body;
  }
}

export async function startFaultProxy(upstreamOrigin: string, rewrites: Array<[string, string]> = []): Promise<FaultProxy> {
  return new FaultProxy(upstreamOrigin, rewrites).start();
}
