/**
 * The fault matrix: every one-shot command under every fault of the fault proxy, each run the real
 * CLI (bin/novash.js) in a child process against its own fixture cloud behind its own proxy, and
 * judged as a user would judge it: did it end, did it tell the truth (no success that was not one),
 * in one line naming the status and request id, with no secret and no raw control character, and
 * did the cloud see a create at most once.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionCache, cacheDirFor } from '../../src/cache/completionCache.js';
import { TokenCache } from '../../src/auth/tokenCache.js';
import { resolveCloudConfig } from '../../src/config/resolve.js';
import { Managers } from '../../src/managers/index.js';
import { Session } from '../../src/session/session.js';
import { tokenCacheKey } from '../../src/auth/tokenCache.js';
import type { TokenInfo } from '../../src/auth/types.js';
import type { Flavor, Image, Server } from '../../src/managers/types.js';
import { type FaultKind, type FaultProxy, startFaultProxy } from './faultProxy.js';
import { type FixtureServer, keystoneErrorBody, novaErrorBody, startFixtureServer } from './fixtureServer.js';
import { CIRROS_ID, SAMPLE_SERVER_ID } from './glanceImages.js';
import { BIN, type TestEnv, makeEnv } from './run.js';

export interface MatrixCommand {
  name: string;
  /** The command line; `server` is the id of a server of this case's own (mutating commands get a fresh one). */
  argv: (server: string) => string[];
  /** The request the faults are aimed at. */
  method: string;
  path: (server: string) => string;
  /** The command creates something with its request: the cloud must see it at most once per run. */
  creates?: boolean;
  /** Acts on a server of its own (delete, backup: a shared one would be gone or busy for the next case). */
  ownServer?: boolean;
  /** The completion cache a good run of this command rewrites. */
  cache?: 'server' | 'flavor' | 'image';
}

export const MATRIX_COMMANDS: MatrixCommand[] = [
  { name: 'flavor-list', argv: () => ['flavor-list'], method: 'GET', path: () => '/v2.1/flavors/detail', cache: 'flavor' },
  { name: 'list', argv: () => ['list'], method: 'GET', path: () => '/v2.1/servers/detail', cache: 'server' },
  { name: 'show', argv: () => ['show', SAMPLE_SERVER_ID], method: 'GET', path: () => `/v2.1/servers/${SAMPLE_SERVER_ID}` },
  { name: 'image-list', argv: () => ['image-list'], method: 'GET', path: () => '/image/v2/images', cache: 'image' },
  {
    name: 'boot',
    argv: () => ['boot', '--image', CIRROS_ID, '--flavor', '1', '--nic', 'none', 'fault-vm'],
    method: 'POST',
    path: () => '/v2.1/servers',
    creates: true,
  },
  { name: 'delete', argv: (id) => ['delete', id], method: 'DELETE', path: (id) => `/v2.1/servers/${id}`, ownServer: true },
  {
    name: 'backup',
    argv: (id) => ['backup', id, 'nightly', 'daily', '2'],
    method: 'POST',
    path: (id) => `/v2.1/servers/${id}/action`,
    creates: true,
    ownServer: true,
  },
];

type Expect = 'ok' | 'fail' | 'either';

export interface MatrixFault {
  name: string;
  fault?: FaultKind;
  /** How many matching requests it takes (default: all). */
  times?: number;
  /** Stop the proxy after the warm-up: every request is refused. */
  refused?: boolean;
  /** The status the user must be told, when the fault is an HTTP answer. */
  status?: number;
  /** --timeout for this fault, when the default is too short for it (a 50 MB body takes a while). */
  timeoutS?: number;
  expect: (c: MatrixCommand) => Expect;
}

const isGet = (c: MatrixCommand) => c.method === 'GET';
const okIfGet = (c: MatrixCommand): Expect => (isGet(c) ? 'ok' : 'fail');
const fail = (): Expect => 'fail';
const html = (title: string) => `<html><head><title>${title}</title></head><body><h1>${title}</h1>The proxy says no.</body></html>`;

export const MATRIX_FAULTS: MatrixFault[] = [
  // keystonemiddleware's 401 for a token revoked early: one new login, the request replayed once.
  {
    name: '401 once',
    fault: {
      kind: 'status',
      status: 401,
      body: keystoneErrorBody(401, 'Unauthorized', 'The request you have made requires authentication.'),
    },
    times: 1,
    expect: () => 'ok',
  },
  {
    name: '401 always',
    fault: {
      kind: 'status',
      status: 401,
      body: keystoneErrorBody(401, 'Unauthorized', 'The request you have made requires authentication.'),
    },
    status: 401,
    expect: fail,
  },
  {
    name: '403',
    fault: { kind: 'status', status: 403, body: novaErrorBody(403, 'Policy does not allow this.') },
    status: 403,
    expect: fail,
  },
  { name: '404', fault: { kind: 'status', status: 404, body: novaErrorBody(404, 'Not here.') }, status: 404, expect: fail },
  {
    name: '409',
    fault: { kind: 'status', status: 409, body: novaErrorBody(409, 'Cannot do that while it is busy.') },
    status: 409,
    expect: fail,
  },
  {
    name: '413 Retry-After',
    fault: { kind: 'status', status: 413, body: novaErrorBody(413, 'Over limit.'), headers: { 'retry-after': '1' } },
    status: 413,
    expect: fail,
  },
  {
    name: '429 Retry-After, then success',
    fault: { kind: 'status', status: 429, body: novaErrorBody(429, 'Rate limit.'), headers: { 'retry-after': '1' } },
    times: 1,
    status: 429,
    expect: okIfGet,
  },
  { name: '500', fault: { kind: 'status', status: 500, body: novaErrorBody(500, 'Unexpected API Error.') }, status: 500, expect: fail },
  { name: '502 then success', fault: { kind: 'status', status: 502 }, times: 1, status: 502, expect: okIfGet },
  {
    name: '503 then success',
    fault: { kind: 'status', status: 503, body: novaErrorBody(503, 'Try again later.') },
    times: 1,
    status: 503,
    expect: okIfGet,
  },
  { name: 'connection refused', refused: true, expect: fail },
  { name: 'reset before headers, once (not forwarded)', fault: { kind: 'reset', after: false }, times: 1, expect: okIfGet },
  { name: 'reset after the cloud acted', fault: { kind: 'reset', after: true }, expect: fail },
  { name: 'reset mid-body, once', fault: { kind: 'reset-mid-body' }, times: 1, expect: okIfGet },
  { name: 'no headers ever', fault: { kind: 'no-headers', forward: true }, expect: fail },
  { name: 'stalled body', fault: { kind: 'stall-body' }, expect: fail },
  {
    name: 'malformed JSON with 200',
    fault: { kind: 'replace', status: 200, body: '{"servers": [{"id": "abc", "na', contentType: 'application/json' },
    status: 200,
    expect: fail,
  },
  {
    name: 'HTML with 200',
    fault: { kind: 'replace', status: 200, body: html('Welcome to nginx!'), contentType: 'text/html' },
    status: 200,
    expect: fail,
  },
  {
    name: 'HTML with 500',
    fault: { kind: 'status', status: 500, body: html('500 Internal Server Error'), contentType: 'text/html' },
    status: 500,
    expect: fail,
  },
  {
    name: 'malformed JSON with 500',
    fault: { kind: 'status', status: 500, body: '{"computeFault": {"code": 500, "mess', contentType: 'application/json' },
    status: 500,
    expect: fail,
  },
  // A DELETE's or an action's body is not read: Nova did what was asked.
  {
    name: 'JSON of the wrong shape with 200',
    fault: { kind: 'replace', status: 200, body: '{"unexpected": []}', contentType: 'application/json' },
    status: 200,
    expect: (c) => (c.name === 'delete' || c.name === 'backup' ? 'either' : 'fail'),
  },
  { name: 'huge valid body (30 MB)', fault: { kind: 'huge-json', bytes: 30 * 1024 * 1024 }, timeoutS: 15, expect: () => 'ok' },
  {
    name: 'huge error message (50 MB)',
    fault: { kind: 'status', status: 500, body: novaErrorBody(500, 'E'.repeat(50 * 1024 * 1024)) },
    timeoutS: 15,
    status: 500,
    expect: fail,
  },
  { name: 'endless body', fault: { kind: 'endless-body' }, expect: fail },
];

export interface CaseResult {
  command: string;
  fault: string;
  expect: Expect;
  code: number | null;
  hung: boolean;
  ms: number;
  stdout: string;
  stderr: string;
  creates: number;
  problems: string[];
}

/** The real CLI in a child process; killed (and marked hung) past `deadlineMs`. */
export function runCli(
  argv: string[],
  env: Record<string, string>,
  deadlineMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; hung: boolean; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      cwd: env.HOME,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, hung, ms: Date.now() - started });
    });
  });
}

/** The files of one completion cache, as text, to tell whether a run emptied or changed them. */
function cacheSnapshot(te: TestEnv, kind: string): string {
  const dir = cacheDirFor(resolveCloudConfig({}, { env: te.env }), te.cacheDir);
  return ['uuid', 'human-id', 'index']
    .map((w) => join(dir, `${kind}-${w}-cache`))
    .map((p) => (existsSync(p) ? readFileSync(p, 'utf8') : '<none>'))
    .join('\n--\n');
}

export interface Rig {
  fx: FixtureServer;
  proxy: FaultProxy;
  te: TestEnv;
  close(): Promise<void>;
}

function withOrigin<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(from).join(to)) as T;
}

/**
 * One fixture cloud for the whole matrix, one fault proxy per case in front of it. A case starts
 * with a token and completion caches already on disk (one login and one listing, made once here,
 * re-pointed at the case's proxy), so that a fault meets the command's own request, and each
 * case costs a proxy and a few small files, not a login.
 */
export class MatrixCloud {
  private token?: TokenInfo;
  private lists?: { servers: Server[]; flavors: Flavor[]; images: Image[] };
  private constructor(readonly fx: FixtureServer) {}

  static async start(): Promise<MatrixCloud> {
    const cloud = new MatrixCloud(await startFixtureServer());
    const te = makeEnv(cloud.fx);
    try {
      const config = resolveCloudConfig({}, { env: te.env });
      const session = new Session(config, { tokenCache: new TokenCache(te.configDir) });
      const managers = new Managers(session, new CompletionCache(cacheDirFor(config, te.cacheDir)));
      const [servers, flavors, images] = await Promise.all([
        managers.servers.list(),
        managers.flavors.list({ visibility: 'all' }),
        managers.images.list(),
      ]);
      await session.computeMicroversion();
      cloud.token = await session.getToken();
      cloud.lists = { servers, flavors, images };
    } finally {
      te.cleanup();
    }
    return cloud;
  }

  /** A proxy of its own in front of the cloud, and a fresh HOME holding a token and caches for it. */
  async rig(options: { warm?: boolean } = {}): Promise<Rig> {
    const fx = this.fx;
    const proxy = await startFaultProxy(fx.origin);
    const te = makeEnv(fx, { OS_AUTH_URL: proxy.authUrl });
    if ((options.warm ?? true) && this.token && this.lists) {
      const config = resolveCloudConfig({}, { env: te.env });
      await new TokenCache(te.configDir).set(tokenCacheKey(config), withOrigin(this.token, fx.origin, proxy.origin));
      const cache = new CompletionCache(cacheDirFor(config, te.cacheDir));
      cache.replace('server', this.lists.servers);
      cache.replace('flavor', this.lists.flavors);
      cache.replace('image', this.lists.images);
    }
    return {
      fx,
      proxy,
      te,
      close: async () => {
        await proxy.close();
        te.cleanup();
      },
    };
  }

  close(): Promise<void> {
    return this.fx.close();
  }
}

/** A fixture cloud of its own behind a fault proxy (for tests outside the matrix). */
export async function startRig(options: { warm?: boolean } = {}): Promise<Rig> {
  const cloud = await MatrixCloud.start();
  const rig = await cloud.rig(options);
  return {
    ...rig,
    close: async () => {
      await rig.close();
      await cloud.close();
    },
  };
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** What a user must never see: the password, or any token the cloud issued. */
export function secretsIn(text: string, fx: FixtureServer): string[] {
  return [fx.options.password, ...fx.issuedTokens].filter((s) => text.includes(s));
}

let caseNumber = 0;

/** One command under one fault, judged. */
export async function runCase(
  cloud: MatrixCloud,
  command: MatrixCommand,
  fault: MatrixFault,
  timeoutS: number,
  deadlineMs: number,
): Promise<CaseResult> {
  const rig = await cloud.rig();
  try {
    const { fx, proxy, te } = rig;
    const server = command.ownServer ? fx.addServer({ name: `victim-${++caseNumber}` }).id : SAMPLE_SERVER_ID;
    const path = command.path(server);
    if (fault.refused) await proxy.close();
    else if (fault.fault) proxy.fail({ method: command.method, path, times: fault.times, fault: fault.fault });
    const before = command.cache ? cacheSnapshot(te, command.cache) : '';
    const r = await runCli(['--timeout', String(fault.timeoutS ?? timeoutS), ...command.argv(server)], te.env, deadlineMs);
    const expect = fault.expect(command);
    // What reached the cloud through this case's proxy: a create sent twice would show here.
    const creates = command.creates ? proxy.find(command.method, path).filter((x) => x.forwarded).length : 0;
    const problems: string[] = [];
    const shown = r.stdout + r.stderr;
    const line = r.stderr.trim();
    if (r.hung) problems.push(`hung: still running after ${deadlineMs} ms`);
    else if (expect === 'fail' && r.code === 0) problems.push('false success: exit 0');
    else if (expect === 'ok' && r.code !== 0) problems.push(`failed where it should recover: exit ${r.code}`);
    if (creates > 1) problems.push(`duplicate create: the cloud saw ${creates}`);
    const secrets = secretsIn(shown, fx);
    if (secrets.length) problems.push(`secret shown (${secrets.length})`);
    if (RAW_CONTROL.test(shown)) problems.push('raw control character in the output');
    if (!r.hung && r.code !== 0) {
      if (!line) problems.push('failed without a word on stderr');
      if (line.includes('\n')) problems.push(`more than one line on stderr (${line.split('\n').length})`);
      if (line.length > 1200) problems.push(`an error line of ${line.length} characters`);
      const sent = proxy.find(command.method, path).at(-1);
      // Where the cloud answered an HTTP status, the user is told it and its request id (a 404
      // of a lookup may instead say, as novaclient does, that no such server exists).
      if (fault.status && sent?.requestId && !/No server with a name or ID/.test(line)) {
        if (!line.includes(`HTTP ${sent.status}`)) problems.push(`the status (HTTP ${sent.status}) is not named`);
        if (!line.includes(sent.requestId)) problems.push('the request id is not named');
      }
      if (command.cache && cacheSnapshot(te, command.cache) !== before)
        problems.push(`the ${command.cache} completion cache was changed by a failed run`);
    }
    return {
      command: command.name,
      fault: fault.name,
      expect,
      code: r.code,
      hung: r.hung,
      ms: r.ms,
      stdout: r.stdout,
      stderr: r.stderr,
      creates,
      problems,
    };
  } finally {
    await rig.close();
  }
}

/** Runs tasks with at most `limit` at a time, keeping their order in the results. */
export async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= tasks.length) return;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
