/**
 * The manager layer straight against a fixture cloud (no CLI): a Session pinned to a compute
 * microversion, its Managers, and the fixture. For contract tests of what each manager sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { TokenCache } from '../../src/auth/tokenCache.js';
import { CompletionCache } from '../../src/cache/completionCache.js';
import type { CloudConfig } from '../../src/config/types.js';
import { Managers } from '../../src/managers/index.js';
import { Session } from '../../src/session/session.js';
import { type FixtureOptions, type FixtureServer, type RecordedRequest, startFixtureServer } from './fixtureServer.js';

export interface ManagedCloud {
  fx: FixtureServer;
  m: Managers;
  session: Session;
  /** A temp directory removed after the test. */
  dir: string;
  /** Managers for another login (e.g. an admin's) on the same fixture. */
  as(roles: string[], microversion?: string): Managers;
}

function configFor(fx: FixtureServer, microversion?: string): CloudConfig {
  return {
    authType: 'password',
    auth: {
      authUrl: fx.authUrl,
      username: fx.options.username,
      password: fx.options.password,
      projectName: fx.options.projectName,
      userDomainName: 'Default',
      projectDomainName: 'Default',
    },
    interface: 'public',
    insecure: false,
    computeApiVersion: microversion,
  };
}

/**
 * A fixture cloud and managers pinned to `microversion` (negotiated when undefined).
 * `roles` are the login's roles (default member + reader: a non-admin).
 */
export async function managedCloud(t: TestContext, microversion?: string, options: FixtureOptions = {}): Promise<ManagedCloud> {
  const fx = await startFixtureServer({ maxVersion: '2.100', ...options });
  const dir = mkdtempSync(join(tmpdir(), 'novash-managers-'));
  t.after(async () => {
    await fx.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const make = (roles: string[] | undefined, mv: string | undefined): { m: Managers; session: Session } => {
    const sub = join(dir, String(n++));
    // The fixture issues the roles current at login time; each Managers logs in on its first request.
    const session = new Session(configFor(fx, mv), { tokenCache: new TokenCache(join(sub, 'tokens')) });
    if (roles) {
      const getToken = session.getToken.bind(session);
      session.getToken = async () => {
        const before = fx.roles;
        fx.roles = roles;
        try {
          return await getToken();
        } finally {
          fx.roles = before;
        }
      };
    }
    return { m: new Managers(session, new CompletionCache(join(sub, 'cache'))), session };
  };
  const first = make(undefined, microversion);
  return { fx, ...first, dir, as: (roles, mv = microversion) => make(roles, mv).m };
}

/** The one request of `method` to a path matching `path` sent since the last clear (asserts there is one). */
export function only(fx: FixtureServer, method: string, path: string | RegExp): RecordedRequest {
  const found = fx.find(method, path);
  if (found.length !== 1)
    throw new Error(`expected one ${method} ${path}, saw ${found.length}: ${fx.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  return found[0]!;
}

/** Polls the fixture (one GET each) until the server reaches `status`, at most `steps` GETs. */
export async function settle(m: Managers, serverId: string, status: string, steps = 20): Promise<string> {
  let seen = '';
  for (let i = 0; i < steps; i++) {
    const s = await m.servers.get(serverId);
    seen = s.status;
    if (s.status === status && !s.taskState) return seen;
  }
  throw new Error(`server ${serverId} did not reach ${status} (last ${seen})`);
}
