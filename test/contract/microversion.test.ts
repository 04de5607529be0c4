/** Microversion negotiation against the version document, pinning, and what is sent. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { hasStack, parseRecord } from '../support/run.js';

for (const [serverMax, expected] of [
  ['2.93', '2.93'], // the local cloud (Zed)
  ['2.60', '2.60'],
  ['2.104', '2.100'], // today's master: novash stops at the newest shapes it knows
] as const) {
  test(`negotiates ${expected} with a cloud whose max is ${serverMax}`, async (t) => {
    const { fx, run } = await cloud(t, { maxVersion: serverMax });
    const r = await run('whoami');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseRecord(r.stdout).get('compute_api_version'), expected);
    assert.equal(fx.count('GET', '/v2.1/'), 1);
    assert.equal(
      fx.find('GET', '/v2.1/')[0]!.headers['openstack-api-version'],
      undefined,
      'the version document is asked for without a version',
    );
    const limits = await run('limits');
    assert.equal(limits.code, 0);
    const sent = fx.last('GET', '/v2.1/limits')!;
    assert.equal(sent.headers['openstack-api-version'], `compute ${expected}`);
    assert.equal(sent.headers['x-openstack-nova-api-version'], expected);
  });
}

test('--os-compute-api-version and OS_COMPUTE_API_VERSION pin the version', async (t) => {
  const { fx, te, run } = await cloud(t, { maxVersion: '2.93' });
  assert.equal((await run('--os-compute-api-version', '2.47', 'list')).code, 0);
  assert.equal(fx.last('GET', '/v2.1/servers/detail')!.microversion, '2.47');
  te.env.OS_COMPUTE_API_VERSION = '2.61';
  assert.equal((await run('flavor-list')).code, 0);
  assert.equal(fx.last('GET', '/v2.1/flavors/detail')!.microversion, '2.61');
  // The flag wins over the variable.
  assert.equal((await run('--os-compute-api-version', '2.1', 'flavor-list')).code, 0);
  assert.equal(fx.last('GET', '/v2.1/flavors/detail')!.headers['x-openstack-nova-api-version'], '2.1');
});

test('a pinned version the cloud does not offer is refused before anything is sent to Nova', async (t) => {
  const { fx, run, bin } = await cloud(t, { maxVersion: '2.93' });
  for (const go of [run, bin]) {
    const r = await go('--os-compute-api-version', '2.95', 'list');
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'ERROR: Compute API version 2.95 is not supported by this cloud, which accepts 2.1 to 2.93.');
    assert.ok(!hasStack(r.stderr));
  }
  assert.equal(fx.count('GET', '/v2.1/servers/detail'), 0);
});

test('a malformed version is a usage error (exit 2), with nothing sent', async (t) => {
  const { fx, run } = await cloud(t);
  const r = await run('--os-compute-api-version', 'banana', 'list');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Invalid compute API version 'banana' \(from --os-compute-api-version\)/);
  assert.equal(fx.requests.length, 0);
});

test('a compute endpoint with the project id in it: the version document is read at /v2.1/', async (t) => {
  const { fx, run } = await cloud(t, { maxVersion: '2.79', computeUrlWithProject: true });
  const r = await run('list', '-f', 'value', '-c', 'Name');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^new-server-test$/m);
  assert.equal(fx.count('GET', '/v2.1/'), 1);
  const list = fx.find('GET', /\/servers\/detail$/)[0]!;
  assert.equal(list.path, `/v2.1/${fx.project.id}/servers/detail`);
  assert.equal(list.microversion, '2.79');
});

test('requests started together negotiate the version once', async (t) => {
  const { fx, run } = await cloud(t);
  // resize looks up the server and the flavor in parallel, on a fresh login.
  const r = await run('resize', 'new-server-test', 'm1.small');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fx.count('GET', '/v2.1/'), 1);
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1);
});
