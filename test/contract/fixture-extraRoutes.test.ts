/** The fixture server's extension point: a test's own routes, behind the same token check and microversion negotiation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ExtraRoute, type FixtureServer, startFixtureServer } from '../support/fixtureServer.js';

async function token(fx: FixtureServer): Promise<string> {
  const res = await fetch(`${fx.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: fx.options.username, password: fx.options.password, domain: { id: 'default' } } },
        },
        scope: { project: { name: fx.options.projectName, domain: { id: 'default' } } },
      },
    }),
  });
  assert.equal(res.status, 201);
  return res.headers.get('x-subject-token')!;
}

test('an extra route answers under the compute endpoint with the negotiated microversion; others fall through', async (t) => {
  const documents: ExtraRoute = (_req, res, ctx) => {
    if (ctx.service !== 'compute' || ctx.seg[0] !== 'os-documents') return false;
    res.json(200, { document: [{ id: 1, name: 'test1' }], mv: ctx.mv });
    return true;
  };
  const later: ExtraRoute = async (_req, res, ctx) => {
    await new Promise((r) => setTimeout(r, 1));
    if (ctx.path !== '/os-later') return false;
    res.text(202, '');
    return true;
  };
  const fx = await startFixtureServer({ extraRoutes: [documents] });
  t.after(() => fx.close());
  fx.extraRoutes.push(later);
  const tok = await token(fx);
  const headers = { 'x-auth-token': tok, 'openstack-api-version': 'compute 2.60' };

  const docs = await fetch(`${fx.computeUrl}/os-documents`, { headers });
  assert.equal(docs.status, 200);
  assert.deepEqual(await docs.json(), { document: [{ id: 1, name: 'test1' }], mv: 60 });
  assert.equal(docs.headers.get('openstack-api-version'), 'compute 2.60');
  assert.ok(docs.headers.get('x-compute-request-id'));
  assert.equal((await fetch(`${fx.computeUrl}/os-later`, { method: 'POST', headers })).status, 202);

  // Built-in routes still answer; a request without a token never reaches the extra route.
  assert.equal((await fetch(`${fx.computeUrl}/flavors`, { headers })).status, 200);
  assert.equal((await fetch(`${fx.computeUrl}/os-documents`)).status, 401);
  assert.equal(fx.find('GET', '/v2.1/os-documents').length, 2);
});
