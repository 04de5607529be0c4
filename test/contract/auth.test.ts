/**
 * Session contract: Keystone login once per token lifetime, the on-disk token cache, re-auth
 * once on a 401, secrets kept out of --debug, the --timings table.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { clientOptionsFor, cloud } from '../support/cloud.js';
import { hasStack } from '../support/run.js';
import { APP_CREDENTIAL } from '../support/fixtureServer.js';
import { ApiError, createClient } from '../../src/index.js';

const TOKENS = '/v3/auth/tokens';

test('the token is reused across runs: one Keystone login, file mode 0600, no password in it', async (t) => {
  const { fx, te, bin } = await cloud(t);
  const first = await bin('flavor-list');
  assert.equal(first.code, 0, first.stderr);
  assert.equal(fx.count('POST', TOKENS), 1);
  assert.equal(fx.count('GET', '/v2.1/'), 1, 'the version document is read once');

  const second = await bin('flavor-list', '-f', 'json');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(fx.count('POST', TOKENS), 1, 'the second run must not log in again');
  assert.equal(fx.count('GET', '/v2.1/'), 1, 'the negotiated range is remembered with the token');
  const flavorGets = fx.find('GET', '/v2.1/flavors/detail');
  assert.equal(flavorGets.length, 2);
  for (const r of flavorGets) assert.equal(r.headers['x-auth-token'], fx.issuedTokens[0]);
  assert.equal(JSON.parse(second.stdout).length, 7);

  const file = join(te.configDir, 'tokens.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.ok(!text.includes(fx.options.password), 'the password must never be written');
  assert.ok(text.includes(fx.issuedTokens[0]!), 'the token itself is what is cached');
  assert.ok(text.includes('"expiresAt"'));
});

test('a token about to expire is not reused', async (t) => {
  // 30 s of life is inside the 60 s safety margin: every run logs in.
  const { fx, run } = await cloud(t, { tokenTtl: 30 });
  assert.equal((await run('limits')).code, 0);
  assert.equal((await run('limits')).code, 0);
  assert.equal(fx.count('POST', TOKENS), 2);
});

test('a revoked token: one new login, the request replayed once, the new token saved', async (t) => {
  const { fx, run } = await cloud(t);
  assert.equal((await run('flavor-list')).code, 0);
  fx.revokeTokens();
  fx.clearRequests();

  const r = await run('flavor-list', '-f', 'value', '-c', 'Name');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^m1\.tiny$/m);
  assert.equal(fx.count('POST', TOKENS), 1);
  const gets = fx.find('GET', '/v2.1/flavors/detail');
  assert.deepEqual(
    gets.map((g) => g.status),
    [401, 200],
    'one 401, then one replay',
  );
  assert.equal(gets[1]!.headers['x-auth-token'], fx.issuedTokens[1]);

  fx.clearRequests();
  assert.equal((await run('flavor-list')).code, 0);
  assert.equal(fx.count('POST', TOKENS), 0, 'the fresh token was cached');
});

test('a 401 that persists after the re-login is reported, not retried forever', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({
    method: 'GET',
    path: '/v2.1/limits',
    times: 5,
    status: 401,
    body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
  });
  const r = await run('limits');
  assert.equal(r.code, 1);
  assert.equal(fx.count('GET', '/v2.1/limits'), 2, 'sent once, replayed once');
  assert.equal(fx.count('POST', TOKENS), 2, 'the first login and one re-login');
  const rid = fx.last('GET', '/v2.1/limits')!.requestId!;
  assert.equal(r.stderr.trim(), `ERROR (Unauthorized): The request you have made requires authentication. (HTTP 401, request ${rid})`);
  assert.equal(r.stdout, '');
});

test('a long-lived client whose fresh token is refused again and again does not log in on every request', async (t) => {
  // The app polls through one session: a compute that refuses every token must not cost a
  // Keystone login per poll.
  const { fx, te } = await cloud(t);
  fx.fail({
    method: 'GET',
    path: '/v2.1/flavors/detail',
    times: 10,
    status: 401,
    body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
  });
  const client = createClient(clientOptionsFor(fx, te));
  for (let i = 0; i < 4; i++) {
    await assert.rejects(client.flavors.list(), (e: unknown) => e instanceof ApiError && e.status === 401);
  }
  assert.equal(fx.count('POST', TOKENS), 2, 'the first login and one re-login, not one per request');
  assert.equal(fx.count('GET', '/v2.1/flavors/detail'), 5, 'the first request and its replay, then each request once');
});

test('a wrong password: one Keystone request, its message and request id, exit 1, no stack', async (t) => {
  const { fx, te, run, bin } = await cloud(t);
  te.env.OS_PASSWORD = 'wrong-password';
  for (const go of [run, bin]) {
    fx.clearRequests();
    const r = await go('list');
    assert.equal(r.code, 1);
    assert.equal(fx.count('POST', TOKENS), 1, 'a refused login is not tried twice');
    assert.equal(fx.requests.length, 1, 'nothing else is sent');
    const rid = fx.last('POST', TOKENS)!.requestId!;
    assert.equal(
      r.stderr.trim(),
      `ERROR (Unauthorized): Authentication failed: The request you have made requires authentication. (check the username, password, domains and project) (HTTP 401, request ${rid})`,
    );
    assert.ok(!hasStack(r.stderr));
    assert.ok(!r.stderr.includes('wrong-password'));
  }
});

test('two requests that both meet a revoked token share one new login', async (t) => {
  const { fx, run } = await cloud(t);
  assert.equal((await run('list')).code, 0);
  fx.revokeTokens();
  fx.clearRequests();
  // resize resolves the server and the flavor in parallel: both carry the revoked token.
  // The flavor lookup's 401 comes back late, after the server lookup has logged in again.
  fx.fail({ method: 'GET', path: '/v2.1/flavors/m1.small', delayMs: 300 });
  const r = await run('resize', 'new-server-test', 'm1.small');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fx.count('POST', TOKENS), 1, 'the late 401 must not throw away the token just obtained');
  assert.equal(fx.actions('resize').length, 1);
});

test('--debug logs requests with secrets masked: never the password, never a raw token', async (t) => {
  const { fx, run, bin } = await cloud(t);
  const a = await bin('--debug', 'list');
  assert.equal(a.code, 0, a.stderr);
  // A 401 and a re-login, so the Keystone exchange shows up a second time within one run.
  fx.revokeTokens();
  const b = await run('--debug', 'boot', '--image', 'cirros-0.6.2-x86_64-disk', '--flavor', 'm1.tiny', 'dbg-vm');
  assert.equal(b.code, 0, b.stderr);
  assert.equal(fx.issuedTokens.length, 2);
  for (const out of [a.stderr, b.stderr]) {
    assert.match(out, /^DEBUG REQ: POST http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens/m);
    assert.match(out, /^DEBUG RESP: \[201\]/m);
    assert.match(out, /\{SHA256\}[0-9a-f]{16}/, 'tokens appear as a fingerprint');
    assert.ok(!out.includes(fx.options.password), 'password leaked into --debug');
    for (const tok of fx.issuedTokens) assert.ok(!out.includes(tok), 'raw token leaked into --debug');
  }
  assert.match(
    a.stderr,
    /^DEBUG REQ BODY: \{"auth":\{"identity":\{"methods":\["password"\],"password":\{"user":\{"name":"demo","domain":\{"name":"Default"\},"password":"\*\*\*"\}\}\}/m,
  );
  assert.match(b.stderr, /^DEBUG REQ: POST http:\/\/127\.0\.0\.1:\d+\/v2\.1\/servers /m);
  assert.match(b.stderr, /^DEBUG REQ BODY: \{"server":\{"name":"dbg-vm"/m);
  // The boot answer carries adminPass: the log masks it.
  const adminPassLine = b.stderr.split('\n').find((l) => l.startsWith('DEBUG RESP BODY') && l.includes('adminPass'));
  assert.ok(adminPassLine);
  assert.match(adminPassLine, /"adminPass":"\*\*\*"/);
});

test('--timings prints one row per request and a total, on stderr', async (t) => {
  const { fx, run } = await cloud(t);
  const r = await run('--timings', 'list', '-f', 'json');
  assert.equal(r.code, 0, r.stderr);
  JSON.parse(r.stdout); // stdout stays machine-readable
  const lines = r.stderr.trim().split('\n');
  assert.match(lines[1]!, /^\| URL +\| Status \| Seconds \|$/);
  const rows = lines.filter((l) => /^\| (GET|POST|PUT|DELETE) /.test(l));
  assert.equal(rows.length, fx.requests.length, 'one row per request sent');
  assert.ok(rows.some((l) => l.includes(`POST ${fx.origin}/v3/auth/tokens`) && /\| 201 +\|/.test(l)));
  assert.ok(rows.some((l) => l.includes(`GET ${fx.origin}/v2.1/servers/detail`) && /\| 200 +\|/.test(l)));
  assert.match(lines.at(-2)!, /^\| Total +\| +\| +\d+\.\d{3} \|$/);
});

test('every request carries X-Auth-Token; compute requests carry both microversion headers', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  assert.equal((await run('list')).code, 0);
  assert.equal((await run('image-list')).code, 0);
  assert.equal((await run('network-list')).code, 0);
  const token = fx.issuedTokens[0];
  for (const r of fx.requests.filter((x) => x.path !== TOKENS)) {
    assert.equal(r.headers['x-auth-token'], token, `${r.method} ${r.path}`);
    if (r.service === 'compute' && r.path !== '/v2.1/') {
      assert.equal(r.headers['openstack-api-version'], 'compute 2.93', r.path);
      assert.equal(r.headers['x-openstack-nova-api-version'], '2.93', r.path);
    } else {
      assert.equal(r.headers['openstack-api-version'], undefined, r.path);
    }
  }
  assert.ok(fx.count('GET', '/image/v2/images') > 0);
  assert.ok(fx.count('GET', '/network/v2.0/networks') > 0);
  const login = fx.find('POST', TOKENS)[0]!;
  assert.deepEqual(login.json, {
    auth: {
      identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: fx.options.password } } },
      scope: { project: { name: 'demo', domain: { name: 'Default' } } },
    },
  });
});

test('application credential: no scope sent, the token reused, the secret neither stored nor logged', async (t) => {
  const { fx, te, run } = await cloud(
    t,
    {},
    {
      OS_USERNAME: '',
      OS_PASSWORD: '',
      OS_PROJECT_NAME: '',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: APP_CREDENTIAL.id,
      OS_APPLICATION_CREDENTIAL_SECRET: APP_CREDENTIAL.secret,
    },
  );
  const first = await run('--debug', 'flavor-list');
  assert.equal(first.code, 0, first.stderr);
  const login = fx.last('POST', '/v3/auth/tokens')!;
  assert.deepEqual(login.json, {
    auth: {
      identity: { methods: ['application_credential'], application_credential: { id: APP_CREDENTIAL.id, secret: APP_CREDENTIAL.secret } },
    },
  });
  assert.ok(!first.stderr.includes(APP_CREDENTIAL.secret), 'the secret is masked in --debug');
  assert.equal((await run('list')).code, 0);
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1, 'the second run reused the token');
  assert.ok(!readFileSync(join(te.configDir, 'tokens.json'), 'utf8').includes(APP_CREDENTIAL.secret));
});
