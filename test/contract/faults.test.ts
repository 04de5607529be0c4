/**
 * The session on errors: what is retried (GETs on 502/503/504, dropped connections, timeouts)
 * and what never is (POST /servers, actions); how each service's error body reaches the user.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { glanceHtmlError, keystoneErrorBody, novaErrorBody } from '../support/fixtureServer.js';
import { CIRROS_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { type RunResult, hasStack, parseBoxTable } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

function failed(r: RunResult, code = 1): RunResult {
  assert.equal(r.code, code, `expected exit ${code}, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.ok(!hasStack(r.stderr), `a stack trace reached the user:\n${r.stderr}`);
  assert.ok(!hasStack(r.stdout));
  return r;
}

const BOOT = ['boot', '--image', CIRROS_ID, '--flavor', 'm1.tiny', 'vm1'];
const UNAVAILABLE = novaErrorBody(503, 'The server is currently unavailable. Please try again at a later time.');

// ---- retries ---------------------------------------------------------------------------------

test('a GET answered 503 is retried, and the command succeeds', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'GET', path: '/v2.1/flavors/detail', status: 503, body: UNAVAILABLE });
  const r = ok(await run('flavor-list', '-f', 'value', '-c', 'ID'));
  assert.equal(r.stdout.trim().split('\n').length, 7);
  assert.deepEqual(
    fx.find('GET', '/v2.1/flavors/detail').map((x) => x.status),
    [503, 200],
  );
});

test("--debug and --timings show every attempt of a retried GET, with the failed attempt's request id", async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'GET', path: '/v2.1/flavors/detail', status: 503, body: UNAVAILABLE });
  const r = ok(await run('--debug', '--timings', 'flavor-list', '-f', 'value', '-c', 'ID'));
  const [first, second] = fx.find('GET', '/v2.1/flavors/detail');
  assert.equal(first!.status, 503);
  assert.equal(second!.status, 200);
  assert.match(
    r.stderr,
    new RegExp(`^DEBUG RETRY 1: GET http://127\\.0\\.0\\.1:\\d+/v2\\.1/flavors/detail after \\[503\\] request ${first!.requestId}$`, 'm'),
  );
  const rows = r.stderr.split('\n').filter((l) => /^\| GET \S+\/v2\.1\/flavors\/detail /.test(l));
  assert.equal(rows.length, 2, 'one timings row per attempt');
  assert.match(rows[0]!, /\| 503 +\|/);
  assert.match(rows[1]!, /\| 200 +\|/);
});

test('a GET whose connection drops is retried (Glance, through the built binary)', async (t) => {
  const { fx, bin } = await cloud(t);
  fx.fail({ method: 'GET', path: '/image/v2/images', reset: true });
  const r = ok(await bin('image-list', '-f', 'value', '-c', 'Name'));
  assert.match(r.stdout, /^cirros-0\.6\.2-x86_64-disk$/m);
  assert.deepEqual(
    fx.find('GET', '/image/v2/images').map((x) => x.status),
    [0, 200],
  );
});

test('a GET that keeps failing is retried twice, then the last error is shown', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'GET', path: '/v2.1/limits', status: 503, body: UNAVAILABLE, times: 10 });
  const r = failed(await run('limits'));
  const sent = fx.find('GET', '/v2.1/limits');
  assert.equal(sent.length, 3);
  assert.equal(
    r.stderr,
    `ERROR (serviceUnavailable): The server is currently unavailable. Please try again at a later time. (HTTP 503, request ${sent[2]!.requestId})\n`,
  );
  assert.equal(r.stdout, '');
});

test('a slow GET beyond --timeout is retried', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('limits')); // log in first, so only the GET is slow
  fx.fail({ method: 'GET', path: '/v2.1/os-availability-zone', delayMs: 3000 });
  const r = ok(await run('--timeout', '1', 'availability-zone-list', '-f', 'value'));
  assert.equal(r.stdout, 'nova available\n');
  assert.equal(fx.count('GET', '/v2.1/os-availability-zone'), 2);
});

// ---- never retried ---------------------------------------------------------------------------

test('POST /servers answered 503 is sent exactly once; the error and request id are shown', async (t) => {
  const { fx, run, bin } = await cloud(t);
  for (const go of [run, bin]) {
    fx.clearRequests();
    fx.fail({ method: 'POST', path: '/v2.1/servers', status: 503, body: UNAVAILABLE, times: 5 });
    const r = failed(await go(...BOOT));
    assert.equal(fx.count('POST', '/v2.1/servers'), 1);
    const rid = fx.last('POST', '/v2.1/servers')!.requestId;
    assert.equal(
      r.stderr,
      `ERROR (serviceUnavailable): The server is currently unavailable. Please try again at a later time. (HTTP 503, request ${rid})\n`,
    );
  }
  assert.equal(fx.serverByName('vm1'), undefined);
});

test('POST /servers whose answer is lost is not re-sent: the user is told to check before booting again', async (t) => {
  const { fx, run, bin } = await cloud(t);
  for (const [go, name] of [
    [run, 'lost-1'],
    [bin, 'lost-2'],
  ] as const) {
    // Nova takes the request (the server exists) but the connection drops before the answer.
    fx.fail({ method: 'POST', path: '/v2.1/servers', reset: true, afterHandling: true });
    const r = failed(await go('boot', '--image', CIRROS_ID, '--flavor', 'm1.tiny', name));
    assert.match(
      r.stderr,
      new RegExp(
        `^ERROR: The connection to http://127\\.0\\.0\\.1:\\d+ closed before compute answered POST /v2\\.1/servers\\. The boot request was sent and probably created: ${name} \\(${fx.serverByName(name)!.id}, [A-Z]+\\)\\. Nothing was sent again; see 'novash show [0-9a-f-]+'\\.\\n$`,
      ),
    );
    assert.ok(fx.serverByName(name), 'the server was in fact created');
  }
  assert.equal(fx.count('POST', '/v2.1/servers'), 2, 'one POST per run');
});

test('POST /servers slower than --timeout: one POST, "timed out"', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('limits'));
  fx.fail({ method: 'POST', path: '/v2.1/servers', delayMs: 3000 });
  const r = failed(await run('--timeout', '1', ...BOOT));
  assert.match(
    r.stderr,
    /^ERROR: No answer from compute to POST \/v2\.1\/servers within 1 s\. The boot request was sent; no server named 'vm1' shows yet, but it may still appear: check with 'novash list --name vm1' before booting again\.\n$/,
  );
  assert.equal(fx.count('POST', '/v2.1/servers'), 1);
});

test('a server action is never retried: a dropped connection and a 502 are reported per server', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'POST', path: `/v2.1/servers/${SAMPLE_SERVER_ID}/action`, reset: true });
  const r = failed(await run('reboot', 'new-server-test'));
  assert.match(
    r.stderr,
    /^Cannot reboot server 'new-server-test': The connection to http:\/\/127\.0\.0\.1:\d+ closed before compute answered POST \/v2\.1\/servers\/[0-9a-f-]+\/action\n$/,
  );
  assert.equal(fx.actions('reboot').length, 1);

  fx.fail({ method: 'POST', path: `/v2.1/servers/${SAMPLE_SERVER_ID}/action`, status: 502 });
  const g = failed(await run('stop', SAMPLE_SERVER_ID));
  const rid = fx.actions('os-stop')[0]!.requestId;
  assert.equal(g.stderr, `Cannot stop server '${SAMPLE_SERVER_ID}': Bad gateway (HTTP 502, request ${rid})\n`);
  assert.equal(fx.actions('os-stop').length, 1);

  fx.fail({ method: 'DELETE', path: `/v2.1/servers/${SAMPLE_SERVER_ID}`, status: 503, body: UNAVAILABLE });
  failed(await run('delete', SAMPLE_SERVER_ID));
  assert.equal(fx.count('DELETE', `/v2.1/servers/${SAMPLE_SERVER_ID}`), 1);
});

// ---- error bodies ----------------------------------------------------------------------------

test("Nova's JSON errors: kind, message and request id; exit 1; no stack (main and binary)", async (t) => {
  const { fx, run, bin } = await cloud(t);
  const cases: Array<{ argv: string[]; method: string; path: string; status: number; message: string; expect: (rid: string) => string }> = [
    {
      argv: ['limits'],
      method: 'GET',
      path: '/v2.1/limits',
      status: 500,
      message:
        "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'oslo_db.exception.DBConnectionError'>",
      expect: (rid) =>
        // One line: the message's own line break becomes a space.
        `ERROR (computeFault): Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible. <class 'oslo_db.exception.DBConnectionError'> (HTTP 500, request ${rid})\n`,
    },
    {
      argv: ['show', SAMPLE_SERVER_ID],
      method: 'GET',
      path: `/v2.1/servers/${SAMPLE_SERVER_ID}`,
      status: 403,
      message: "Policy doesn't allow os_compute_api:servers:show to be performed.",
      expect: (rid) => `ERROR (forbidden): Policy doesn't allow os_compute_api:servers:show to be performed. (HTTP 403, request ${rid})\n`,
    },
    {
      argv: BOOT,
      method: 'POST',
      path: '/v2.1/servers',
      status: 413,
      message: 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances',
      expect: (rid) =>
        `ERROR (overLimit): Quota exceeded for instances: Requested 1, but already used 10 of 10 instances (HTTP 413, request ${rid})\n`,
    },
  ];
  for (const go of [run, bin]) {
    for (const c of cases) {
      fx.fail({ method: c.method, path: c.path, status: c.status, body: novaErrorBody(c.status, c.message) });
      const r = failed(await go(...c.argv));
      assert.equal(r.stderr, c.expect(fx.last(c.method, c.path)!.requestId!));
      assert.equal(r.stdout, '');
    }
  }
});

test('a 400 from Nova schema validation reaches the user word for word', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.93' });
  // A flavor deleted between novash's lookup and the boot: Nova's to refuse.
  fx.fail({ method: 'POST', path: '/v2.1/servers', status: 400, body: novaErrorBody(400, 'Flavor 1 could not be found.') });
  const r = failed(await run(...BOOT));
  assert.match(r.stderr, /^ERROR \(badRequest\): Flavor 1 could not be found\. \(HTTP 400, request req-[0-9a-f-]+\)\n$/);
  assert.equal(fx.count('POST', '/v2.1/servers'), 1);
});

test("Glance's HTML and plain-text errors are shown as text, without markup, with the request id", async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({
    method: 'GET',
    path: '/image/v2/images',
    status: 500,
    body: glanceHtmlError(
      500,
      'Internal Server Error',
      'The server has either erred or is incapable of performing the requested operation.',
    ),
    contentType: 'text/html; charset=UTF-8',
  });
  const r = failed(await run('image-list'));
  const rid = fx.last('GET', '/image/v2/images')!.requestId!;
  assert.match(
    r.stderr,
    /^ERROR \(InternalServerError\): The server has either erred or is incapable of performing the requested operation\. \(HTTP 500, request req-[0-9a-f-]+\)\n$/,
  );
  assert.ok(r.stderr.includes(rid));
  assert.ok(!/<\/?(html|head|body|h1|title|br)/i.test(r.stderr), 'no HTML reaches the user');

  fx.fail({
    method: 'GET',
    path: '/image/v2/images',
    status: 400,
    body: '400 Bad Request\n\nInvalid sort key: bogus\n\n   ',
    contentType: 'text/plain; charset=UTF-8',
  });
  const p = failed(await run('image-list'));
  assert.match(p.stderr, /^ERROR \(BadRequest\): Invalid sort key: bogus \(HTTP 400, request req-[0-9a-f-]+\)\n$/);
});

test("Glance's HTML 404 (image gone between lookup and DELETE): the detail line, not the status line", async (t) => {
  const { fx, run } = await cloud(t);
  // The image went away between the lookup and the DELETE (someone else deleted it).
  fx.fail({
    method: 'DELETE',
    path: /^\/image\/v2\/images\//,
    status: 404,
    body: glanceHtmlError(404, 'Not Found', 'No image found with ID 76fa36fc'),
    contentType: 'text/html; charset=UTF-8',
  });
  const r = failed(await run('image-delete', 'nightly-1'));
  assert.match(r.stderr, /^Cannot delete image 'nightly-1': No image found with ID 76fa36fc \(HTTP 404, request req-[0-9a-f-]+\)\n$/);
});

test('Keystone and Neutron error bodies', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({
    method: 'POST',
    path: '/v3/auth/tokens',
    status: 503,
    body: keystoneErrorBody(503, 'Service Unavailable', 'The service is temporarily unavailable.'),
  });
  const k = failed(await run('list'));
  assert.equal(
    k.stderr,
    `ERROR (ServiceUnavailable): The service is temporarily unavailable. (HTTP 503, request ${fx.last('POST', '/v3/auth/tokens')!.requestId})\n`,
  );
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1, 'a login is a POST: not retried');

  fx.fail({
    method: 'GET',
    path: '/network/v2.0/networks',
    status: 500,
    body: {
      NeutronError: {
        type: 'HTTPInternalServerError',
        message: 'Request Failed: internal server error while processing your request.',
        detail: '',
      },
    },
  });
  const n = failed(await run('network-list'));
  assert.equal(
    n.stderr,
    `ERROR (InternalServerError): Request Failed: internal server error while processing your request. (HTTP 500, request ${fx.last('GET', '/network/v2.0/networks')!.requestId})\n`,
  );
});

test('a proxy answering 502/504 with an empty body: a plain reason, not a blank line', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'POST', path: '/v2.1/servers', status: 504 });
  const r = failed(await run(...BOOT));
  assert.equal(
    r.stderr,
    `ERROR (GatewayTimeout): Gateway timeout (HTTP 504, request ${fx.last('POST', '/v2.1/servers')!.requestId}). ` +
      "The boot request was sent; no server named 'vm1' shows yet, but it may still appear: check with 'novash list --name vm1' before booting again.\n",
  );
  assert.equal(fx.count('POST', '/v2.1/servers'), 1, 'a lost answer is never re-sent');
});

test('nothing listening: "connection refused", exit 1, no stack', async (t) => {
  const { te, run, bin } = await cloud(t);
  // A port that was just free.
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  te.env.OS_AUTH_URL = `http://127.0.0.1:${port}/v3`;
  for (const go of [run, bin]) {
    const r = failed(await go('list'));
    assert.equal(r.stderr, `ERROR: Cannot reach http://127.0.0.1:${port}: connection refused\n`);
  }
});

test('--debug adds the stack to an error; without it there is none', async (t) => {
  const { fx, run } = await cloud(t);
  fx.fail({ method: 'GET', path: '/v2.1/limits', status: 500, body: novaErrorBody(500, 'boom') });
  const r = await run('--debug', 'limits');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^ERROR \(computeFault\): boom \(HTTP 500, request req-[0-9a-f-]+\)$/m);
  assert.ok(hasStack(r.stderr), 'the stack is there for --debug');
  // The list still works after all this.
  const rows = parseBoxTable(ok(await run('list')).stdout);
  assert.equal(rows.length - 1, fx.servers.length);
});

test('a service that echoes the password in its error: the password never reaches the screen', async (t) => {
  const { fx, run } = await cloud(t);
  const password = fx.options.password;
  fx.fail({ method: 'GET', path: '/v2.1/flavors/detail', status: 400, body: novaErrorBody(400, `Invalid filter near '${password}'`) });
  const r = await run('flavor-list');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^ERROR \(badRequest\): Invalid filter near '\*\*\*' \(HTTP 400, request req-[0-9a-f-]+\)\n$/);
  assert.ok(!r.stderr.includes(password));
});

test('a GET answered 503 with Retry-After is retried no sooner than the server asked', async (t) => {
  const { fx, run } = await cloud(t);
  ok(await run('flavor-list'));
  fx.fail({ method: 'GET', path: '/v2.1/flavors/detail', status: 503, body: UNAVAILABLE, headers: { 'retry-after': '3' } });
  const started = Date.now();
  ok(await run('flavor-list'));
  // A lower bound, not a speed: the default backoff alone would retry after about 1 s.
  assert.ok(Date.now() - started >= 2900, `retried after ${Date.now() - started} ms`);
  assert.deepEqual(
    fx.find('GET', '/v2.1/flavors/detail').map((x) => x.status),
    [200, 503, 200],
  );
});

test('--debug: a password the cloud echoes back and the user data never appear; user data is shown as its size', async (t) => {
  const { fx, te, run } = await cloud(t);
  const password = fx.options.password;
  const userData = join(te.home, 'cloud-init.sh');
  writeFileSync(userData, '#!/bin/sh\necho root:TopSecretRootPw | chpasswd\n');
  // A Keystone that echoes the request it refused, password included (seen in the wild behind proxies).
  fx.fail({
    method: 'POST',
    path: '/v3/auth/tokens',
    status: 400,
    body: { error: { code: 400, title: 'Bad Request', message: `bad request: ${JSON.stringify({ password })}` } },
  });
  const login = await run('--debug', 'flavor-list');
  assert.equal(login.code, 1);
  assert.ok(!login.stderr.includes(password), 'the echoed password reached a debug line or the error');
  assert.match(login.stderr, /^DEBUG RESP BODY: .*\*\*\*/m);

  // The flavor is looked up by id first: that 404 echoes the password too.
  fx.fail({
    method: 'GET',
    path: '/v2.1/flavors/m1.tiny',
    status: 404,
    body: novaErrorBody(404, `Flavor m1.tiny not found for ${password}`),
  });
  const r = await run('--debug', 'boot', '--image', CIRROS_ID, '--flavor', 'm1.tiny', '--nic', 'none', '--user-data', userData, 'vm-ud');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fx.last('GET', '/v2.1/flavors/m1.tiny')?.status, 404);
  assert.match(r.stderr, /^DEBUG RESP BODY: .*Flavor m1\.tiny not found for \*\*\*/m);
  assert.ok(!r.stderr.includes(password));
  assert.ok(!r.stderr.includes('TopSecretRootPw'), 'the user data reached a debug line');
  assert.match(r.stderr, /^DEBUG REQ BODY: \{"server":\{.*"user_data":"<user data: 47 bytes>"/m);
  for (const token of fx.issuedTokens) assert.ok(!r.stderr.includes(token), 'a token reached a debug line');
});

test('the app debug log: 0600 in a 0700 directory, rotated at its cap with one backup', async (t) => {
  const { openDebugLog } = await import('../../src/util/debugLog.js');
  const dir = mkdtempSync(join(tmpdir(), 'novash-log-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'state', 'debug.log');
  const log = openDebugLog(file, 1000);
  for (let i = 0; i < 30; i++) log(`line ${i} ${'x'.repeat(60)}`);
  assert.equal(statSync(join(dir, 'state')).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(`${file}.1`).mode & 0o777, 0o600);
  assert.ok(statSync(file).size <= 1000 && statSync(`${file}.1`).size <= 1000);
  assert.match(readFileSync(file, 'utf8'), /line 29 x+\n$/);
  assert.deepEqual(readdirSync(join(dir, 'state')).sort(), ['debug.log', 'debug.log.1'], 'one backup, no more');
});
