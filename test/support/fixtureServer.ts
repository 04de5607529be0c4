/**
 * An in-process OpenStack for contract tests: Keystone v3 (tokens), Nova (answers from the real
 * API samples under ../shared/fixtures/nova-api-samples, picking the v2.N folder that matches the
 * requested microversion), Glance v2 and a minimal Neutron.
 *
 * It keeps a little state (servers, images, key pairs) so that commands can act and --wait can
 * poll: an action moves a server through its transitional states one GET at a time.
 * Every request is recorded; faults (status + body, dropped connections, slow answers, revoked
 * tokens) can be queued.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ID, SAMPLE_SERVER_ID, glanceImages, neutronNetworks } from './glanceImages.js';

// ---------------------------------------------------------------------------------------------
// Paths and samples

/** The repository root: the first directory upwards holding package.json (works from dist/test/...). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** `shared/fixtures/nova-api-samples` beside the repository, or beside a folder above it (a git worktree under wt/). */
function samplesDir(): string {
  const want = join('shared', 'fixtures', 'nova-api-samples');
  for (let dir = dirname(repoRoot()); ; dir = dirname(dir)) {
    if (existsSync(join(dir, want))) return join(dir, want);
    if (dirname(dir) === dir) return join(repoRoot(), '..', want);
  }
}

export const SAMPLES_DIR = samplesDir();
const PLACEHOLDER = 'http://openstack.example.com';

export function minor(v: string): number {
  const m = /^2\.(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`bad microversion ${v}`);
  return Number(m[1]);
}

const folderCache = new Map<string, number[]>();
function versionFolders(area: string): number[] {
  let list = folderCache.get(area);
  if (!list) {
    const dir = join(SAMPLES_DIR, area);
    list = existsSync(dir)
      ? readdirSync(dir).map((n) => /^v2\.(\d+)$/.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1])).sort((a, b) => b - a)
      : [];
    folderCache.set(area, list);
  }
  return list;
}

/**
 * Folders whose samples show a special case rather than the normal shape: servers/v2.69 holds
 * the partial answers Nova gives for servers in a down cell.
 */
const SPECIAL_FOLDERS: Record<string, number[]> = { servers: [69] };

/** The sample file for a microversion: the highest `v2.N/` folder <= mv holding it, else the base folder. */
export function samplePath(area: string, file: string, mv: number): string {
  for (const n of versionFolders(area)) {
    if (n > mv || SPECIAL_FOLDERS[area]?.includes(n)) continue;
    const p = join(SAMPLES_DIR, area, `v2.${n}`, file);
    if (existsSync(p)) return p;
  }
  const base = join(SAMPLES_DIR, area, file);
  if (!existsSync(base)) throw new Error(`no sample ${area}/${file} at or below 2.${mv}`);
  return base;
}

const textCache = new Map<string, string>();
function sampleText(path: string): string {
  let t = textCache.get(path);
  if (t === undefined) {
    t = readFileSync(path, 'utf8');
    textCache.set(path, t);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Types

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /v2.1/servers/detail. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  json?: any;
  service: 'identity' | 'compute' | 'image' | 'network' | 'other';
  /** The compute microversion this request was answered at (compute only). */
  microversion?: string;
  /** Filled in when answered. */
  status?: number;
  requestId?: string;
}

/** The one application credential the fixture Keystone knows. */
export const APP_CREDENTIAL = { id: 'ac0e5a1b2c3d4e5f', secret: 'App-Cred-S3cret-value' };

export interface Fault {
  method?: string;
  /** Exact path, or a pattern tested against the path (without query). */
  path?: string | RegExp;
  /** Also require this in the request (e.g. the action name of POST .../action). */
  match?: (req: RecordedRequest) => boolean;
  /** How many matching requests this fault takes (default 1). */
  times?: number;
  status?: number;
  /** JSON body (object) or raw text. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** With reset: handle the request first (its effects happen), then drop the answer. */
  afterHandling?: boolean;
  /** Answer this late (then normally, unless status/reset says otherwise). */
  delayMs?: number;
}

export interface ServerState {
  id: string;
  name: string;
  status: string;
  taskState: string | null;
  vmState: string;
  powerState: number;
  flavorId: string;
  oldFlavorId?: string;
  imageId: string;
  keyName: string | null;
  locked: boolean;
  lockedReason: string | null;
  metadata: Record<string, string>;
  created: string;
  updated: string;
  description: string | null;
  reservationId?: string;
  fault?: { code: number; message: string };
  /** States still to come, one per GET /servers/{id}; 'GONE' removes the server. */
  pending: Array<Partial<ServerState> | 'GONE'>;
  /** GETs seen in the current state. */
  polls?: number;
}

export interface KeypairState {
  name: string;
  fingerprint: string;
  public_key: string;
  type: string;
}

export interface FixtureOptions {
  minVersion?: string;
  /** The compute API's max microversion (the version document's "version"). */
  maxVersion?: string;
  username?: string;
  password?: string;
  projectName?: string;
  /** Seconds a token lives (default 3600). */
  tokenTtl?: number;
  /** Nova's max_limit: a list without a limit is cut to this many and gets a next link. */
  novaMaxLimit?: number;
  /** Glance's default page size when no limit is given. */
  glanceDefaultLimit?: number;
  /** Put the project id in the compute endpoint (…/v2.1/{project_id}), as older deployments do. */
  computeUrlWithProject?: boolean;
  /** GETs a transitional server state lasts before the next one (default 1). */
  pollsPerStep?: number;
  /** A cell is down: from 2.69 lists and shows include the partial servers of servers/v2.69. */
  downCell?: boolean;
  /** The image and network endpoints carry their API version (…/v2, …/v2.0), as some clouds register them. */
  versionedCatalog?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const NOVA_ERROR_KINDS: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export function novaErrorBody(status: number, message: string): Record<string, unknown> {
  return { [NOVA_ERROR_KINDS[status] ?? 'computeFault']: { code: status, message } };
}

export function keystoneErrorBody(status: number, title: string, message: string): Record<string, unknown> {
  return { error: { code: status, title, message } };
}

/** What Glance (webob) answers for an error: a small HTML page. */
export function glanceHtmlError(status: number, reason: string, detail: string): string {
  return `<html>\n <head>\n  <title>${status} ${reason}</title>\n </head>\n <body>\n  <h1>${status} ${reason}</h1>\n  ${detail}<br /><br />\n\n\n\n </body>\n</html>`;
}

function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

class HttpReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
    readonly contentType?: string,
  ) {}
}

function json(status: number, body?: unknown, headers: Record<string, string> = {}): HttpReply {
  return new HttpReply(status, body, headers);
}

// ---------------------------------------------------------------------------------------------

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  readonly servers: ServerState[] = [];
  images: Array<Record<string, unknown>> = glanceImages();
  readonly networks = neutronNetworks();
  keypairs: KeypairState[] = [];
  /** Image ids waiting to turn active, with the states to come (one per GET of the image). */
  readonly imagePending = new Map<string, string[]>();
  /** Backup rotations to run when the image goes active. */
  private readonly rotations = new Map<string, { serverId: string; type: string; rotation: number }>();
  /** Every token issued, in order (tests check that none of them is printed). */
  readonly issuedTokens: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly faults: Array<Fault & { left: number }> = [];
  /** Called for each server POST /servers makes: a test can give it another fate (e.g. ERROR). */
  onServerCreated?: (s: ServerState) => void;
  /** The states a snapshot/backup image goes through after queued (a test may end it 'killed'). */
  snapshotStates: string[] = ['saving', 'active'];
  private server?: http.Server;
  origin = '';
  readonly options: Required<FixtureOptions>;
  readonly user = { id: 'f1c5a1b6d1f84f3e9d7c2b4a6e8f0a12', name: 'demo', domain: { id: 'default', name: 'Default' } };
  readonly project = { id: PROJECT_ID, name: 'demo', domain: { id: 'default', name: 'Default' } };

  constructor(options: FixtureOptions = {}) {
    this.options = {
      minVersion: options.minVersion ?? '2.1',
      maxVersion: options.maxVersion ?? '2.93',
      username: options.username ?? 'demo',
      password: options.password ?? 'Sup3r-Secret-pw',
      projectName: options.projectName ?? 'demo',
      tokenTtl: options.tokenTtl ?? 3600,
      novaMaxLimit: options.novaMaxLimit ?? 1000,
      glanceDefaultLimit: options.glanceDefaultLimit ?? 25,
      computeUrlWithProject: options.computeUrlWithProject ?? false,
      pollsPerStep: options.pollsPerStep ?? 1,
      downCell: options.downCell ?? false,
      versionedCatalog: options.versionedCatalog ?? false,
    };
    this.user.name = this.options.username;
    this.project.name = this.options.projectName;
    this.seed();
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    // Idle keep-alive connections stay open for the whole test: a client never meets one closing
    // under it (which would be a flaky ECONNRESET on a POST, not what a test is about).
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    const s = this.server;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get authUrl(): string {
    return `${this.origin}/v3`;
  }

  get computeUrl(): string {
    return `${this.origin}/v2.1${this.options.computeUrlWithProject ? `/${PROJECT_ID}` : ''}`;
  }

  get imageUrl(): string {
    return `${this.origin}/image`;
  }

  get networkUrl(): string {
    return `${this.origin}/network`;
  }

  // ---- test controls ------------------------------------------------------------------------

  /** Queues a fault for the next matching request(s). */
  fail(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Every token issued so far stops working (Keystone revocation, or an early expiry). */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  setPassword(password: string): void {
    this.options.password = password;
  }

  setMaxVersion(v: string): void {
    this.options.maxVersion = v;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Requests matching method and path (exact string, or pattern). */
  find(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  count(method: string, path: string | RegExp): number {
    return this.find(method, path).length;
  }

  last(method: string, path: string | RegExp): RecordedRequest | undefined {
    return this.find(method, path).at(-1);
  }

  /** POST /servers/{id}/action requests whose body has this action key. */
  actions(name: string, serverId?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === 'POST' && /\/servers\/[^/]+\/action$/.test(r.path) && r.json && typeof r.json === 'object' && name in r.json &&
        (!serverId || r.path.includes(`/servers/${serverId}/`)),
    );
  }

  serverById(id: string): ServerState | undefined {
    return this.servers.find((s) => s.id === id);
  }

  serverByName(name: string): ServerState | undefined {
    return this.servers.find((s) => s.name === name);
  }

  imageById(id: string): Record<string, unknown> | undefined {
    return this.images.find((i) => i.id === id);
  }

  addServer(fields: Partial<ServerState> & { name: string }): ServerState {
    const now = isoNow();
    const s: ServerState = {
      id: randomUUID(),
      status: 'ACTIVE',
      taskState: null,
      vmState: 'active',
      powerState: 1,
      flavorId: '1',
      imageId: '70a599e0-31e7-49b7-b260-868f441e862b',
      keyName: null,
      locked: false,
      lockedReason: null,
      metadata: {},
      created: now,
      updated: now,
      description: null,
      pending: [],
      ...fields,
    };
    this.servers.push(s);
    return s;
  }

  private seed(): void {
    const base = { created: '2013-09-03T04:01:32Z', updated: '2013-09-03T04:01:32Z' };
    // The server of the base samples, with the id, name and flavor they give it.
    this.addServer({ ...base, id: SAMPLE_SERVER_ID, name: 'new-server-test', metadata: { 'My Server Name': 'Apache1' } });
    this.addServer({ ...base, id: '9168b536-cd40-4630-b43f-b259807c6e87', name: 'Web Server 1', flavorId: '2', keyName: 'mykey' });
    this.addServer({ ...base, id: '0e44cc9c-e052-415d-afbf-469b0d384170', name: 'stopped-vm', status: 'SHUTOFF', vmState: 'stopped', powerState: 4 });
    this.addServer({ ...base, id: '3cfb801c-f03c-45ce-834b-d097b34e9534', name: 'resize-me', status: 'VERIFY_RESIZE', vmState: 'resized', flavorId: '2', oldFlavorId: '1' });
    this.addServer({ ...base, id: '11111111-2222-4333-8444-555555555555', name: 'dup' });
    this.addServer({ ...base, id: '66666666-7777-4888-9999-000000000000', name: 'dup' });
    this.keypairs = [
      {
        name: 'mykey',
        fingerprint: '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd',
        public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmH0Mw2q5N2dUQ9RXi4Yk4mQ0X8b3m2xw8r1m9o3k2z demo@laptop',
        type: 'ssh',
      },
      {
        name: 'keypair-50ca852e-273f-4cdc-8949-45feba200837',
        fingerprint: '44:fe:29:6e:23:14:b9:53:5b:65:82:58:1c:fe:5a:c3',
        public_key: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1HTrHCbb9NawNLSV8N6tSa8i637 Generated-by-Nova',
        type: 'x509',
      },
    ];
  }

  // ---- request plumbing ---------------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin || 'http://127.0.0.1');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    let parsed: unknown;
    if (body) {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
    }
    const path = url.pathname;
    const service: RecordedRequest['service'] =
      path.startsWith('/v3') ? 'identity' : path.startsWith('/v2.1') ? 'compute' : path.startsWith('/image') ? 'image' : path.startsWith('/network') ? 'network' : 'other';
    const rec: RecordedRequest = { method: req.method ?? 'GET', path, query, headers: req.headers, body, json: parsed, service };
    this.requests.push(rec);

    const fault = this.takeFault(rec);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs).unref());
    if (fault?.reset && !fault.afterHandling) {
      rec.status = 0;
      req.socket.destroy();
      return;
    }
    let reply: HttpReply;
    if (fault?.status) {
      const isJson = fault.body !== undefined && typeof fault.body !== 'string';
      reply = new HttpReply(fault.status, fault.body, fault.headers ?? {}, fault.contentType ?? (isJson ? 'application/json' : fault.body ? 'text/plain; charset=UTF-8' : undefined));
    } else {
      try {
        reply = this.route(rec);
      } catch (err) {
        reply = json(500, novaErrorBody(500, `fixture server error: ${(err as Error).message}`));
      }
    }
    if (fault?.reset) {
      rec.status = 0;
      req.socket.destroy();
      return;
    }
    this.send(res, rec, reply);
  }

  private takeFault(rec: RecordedRequest): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === rec.method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === rec.path : f.path.test(rec.path))) &&
        (!f.match || f.match(rec)),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.left--;
    if (f.left <= 0) this.faults.splice(i, 1);
    return f;
  }

  private send(res: http.ServerResponse, rec: RecordedRequest, reply: HttpReply): void {
    const requestId = reply.headers['x-openstack-request-id'] ?? `req-${randomUUID()}`;
    rec.status = reply.status;
    rec.requestId = requestId;
    const headers: Record<string, string> = { 'x-openstack-request-id': requestId, ...reply.headers };
    if (rec.service === 'compute') {
      headers['x-compute-request-id'] ??= requestId;
      if (rec.microversion) {
        headers['openstack-api-version'] = `compute ${rec.microversion}`;
        headers['x-openstack-nova-api-version'] = rec.microversion;
        headers.vary = 'OpenStack-API-Version, X-OpenStack-Nova-API-Version';
      }
    }
    let payload = '';
    if (reply.body !== undefined && reply.body !== null) {
      payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] = reply.contentType ?? (typeof reply.body === 'string' ? 'text/plain; charset=UTF-8' : 'application/json');
    } else if (reply.contentType) {
      headers['content-type'] = reply.contentType;
    }
    payload = payload.split(PLACEHOLDER).join(this.origin);
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private sample(area: string, file: string, mv: number): any {
    return JSON.parse(sampleText(samplePath(area, file, mv)));
  }

  /** Token check for everything but Keystone's own POST: keystonemiddleware's 401. */
  private authorized(rec: RecordedRequest): boolean {
    const t = rec.headers['x-auth-token'];
    return typeof t === 'string' && this.validTokens.has(t);
  }

  private unauthorized(): HttpReply {
    return json(401, keystoneErrorBody(401, 'Unauthorized', 'The request you have made requires authentication.'), {
      'www-authenticate': `Keystone uri="${this.origin}/v3"`,
    });
  }

  private route(rec: RecordedRequest): HttpReply {
    switch (rec.service) {
      case 'identity':
        return this.keystone(rec);
      case 'compute':
        return this.nova(rec);
      case 'image':
        if (!this.authorized(rec)) return this.unauthorized();
        return this.glance(rec, rec.path.slice('/image'.length));
      case 'network':
        if (!this.authorized(rec)) return this.unauthorized();
        return this.neutron(rec, rec.path.slice('/network'.length));
      default:
        return json(404, { error: 'not found' });
    }
  }

  // ---- Keystone -----------------------------------------------------------------------------

  private catalog(): unknown[] {
    const ep = (url: string) =>
      ['public', 'internal'].map((iface) => ({ id: randomUUID().replace(/-/g, ''), interface: iface, region_id: 'RegionOne', region: 'RegionOne', url }));
    return [
      { type: 'identity', name: 'keystone', id: 'k1', endpoints: ep(`${this.origin}/identity`) },
      { type: 'compute', name: 'nova', id: 'n1', endpoints: ep(this.computeUrl) },
      { type: 'image', name: 'glance', id: 'g1', endpoints: ep(this.options.versionedCatalog ? `${this.imageUrl}/v2` : this.imageUrl) },
      { type: 'network', name: 'neutron', id: 'q1', endpoints: ep(this.options.versionedCatalog ? `${this.networkUrl}/v2.0` : this.networkUrl) },
    ];
  }

  private keystone(rec: RecordedRequest): HttpReply {
    if (rec.method === 'POST' && rec.path === '/v3/auth/tokens') {
      const auth = (rec.json as { auth?: any } | undefined)?.auth;
      const identity = auth?.identity;
      const bad = json(401, keystoneErrorBody(401, 'Unauthorized', 'The request you have made requires authentication.'));
      if (!identity || !Array.isArray(identity.methods)) {
        return json(400, keystoneErrorBody(400, 'Bad Request', "Invalid input for field 'identity': 'methods' is a required property"));
      }
      if (identity.methods.includes('password')) {
        const u = identity.password?.user;
        if (!u || u.password !== this.options.password || (u.name ?? u.id) !== (u.name ? this.options.username : this.user.id)) return bad;
      } else if (identity.methods.includes('token')) {
        if (!this.validTokens.has(identity.token?.id)) return bad;
      } else if (identity.methods.includes('application_credential')) {
        const c = identity.application_credential;
        if (c?.id !== APP_CREDENTIAL.id || c?.secret !== APP_CREDENTIAL.secret) return bad;
        // An application credential carries its project: Keystone refuses an explicit scope.
        if (auth.scope) return json(401, keystoneErrorBody(401, 'Unauthorized', 'Application credentials cannot request a scope.'));
      } else {
        return bad;
      }
      const scope = auth.scope?.project;
      if (!identity.methods.includes('application_credential') && (!scope || (scope.name ?? scope.id) !== (scope.name ? this.options.projectName : this.project.id))) return bad;
      const token = `gAAAAAB${randomBytes(48).toString('base64url')}`;
      this.issuedTokens.push(token);
      this.validTokens.add(token);
      const now = Date.now();
      const fmt = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
      return json(
        201,
        {
          token: {
            methods: identity.methods,
            user: { ...this.user, password_expires_at: null },
            audit_ids: [randomBytes(16).toString('base64url').slice(0, 22)],
            expires_at: fmt(now + this.options.tokenTtl * 1000),
            issued_at: fmt(now),
            project: this.project,
            is_domain: false,
            roles: [
              { id: 'r1', name: 'member' },
              { id: 'r2', name: 'reader' },
            ],
            catalog: this.catalog(),
          },
        },
        { 'x-subject-token': token },
      );
    }
    if (rec.method === 'GET' && rec.path === '/v3/auth/projects') {
      if (!this.authorized(rec)) return this.unauthorized();
      return json(200, { projects: [{ id: this.project.id, name: this.project.name, domain_id: 'default', enabled: true }] });
    }
    return json(404, keystoneErrorBody(404, 'Not Found', 'The resource could not be found.'));
  }

  // ---- Nova ---------------------------------------------------------------------------------

  private requestedMicroversion(rec: RecordedRequest): string | HttpReply {
    const h1 = rec.headers['openstack-api-version'];
    const h2 = rec.headers['x-openstack-nova-api-version'];
    let v: string | undefined;
    if (typeof h1 === 'string') {
      const m = /compute\s+(\S+)/i.exec(h1);
      if (m) v = m[1];
    }
    if (!v && typeof h2 === 'string') v = h2.trim();
    if (!v) return '2.1';
    if (v === 'latest') return this.options.maxVersion;
    if (!/^2\.\d+$/.test(v)) return json(400, novaErrorBody(400, `Invalid API version request string: ${v}`));
    if (minor(v) > minor(this.options.maxVersion) || minor(v) < minor(this.options.minVersion)) {
      return json(406, novaErrorBody(406, `Version ${v} is not supported by the API. Minimum is ${this.options.minVersion} and maximum is ${this.options.maxVersion}.`));
    }
    return v;
  }

  private nova(rec: RecordedRequest): HttpReply {
    let p = rec.path.slice('/v2.1'.length);
    if (p.startsWith(`/${PROJECT_ID}`)) p = p.slice(PROJECT_ID.length + 1);
    if (p === '' || p === '/') {
      // The version document needs no token.
      const doc = this.sample('versions', 'v21-version-get-resp.json', 0);
      doc.version.version = this.options.maxVersion;
      doc.version.min_version = this.options.minVersion;
      return json(200, doc);
    }
    if (!this.authorized(rec)) return this.unauthorized();
    const mvOrError = this.requestedMicroversion(rec);
    if (typeof mvOrError !== 'string') return mvOrError;
    rec.microversion = mvOrError;
    const mv = minor(mvOrError);
    const seg = p.split('/').filter(Boolean).map(decodeURIComponent);
    const m = rec.method;

    if (seg[0] === 'flavors') return this.flavors(rec, seg, mv);
    if (seg[0] === 'servers') return this.serversApi(rec, seg, mv);
    if (seg[0] === 'limits' && m === 'GET') return json(200, this.sample('limits', 'limit-get-resp.json', mv));
    if (seg[0] === 'os-availability-zone' && m === 'GET') return json(200, this.sample('os-availability-zone', 'availability-zone-list-resp.json', mv));
    if (seg[0] === 'os-keypairs') return this.keypairsApi(rec, seg, mv);
    return json(404, novaErrorBody(404, 'The resource could not be found.'));
  }

  private flavorCatalog(mv: number): any[] {
    return this.sample('flavors', 'flavors-detail-resp.json', mv).flavors as any[];
  }

  private flavors(rec: RecordedRequest, seg: string[], mv: number): HttpReply {
    if (rec.method !== 'GET') return json(405, novaErrorBody(405, 'Method not allowed'));
    if (seg.length === 1 || seg[1] === 'detail') {
      let list = this.flavorCatalog(mv);
      const isPublic = rec.query.is_public;
      if (isPublic === 'false') list = list.filter((f) => f['os-flavor-access:is_public'] === false);
      else if (isPublic !== 'None' && isPublic !== 'none') list = list.filter((f) => f['os-flavor-access:is_public'] !== false);
      if (rec.query.minDisk) list = list.filter((f) => f.disk >= Number(rec.query.minDisk));
      if (rec.query.minRam) list = list.filter((f) => f.ram >= Number(rec.query.minRam));
      if (seg.length === 1) list = list.map((f) => ({ id: f.id, links: f.links, name: f.name, ...(mv >= 55 ? { description: f.description ?? null } : {}) }));
      return this.page(rec, list, 'flavors', seg.length === 1 ? '/flavors' : '/flavors/detail', (f) => String(f.id));
    }
    const flavor = this.flavorCatalog(mv).find((f) => String(f.id) === seg[1]);
    if (!flavor) return json(404, novaErrorBody(404, `Flavor ${seg[1]} could not be found.`));
    if (seg.length === 2) return json(200, { flavor });
    if (seg[2] === 'os-extra_specs') {
      const specs = this.flavorCatalog(Math.max(mv, 61)).find((f) => String(f.id) === seg[1])?.extra_specs ?? {};
      return json(200, { extra_specs: specs });
    }
    return json(404, novaErrorBody(404, 'The resource could not be found.'));
  }

  /** Nova's paging: marker, limit (capped by max_limit), a next link when the page is full. */
  private page(rec: RecordedRequest, items: any[], key: string, path: string, idOf: (x: any) => string): HttpReply {
    let start = 0;
    if (rec.query.marker) {
      const i = items.findIndex((x) => idOf(x) === rec.query.marker);
      if (i < 0) return json(400, novaErrorBody(400, `marker [${rec.query.marker}] not found`));
      start = i + 1;
    }
    const requested = rec.query.limit !== undefined ? Number(rec.query.limit) : undefined;
    if (requested !== undefined && (!Number.isInteger(requested) || requested < 0)) {
      return json(400, novaErrorBody(400, "Invalid input for query parameters limit. Value: " + rec.query.limit + ". '" + rec.query.limit + "' does not match '^[0-9]*$'"));
    }
    const limit = Math.min(requested ?? this.options.novaMaxLimit, this.options.novaMaxLimit);
    const pageItems = items.slice(start, start + limit);
    const body: Record<string, unknown> = { [key]: pageItems };
    if (pageItems.length > 0 && pageItems.length === limit) {
      const q = new URLSearchParams({ ...rec.query, limit: String(limit), marker: idOf(pageItems.at(-1)) });
      const prefix = this.computeUrl.slice(this.origin.length);
      body[`${key}_links`] = [{ href: `${this.origin}${prefix}${path}?${q.toString()}`, rel: 'next' }];
    }
    return json(200, body);
  }

  // ---- servers ------------------------------------------------------------------------------

  private embeddedFlavor(flavorId: string, template: Record<string, unknown>): Record<string, unknown> {
    const f = this.flavorCatalog(75).find((x) => String(x.id) === flavorId) ?? this.flavorCatalog(75)[0];
    const all: Record<string, unknown> = {
      vcpus: f.vcpus,
      ram: f.ram,
      disk: f.disk,
      ephemeral: f['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
      swap: f.swap === '' ? 0 : f.swap,
      original_name: f.name,
      extra_specs: f.extra_specs ?? {},
    };
    return Object.fromEntries(Object.keys(template).map((k) => [k, all[k]]));
  }

  /** A server as Nova shows it at this microversion: the sample's shape, this server's values. */
  renderServer(s: ServerState, mv: number, kind: 'detail' | 'get' | 'list'): Record<string, unknown> {
    const file = kind === 'detail' ? 'servers-details-resp.json' : kind === 'get' ? 'server-get-resp.json' : 'servers-list-resp.json';
    const doc = this.sample('servers', file, mv);
    const template = (kind === 'get' ? doc.server : doc.servers[0]) as Record<string, unknown>;
    const t = JSON.parse(JSON.stringify(template).split(String(template.id)).join(s.id)) as Record<string, any>;
    t.name = s.name;
    if (kind === 'list') return t;
    t.status = s.status;
    t['OS-EXT-STS:task_state'] = s.taskState;
    t['OS-EXT-STS:vm_state'] = s.vmState;
    t['OS-EXT-STS:power_state'] = s.powerState;
    t.key_name = s.keyName;
    t.metadata = s.metadata;
    t.created = s.created;
    t.updated = s.updated;
    if ('OS-EXT-SRV-ATTR:hostname' in t) t['OS-EXT-SRV-ATTR:hostname'] = s.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    if ('locked' in t) t.locked = s.locked;
    if ('locked_reason' in t) t.locked_reason = s.lockedReason;
    if ('description' in t) t.description = s.description;
    if ('OS-EXT-SRV-ATTR:reservation_id' in t && s.reservationId) t['OS-EXT-SRV-ATTR:reservation_id'] = s.reservationId;
    if (s.imageId) {
      const img = typeof t.image === 'object' && t.image ? (t.image as Record<string, any>) : {};
      const oldId = String(img.id ?? '');
      t.image = JSON.parse(JSON.stringify(img).split(oldId || '\u0000').join(s.imageId));
      (t.image as Record<string, unknown>).id = s.imageId;
    } else {
      t.image = '';
    }
    const tf = t.flavor as Record<string, any>;
    if ('id' in tf) {
      t.flavor = { id: s.flavorId, links: [{ href: `${this.origin}/${PROJECT_ID}/flavors/${s.flavorId}`, rel: 'bookmark' }] };
    } else {
      t.flavor = this.embeddedFlavor(s.flavorId, tf);
    }
    if (s.fault) t.fault = { code: s.fault.code, created: s.updated, message: s.fault.message };
    return t;
  }

  /** One GET of the server seen: after `pollsPerStep` of them it moves to its next pending state. */
  private advance(s: ServerState): void {
    s.polls = (s.polls ?? 0) + 1;
    if (s.polls < this.options.pollsPerStep) return;
    s.polls = 0;
    const next = s.pending.shift();
    if (next === 'GONE') {
      this.servers.splice(this.servers.indexOf(s), 1);
      return;
    }
    if (next) Object.assign(s, next, { updated: isoNow() });
    // Once the snapshot task is over, its image is uploaded (and backups rotated) whether or not
    // anyone polls Glance, as with a real Nova.
    if (!s.taskState) {
      for (const img of this.images.filter((i) => i.instance_uuid === s.id && this.imagePending.has(String(i.id)))) {
        for (let i = 0; i < 5 && this.imagePending.has(String(img.id)); i++) this.advanceImage(String(img.id));
      }
    }
  }


  /** Puts a server in a transitional state now, then through `later` one GET at a time. */
  private transition(s: ServerState, now: Partial<ServerState>, ...later: Array<Partial<ServerState> | 'GONE'>): void {
    Object.assign(s, now, { updated: isoNow() });
    s.pending = later;
  }

  private conflict(s: ServerState, action: string): HttpReply {
    return json(409, novaErrorBody(409, `Cannot '${action}' instance ${s.id} while it is in vm_state ${s.vmState}`));
  }

  private serversApi(rec: RecordedRequest, seg: string[], mv: number): HttpReply {
    const m = rec.method;
    if (seg.length === 1 && m === 'POST') return this.createServer(rec, mv);
    if (seg.length <= 2 && m === 'GET' && (seg.length === 1 || seg[1] === 'detail')) {
      const kind = seg.length === 1 ? 'list' : 'detail';
      let list = [...this.servers];
      const q = rec.query;
      if (q.name) {
        let re: RegExp;
        try {
          re = new RegExp(q.name);
        } catch {
          return json(400, novaErrorBody(400, `Invalid regex ${q.name}`));
        }
        list = list.filter((s) => re.test(s.name));
      }
      if (q.status) list = list.filter((s) => s.status === q.status);
      if (q.flavor) list = list.filter((s) => s.flavorId === q.flavor);
      if (q.image) list = list.filter((s) => s.imageId === q.image);
      if (q.reservation_id) list = list.filter((s) => s.reservationId === q.reservation_id);
      if (q['changes-since']) list = list.filter((s) => s.updated >= q['changes-since']!);
      const rendered = list.map((s) => this.renderServer(s, mv, kind));
      if (this.options.downCell && mv >= 69 && kind === 'detail' && !q.name) rendered.push(...this.downCellSample('servers-details-resp.json').servers);
      return this.page(rec, rendered, 'servers', kind === 'list' ? '/servers' : '/servers/detail', (x) => String(x.id));
    }
    const id = seg[1]!;
    if (this.options.downCell && mv >= 69 && m === 'GET' && seg.length === 2) {
      const doc = this.downCellSample('server-get-resp.json');
      if (doc.server.id === id) return json(200, doc);
    }
    const s = this.serverById(id);
    if (!s) return json(404, novaErrorBody(404, `Instance ${id} could not be found.`));
    if (seg.length === 2 && m === 'GET') {
      // Show the state as it is now, then move one step on: each poll sees the next state.
      const shown = { server: this.renderServer(s, mv, 'get') };
      this.advance(s);
      return json(200, shown);
    }
    if (seg.length === 2 && m === 'DELETE') {
      if (s.locked) return json(409, novaErrorBody(409, `Instance ${s.id} is locked`));
      this.transition(s, { taskState: 'deleting' }, {}, 'GONE');
      return json(204);
    }
    if (seg[2] === 'action' && m === 'POST') return this.action(rec, s, mv);
    if (seg[2] === 'os-instance-actions' && m === 'GET') {
      const doc = this.sample('os-instance-actions', 'instance-actions-list-resp.json', mv);
      for (const a of doc.instanceActions as Array<Record<string, unknown>>) a.instance_uuid = s.id;
      return json(200, doc);
    }
    return json(404, novaErrorBody(404, 'The resource could not be found.'));
  }

  private downCellSample(file: string): any {
    return JSON.parse(sampleText(join(SAMPLES_DIR, 'servers', 'v2.69', file)));
  }

  private createServer(rec: RecordedRequest, mv: number): HttpReply {
    const body = rec.json as { server?: Record<string, any> } | undefined;
    const sv = body?.server;
    if (!sv || typeof sv !== 'object') return json(400, novaErrorBody(400, "Invalid input for field/attribute server. Value: None. None is not of type 'object'"));
    const allowed = new Set([
      'name', 'imageRef', 'flavorRef', 'networks', 'key_name', 'security_groups', 'availability_zone', 'metadata', 'user_data',
      'min_count', 'max_count', 'return_reservation_id', 'description', 'config_drive', 'block_device_mapping_v2', 'adminPass',
      'accessIPv4', 'accessIPv6', 'OS-DCF:diskConfig', 'personality', 'tags', 'trusted_image_certificates', 'host', 'hypervisor_hostname', 'hostname',
    ]);
    const extra = Object.keys(sv).filter((k) => !allowed.has(k));
    if (extra.length) return json(400, novaErrorBody(400, `Invalid input for field/attribute server. Value: ${JSON.stringify(sv)}. Additional properties are not allowed ('${extra.join("', '")}' were unexpected)`));
    if (typeof sv.name !== 'string' || !sv.name.trim()) return json(400, novaErrorBody(400, "Invalid input for field/attribute name. Value: None. None is not of type 'string'"));
    if (sv.flavorRef === undefined) return json(400, novaErrorBody(400, "Invalid input for field/attribute server. Value: {}. 'flavorRef' is a required property"));
    if (mv >= 37 && sv.networks === undefined) return json(400, novaErrorBody(400, `Invalid input for field/attribute server. Value: ${JSON.stringify(sv)}. 'networks' is a required property`));
    if (mv < 37 && typeof sv.networks === 'string') return json(400, novaErrorBody(400, `Invalid input for field/attribute networks. Value: ${sv.networks}. '${sv.networks}' is not of type 'array'`));
    const flavorId = String(sv.flavorRef).split('/').pop()!;
    if (!this.flavorCatalog(mv).some((f) => String(f.id) === flavorId)) return json(400, novaErrorBody(400, `Flavor ${flavorId} could not be found.`));
    const imageId = String(sv.imageRef ?? '');
    if (imageId && !this.imageById(imageId)) return json(400, novaErrorBody(400, `Image ${imageId} could not be found.`));
    if (sv.user_data !== undefined && (typeof sv.user_data !== 'string' || sv.user_data.length > 65535)) {
      return json(400, novaErrorBody(400, 'Invalid input for field/attribute user_data.'));
    }
    const min = Number(sv.min_count ?? 1);
    const max = Number(sv.max_count ?? min);
    const reservationId = `r-${randomBytes(4).toString('hex')}`;
    const made: ServerState[] = [];
    for (let i = 0; i < max; i++) {
      const s = this.addServer({
        name: max > 1 ? `${sv.name}-${i + 1}` : sv.name,
        flavorId,
        imageId,
        keyName: sv.key_name ?? null,
        metadata: sv.metadata ?? {},
        description: sv.description ?? null,
        reservationId,
      });
      this.transition(s, { status: 'BUILD', taskState: 'scheduling', vmState: 'building', powerState: 0 }, { taskState: 'spawning' }, { status: 'ACTIVE', taskState: null, vmState: 'active', powerState: 1 });
      this.onServerCreated?.(s);
      made.push(s);
    }
    if (sv.return_reservation_id) return json(202, { reservation_id: reservationId });
    const resp = this.sample('servers', 'server-create-resp.json', mv);
    const text = JSON.stringify(resp).split(String(resp.server.id)).join(made[0]!.id);
    const out = JSON.parse(text);
    out.server.adminPass = randomBytes(9).toString('base64url');
    return json(202, out, { location: `${this.computeUrl}/servers/${made[0]!.id}` });
  }

  private action(rec: RecordedRequest, s: ServerState, mv: number): HttpReply {
    const body = rec.json as Record<string, any> | undefined;
    if (!body || typeof body !== 'object' || Object.keys(body).length !== 1) {
      return json(400, novaErrorBody(400, 'There is no such action: None'));
    }
    const [name, arg] = Object.entries(body)[0]!;
    const unlockedOnly = !['lock', 'unlock', 'os-getConsoleOutput', 'createBackup', 'createImage'].includes(name);
    if (unlockedOnly && s.locked) return json(409, novaErrorBody(409, `Instance ${s.id} is locked`));
    const active = { status: 'ACTIVE', taskState: null, vmState: 'active', powerState: 1 } as const;
    switch (name) {
      case 'os-start':
        if (s.vmState !== 'stopped') return this.conflict(s, 'start');
        this.transition(s, { taskState: 'powering-on' }, {}, active);
        return json(202);
      case 'os-stop':
        if (!['active', 'error', 'rescued', 'resized'].includes(s.vmState)) return this.conflict(s, 'stop');
        this.transition(s, { taskState: 'powering-off' }, {}, { status: 'SHUTOFF', taskState: null, vmState: 'stopped', powerState: 4 });
        return json(202);
      case 'reboot': {
        const type = arg?.type;
        if (type !== 'SOFT' && type !== 'HARD') return json(400, novaErrorBody(400, `Invalid input for field/attribute type. Value: ${type}. '${type}' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']`));
        this.transition(s, { status: type === 'HARD' ? 'HARD_REBOOT' : 'REBOOT', taskState: type === 'HARD' ? 'rebooting_hard' : 'rebooting' }, {}, active);
        return json(202);
      }
      case 'pause':
        if (s.vmState !== 'active') return this.conflict(s, 'pause');
        this.transition(s, { taskState: 'pausing' }, { status: 'PAUSED', taskState: null, vmState: 'paused', powerState: 3 });
        return json(202);
      case 'unpause':
        if (s.vmState !== 'paused') return this.conflict(s, 'unpause');
        this.transition(s, { taskState: 'unpausing' }, active);
        return json(202);
      case 'suspend':
        if (s.vmState !== 'active') return this.conflict(s, 'suspend');
        this.transition(s, { taskState: 'suspending' }, {}, { status: 'SUSPENDED', taskState: null, vmState: 'suspended', powerState: 4 });
        return json(202);
      case 'resume':
        if (s.vmState !== 'suspended') return this.conflict(s, 'resume');
        this.transition(s, { taskState: 'resuming' }, active);
        return json(202);
      case 'lock':
        if (arg !== null) {
          if (mv < 73 || typeof arg !== 'object' || Object.keys(arg).some((k) => k !== 'locked_reason')) {
            return json(400, novaErrorBody(400, `Invalid input for field/attribute lock. Value: ${JSON.stringify(arg)}. ${JSON.stringify(arg)} is not of type 'null'`));
          }
        }
        s.locked = true;
        s.lockedReason = arg?.locked_reason ?? null;
        return json(202);
      case 'unlock':
        s.locked = false;
        s.lockedReason = null;
        return json(202);
      case 'resize': {
        const ref = String(arg?.flavorRef ?? '').split('/').pop()!;
        if (!this.flavorCatalog(mv).some((f) => String(f.id) === ref)) return json(400, novaErrorBody(400, `Flavor ${ref} could not be found.`));
        if (ref === s.flavorId) return json(400, novaErrorBody(400, 'When resizing, instances must change flavor!'));
        if (s.vmState !== 'active' && s.vmState !== 'stopped') return this.conflict(s, 'resize');
        const old = s.flavorId;
        this.transition(s, { status: 'RESIZE', taskState: 'resize_prep' }, { taskState: 'resize_migrating' }, { taskState: 'resize_finish' }, { status: 'VERIFY_RESIZE', taskState: null, vmState: 'resized', flavorId: ref, oldFlavorId: old });
        return json(202);
      }
      case 'confirmResize':
        if (s.status !== 'VERIFY_RESIZE') return this.conflict(s, 'confirmResize');
        this.transition(s, { taskState: 'resize_confirming' }, { ...active, oldFlavorId: undefined });
        return json(204);
      case 'revertResize': {
        if (s.status !== 'VERIFY_RESIZE') return this.conflict(s, 'revertResize');
        const back = s.oldFlavorId ?? s.flavorId;
        this.transition(s, { status: 'REVERT_RESIZE', taskState: 'resize_reverting' }, {}, { ...active, flavorId: back, oldFlavorId: undefined });
        return json(202);
      }
      case 'rebuild': {
        const imageRef = String(arg?.imageRef ?? '');
        if (!this.imageById(imageRef)) return json(400, novaErrorBody(400, `Image ${imageRef} could not be found.`));
        if (arg.name) s.name = String(arg.name);
        s.imageId = imageRef;
        this.transition(s, { status: 'REBUILD', taskState: 'rebuilding' }, { taskState: 'rebuild_spawning' }, active);
        const resp = this.sample('servers', 'server-action-rebuild-resp.json', mv);
        const out = this.renderServer(s, mv, 'get');
        if (resp.server.adminPass) out.adminPass = randomBytes(9).toString('base64url');
        return json(202, { server: out });
      }
      case 'createBackup':
        return this.snapshot(s, mv, 'backup', arg);
      case 'createImage':
        return this.snapshot(s, mv, 'snapshot', arg);
      case 'os-getConsoleOutput': {
        if (arg !== null && typeof arg === 'object' && Object.keys(arg).some((k) => k !== 'length')) {
          return json(400, novaErrorBody(400, 'Invalid input for field/attribute os-getConsoleOutput.'));
        }
        const doc = this.sample('os-console-output', 'console-output-post-resp.json', mv) as { output: string };
        const length = arg?.length;
        if (length !== undefined && length !== null) {
          const lines = doc.output.split('\n');
          doc.output = lines.slice(-Number(length)).join('\n');
        }
        return json(200, doc);
      }
      default:
        return json(400, novaErrorBody(400, `There is no such action: ${name}`));
    }
  }

  /** createBackup / createImage: Glance gets a queued image; 2.45 answers its id, before a Location header. */
  private snapshot(s: ServerState, mv: number, kind: 'backup' | 'snapshot', arg: any): HttpReply {
    const field = kind === 'backup' ? 'createBackup' : 'createImage';
    if (!arg || typeof arg !== 'object') return json(400, novaErrorBody(400, `Invalid input for field/attribute ${field}. Value: ${JSON.stringify(arg)}. ${JSON.stringify(arg)} is not of type 'object'`));
    const allowed = kind === 'backup' ? ['name', 'backup_type', 'rotation', 'metadata'] : ['name', 'metadata'];
    const extra = Object.keys(arg).filter((k) => !allowed.includes(k));
    if (extra.length) {
      return json(400, novaErrorBody(400, `Invalid input for field/attribute ${field}. Value: ${JSON.stringify(arg)}. Additional properties are not allowed ('${extra.join("', '")}' were unexpected)`));
    }
    const required = kind === 'backup' ? ['name', 'backup_type', 'rotation'] : ['name'];
    for (const r of required) {
      if (!(r in arg)) return json(400, novaErrorBody(400, `Invalid input for field/attribute ${field}. Value: ${JSON.stringify(arg)}. '${r}' is a required property`));
    }
    if (kind === 'backup' && (typeof arg.rotation !== 'number' || !Number.isInteger(arg.rotation) || arg.rotation < 0)) {
      return json(400, novaErrorBody(400, `Invalid input for field/attribute rotation. Value: ${JSON.stringify(arg.rotation)}. ${JSON.stringify(arg.rotation)} is not of type 'integer'`));
    }
    if (s.taskState) return json(409, novaErrorBody(409, `Cannot '${field}' instance ${s.id} while it is in task_state ${s.taskState}`));
    const id = randomUUID();
    const now = isoNow();
    const img: Record<string, unknown> = {
      ...glanceImages()[0],
      id,
      name: arg.name,
      status: 'queued',
      visibility: 'private',
      size: null,
      virtual_size: null,
      checksum: null,
      os_hash_algo: null,
      os_hash_value: null,
      created_at: now,
      updated_at: now,
      self: `/v2/images/${id}`,
      file: `/v2/images/${id}/file`,
      image_type: kind,
      instance_uuid: s.id,
      base_image_ref: s.imageId,
      user_id: this.user.id,
      ...(arg.metadata ?? {}),
    };
    delete img.hw_rng_model;
    delete img['owner_specified.openstack.md5'];
    delete img['owner_specified.openstack.object'];
    if (kind === 'backup') img.backup_type = arg.backup_type;
    this.images.push(img);
    this.imagePending.set(id, [...this.snapshotStates]);
    if (kind === 'backup') this.rotations.set(id, { serverId: s.id, type: String(arg.backup_type), rotation: arg.rotation });
    this.transition(s, { taskState: 'image_snapshot' }, { taskState: 'image_uploading' }, { taskState: null });
    if (mv >= 45) {
      const area = kind === 'backup' ? 'os-create-backup' : 'servers';
      const file = kind === 'backup' ? 'create-backup-resp.json' : 'server-action-create-image-resp.json';
      const resp = this.sample(area, file, mv) as { image_id: string };
      resp.image_id = id;
      return json(202, resp);
    }
    // Before 2.45: the image's URL in a Location header (createBackup: only when rotation > 0).
    const headers: Record<string, string> = {};
    if (kind === 'snapshot' || arg.rotation > 0) headers.location = `${this.imageUrl}/images/${id}`;
    return json(202, undefined, headers);
  }

  // ---- key pairs ----------------------------------------------------------------------------

  private renderKeypair(k: KeypairState, mv: number, file: string): Record<string, unknown> {
    const doc = this.sample('os-keypairs', file, mv);
    const t = (doc.keypair ?? doc.keypairs[0].keypair) as Record<string, unknown>;
    const out: Record<string, unknown> = { ...t, name: k.name, fingerprint: k.fingerprint, public_key: k.public_key };
    if ('type' in t) out.type = k.type;
    return out;
  }

  private keypairsApi(rec: RecordedRequest, seg: string[], mv: number): HttpReply {
    const m = rec.method;
    if (seg.length === 1 && m === 'GET') {
      const items = this.keypairs.map((k) => ({ keypair: this.renderKeypair(k, mv, 'keypairs-list-resp.json') }));
      if (mv < 35) return json(200, { keypairs: items });
      return this.page(rec, items, 'keypairs', '/os-keypairs', (x) => String(x.keypair.name));
    }
    if (seg.length === 1 && m === 'POST') {
      const kp = (rec.json as { keypair?: Record<string, any> } | undefined)?.keypair;
      if (!kp?.name) return json(400, novaErrorBody(400, "Invalid input for field/attribute keypair. 'name' is a required property"));
      if (this.keypairs.some((k) => k.name === kp.name)) return json(409, novaErrorBody(409, `Key pair '${kp.name}' already exists.`));
      if (!kp.public_key && mv >= 92) return json(400, novaErrorBody(400, "Invalid input for field/attribute keypair. 'public_key' is a required property"));
      const k: KeypairState = { name: kp.name, fingerprint: '1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c', public_key: kp.public_key ?? 'ssh-rsa AAAA Generated-by-Nova', type: kp.type ?? 'ssh' };
      this.keypairs.push(k);
      const out = this.renderKeypair(k, mv, 'keypairs-import-post-resp.json');
      return json(mv >= 2 ? 201 : 200, { keypair: out });
    }
    const k = this.keypairs.find((x) => x.name === seg[1]);
    if (!k) return json(404, novaErrorBody(404, `Keypair ${seg[1]} not found for user ${this.user.id}`));
    if (m === 'GET') return json(200, { keypair: this.renderKeypair(k, mv, 'keypairs-get-resp.json') });
    if (m === 'DELETE') {
      this.keypairs = this.keypairs.filter((x) => x !== k);
      return json(mv >= 2 ? 204 : 202);
    }
    return json(405, novaErrorBody(405, 'Method not allowed'));
  }

  // ---- Glance -------------------------------------------------------------------------------

  private glanceError(status: number, reason: string, detail: string): HttpReply {
    return new HttpReply(status, glanceHtmlError(status, reason, detail), {}, 'text/html; charset=UTF-8');
  }

  private advanceImage(id: string): void {
    const pending = this.imagePending.get(id);
    const img = this.imageById(id);
    if (!pending || !img) return;
    const next = pending.shift();
    if (!pending.length) this.imagePending.delete(id);
    if (!next) return;
    img.status = next;
    img.updated_at = isoNow();
    if (next === 'active') {
      img.size = 21430272;
      img.virtual_size = 117440512;
      img.checksum = 'c8fc807773e5354afe61636071771906';
      const rot = this.rotations.get(id);
      if (rot) {
        this.rotations.delete(id);
        const same = this.images
          .filter((i) => i.image_type === 'backup' && i.instance_uuid === rot.serverId && i.backup_type === rot.type)
          .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
        const drop = new Set(same.slice(rot.rotation).map((i) => i.id));
        this.images = this.images.filter((i) => !drop.has(i.id));
      }
    }
  }

  private glance(rec: RecordedRequest, p: string): HttpReply {
    const seg = p.split('/').filter(Boolean);
    if (seg[0] !== 'v2' || seg[1] !== 'images') return this.glanceError(404, 'Not Found', 'The resource could not be found.');
    if (seg.length === 2 && rec.method === 'GET') {
      const q = { ...rec.query };
      let list = [...this.images];
      const sortKey = q.sort_key ?? 'created_at';
      const sortDir = q.sort_dir ?? 'desc';
      list.sort((a, b) => String(a[sortKey] ?? '').localeCompare(String(b[sortKey] ?? '')) * (sortDir === 'asc' ? 1 : -1));
      const limit = q.limit !== undefined ? Number(q.limit) : this.options.glanceDefaultLimit;
      const marker = q.marker;
      for (const k of ['limit', 'marker', 'sort_key', 'sort_dir']) delete q[k];
      for (const [k, v] of Object.entries(q)) {
        if (k === 'id' && v.startsWith('in:')) {
          const ids = new Set(v.slice(3).split(','));
          list = list.filter((i) => ids.has(String(i.id)));
        } else if (k === 'visibility' && v === 'all') {
          // every image
        } else {
          list = list.filter((i) => String(i[k]) === v);
        }
      }
      if (!q.visibility) list = list.filter((i) => i.visibility !== 'community');
      let start = 0;
      if (marker) {
        const i = list.findIndex((x) => x.id === marker);
        if (i < 0) return this.glanceError(400, 'Bad Request', `marker ${marker} could not be found.`);
        start = i + 1;
      }
      const pageItems = list.slice(start, start + limit);
      const body: Record<string, unknown> = { images: pageItems, first: '/v2/images', schema: '/v2/schemas/images' };
      if (start + limit < list.length && pageItems.length) {
        const nq = new URLSearchParams({ ...rec.query, limit: String(limit), marker: String(pageItems.at(-1)!.id) });
        body.next = `/v2/images?${nq.toString()}`;
      }
      return json(200, body);
    }
    const id = seg[2]!;
    const img = this.imageById(id);
    if (!img) return this.glanceError(404, 'Not Found', `No image found with ID ${id}`);
    if (seg.length === 3 && rec.method === 'GET') {
      // The image as it is now; the next GET sees the next state.
      const shown = clone(img);
      this.advanceImage(id);
      return json(200, shown);
    }
    if (seg.length === 3 && rec.method === 'DELETE') {
      if (img.protected) return this.glanceError(403, 'Forbidden', `Image ${id} is protected and cannot be deleted.`);
      this.images = this.images.filter((i) => i !== img);
      return json(204);
    }
    return this.glanceError(405, 'Method Not Allowed', 'The method is not allowed for this resource.');
  }

  // ---- Neutron ------------------------------------------------------------------------------

  private neutron(rec: RecordedRequest, p: string): HttpReply {
    const seg = p.split('/').filter(Boolean);
    if (seg[0] !== 'v2.0') return json(404, { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } });
    if (seg[1] === 'networks' && seg.length === 2) {
      let list = clone(this.networks);
      if (rec.query.name) list = list.filter((n) => n.name === rec.query.name);
      return json(200, { networks: list });
    }
    if (seg[1] === 'networks' && seg.length === 3) {
      const n = this.networks.find((x) => x.id === seg[2]);
      if (!n) return json(404, { NeutronError: { type: 'NetworkNotFound', message: `Network ${seg[2]} could not be found.`, detail: '' } });
      return json(200, { network: n });
    }
    if (seg[1] === 'security-groups') return json(200, { security_groups: [{ id: 'sg-default', name: 'default', description: 'Default security group' }] });
    return json(404, { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } });
  }
}

export async function startFixtureServer(options: FixtureOptions = {}): Promise<FixtureServer> {
  return new FixtureServer(options).start();
}
