/**
 * The session under faults, seen from the code that uses it (the commands, the app): what an
 * error says about whether the request may have been sent, the cloud's own clock, and secrets
 * asked for at a prompt staying in the auth layer.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { TokenCache } from '../../src/auth/tokenCache.js';
import { resolveCloudConfig } from '../../src/config/resolve.js';
import { ConnectionError, TimeoutError } from '../../src/session/errors.js';
import { DEFAULT_RETRIED_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, HttpClient } from '../../src/session/http.js';
import { Session } from '../../src/session/session.js';
import { startRig } from '../support/faultMatrix.js';

async function rigSession(t: TestContext, options: { prompt?: boolean; timeoutMs?: number } = {}) {
  const rig = await startRig();
  t.after(() => rig.close());
  const env = { ...rig.te.env };
  if (options.prompt) delete env.OS_PASSWORD;
  const config = resolveCloudConfig({}, { env, requireSecrets: false });
  const prompts: string[] = [];
  const session = new Session(config, {
    tokenCache: new TokenCache(options.prompt ? `${rig.te.configDir}-fresh` : rig.te.configDir),
    timeoutMs: options.timeoutMs,
    promptSecret: async (q) => {
      prompts.push(q);
      return rig.fx.options.password;
    },
  });
  return { rig, session, config, prompts };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected the request to fail');
}

test('a failed request says whether it may have been sent: refused no, dropped after sending yes', async (t) => {
  const { rig, session } = await rigSession(t, { timeoutMs: 1000 });
  rig.proxy.fail({ method: 'POST', path: '/v2.1/servers', times: 1, fault: { kind: 'reset', after: true } });
  const lost = await failure(
    session.request('compute', 'POST', '/servers', { json: { server: { name: 'x', flavorRef: '1', imageRef: 'y', networks: 'none' } } }),
  );
  assert.ok(lost instanceof ConnectionError && lost.maybeSent, `${lost}`);

  rig.proxy.fail({ method: 'POST', path: '/v2.1/servers', times: 1, fault: { kind: 'no-headers', forward: false } });
  const silent = await failure(session.request('compute', 'POST', '/servers', { json: {} }));
  assert.ok(silent instanceof TimeoutError && silent.maybeSent && silent.phase === 'headers', `${silent}`);
  assert.equal(silent.message, 'No answer from compute to POST /v2.1/servers within 1 s');

  rig.proxy.fail({ method: 'GET', path: '/v2.1/limits', fault: { kind: 'stall-body' } });
  const stalled = await failure(session.request('compute', 'GET', '/limits'));
  assert.ok(stalled instanceof TimeoutError && stalled.phase === 'body', `${stalled}`);
  assert.equal(stalled.message, 'The answer from compute to GET /v2.1/limits stopped arriving: incomplete after 1 s (3 attempts)');

  await rig.proxy.close();
  const refused = await failure(session.request('compute', 'GET', '/limits'));
  assert.ok(refused instanceof ConnectionError && !refused.maybeSent && refused.code === 'ECONNREFUSED', `${refused}`);
});

test("the cloud's clock: the Date header of the last compute answer, not the local clock", async (t) => {
  const { rig, session } = await rigSession(t);
  rig.proxy.fail({
    method: 'GET',
    path: '/v2.1/servers/detail',
    fault: { kind: 'headers', headers: { date: 'Wed, 21 Oct 2015 07:28:00 GMT' } },
  });
  await session.request('compute', 'GET', '/servers/detail');
  assert.equal(session.lastServerDate?.toISOString(), '2015-10-21T07:28:00.000Z');
  assert.equal(session.serverDate('compute')?.toISOString(), '2015-10-21T07:28:00.000Z');
  // Another service's answer does not stand for compute's clock.
  await session.request('image', 'GET', '/v2/images');
  assert.equal(session.lastServerDate?.toISOString(), '2015-10-21T07:28:00.000Z');
  assert.ok(session.serverDate('image'));
});

test('a password asked for at a prompt stays in the session: the shared config never holds it; a re-login does not ask again', async (t) => {
  const { rig, session, config, prompts } = await rigSession(t, { prompt: true });
  await session.request('compute', 'GET', '/limits');
  assert.equal(prompts.length, 1);
  assert.equal(config.auth.password, undefined, 'the prompted password was written into the shared config');
  assert.ok(session.secrets().includes(rig.fx.options.password), 'yet it is known to the scrubber');
  rig.fx.revokeTokens();
  await session.request('compute', 'GET', '/limits');
  assert.equal(prompts.length, 1, 'asked again on re-login');
  assert.equal(rig.fx.count('POST', '/v3/auth/tokens'), 3, 'warm-up, first login, re-login');
});

test('default deadlines: a GET is tried 3 times at 10 s (about 30 s without an answer), anything else once at 30 s; --timeout sets both', () => {
  assert.equal(DEFAULT_RETRIED_TIMEOUT_MS, 10_000);
  assert.equal(DEFAULT_TIMEOUT_MS, 30_000);
  const defaults = new HttpClient();
  assert.equal(defaults.attemptTimeoutMs('GET'), 10_000);
  assert.equal(defaults.attemptTimeoutMs('POST'), 30_000);
  const pinned = new HttpClient({ timeoutMs: 2_000 });
  assert.equal(pinned.attemptTimeoutMs('GET'), 2_000);
  assert.equal(pinned.attemptTimeoutMs('DELETE'), 2_000);
});
