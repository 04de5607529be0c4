import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EndpointNotFoundError, findEndpoint, regionsOf } from '../../src/auth/catalog.js';
import { buildAuthRequest, identityV3Url, parseTokenResponse } from '../../src/auth/keystone.js';
import type { CatalogService } from '../../src/auth/types.js';
import type { CloudConfig } from '../../src/config/types.js';

function config(over: Partial<CloudConfig>): CloudConfig {
  return { authType: 'password', auth: { authUrl: 'http://k:5000' }, interface: 'public', insecure: false, ...over };
}

describe('buildAuthRequest (POST /v3/auth/tokens body)', () => {
  test('password, user and project by name with domains', () => {
    const body = buildAuthRequest(
      config({
        auth: {
          authUrl: 'http://k:5000',
          username: 'alice',
          password: 'pw',
          userDomainName: 'Corp',
          projectName: 'demo',
          projectDomainId: 'default',
        },
      }),
    );
    assert.deepEqual(body, {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'alice', domain: { name: 'Corp' }, password: 'pw' } },
        },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    });
  });

  test('password by user id needs no user domain; project by id needs no project domain', () => {
    const body = buildAuthRequest(
      config({
        auth: {
          authUrl: 'http://k:5000',
          userId: 'u-1',
          username: 'ignored',
          password: 'pw',
          userDomainId: 'default',
          projectId: 'p-1',
          projectName: 'ignored',
          projectDomainId: 'default',
        },
      }),
    );
    assert.deepEqual(body, {
      auth: {
        identity: { methods: ['password'], password: { user: { id: 'u-1', password: 'pw' } } },
        scope: { project: { id: 'p-1' } },
      },
    });
  });

  test('application credential by id: no scope, even if a project is configured', () => {
    const body = buildAuthRequest(
      config({
        authType: 'v3applicationcredential',
        auth: {
          authUrl: 'http://k:5000',
          applicationCredentialId: 'ac-1',
          applicationCredentialSecret: 'sec',
          projectName: 'demo',
          projectDomainId: 'default',
        },
      }),
    );
    assert.deepEqual(body, {
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac-1', secret: 'sec' } } },
    });
  });

  test('application credential by name carries its user', () => {
    const body = buildAuthRequest(
      config({
        authType: 'v3applicationcredential',
        auth: {
          authUrl: 'http://k:5000',
          applicationCredentialName: 'ci',
          applicationCredentialSecret: 'sec',
          username: 'bot',
          userDomainName: 'Default',
        },
      }),
    ) as { auth: { identity: { application_credential: unknown }; scope?: unknown } };
    assert.deepEqual(body.auth.identity.application_credential, {
      name: 'ci',
      secret: 'sec',
      user: { name: 'bot', domain: { name: 'Default' } },
    });
    assert.equal(body.auth.scope, undefined);
  });

  test('token, rescoped to the project', () => {
    const body = buildAuthRequest(
      config({
        authType: 'token',
        auth: { authUrl: 'http://k:5000', token: 'tok-123', projectName: 'demo', projectDomainName: 'Default' },
      }),
    );
    assert.deepEqual(body, {
      auth: {
        identity: { methods: ['token'], token: { id: 'tok-123' } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
  });
});

describe('parseTokenResponse', () => {
  test('the token comes from the header; expiry, user, project, role names and catalog from the body', () => {
    const info = parseTokenResponse('gAAAAB-subject', {
      token: {
        expires_at: '2030-01-01T00:00:00.000000Z',
        issued_at: '2029-12-31T23:00:00.000000Z',
        user: { id: 'u-1', name: 'alice', domain: { id: 'default', name: 'Default' } },
        project: { id: 'p-1', name: 'demo', domain: { id: 'default', name: 'Default' } },
        roles: [
          { id: 'r1', name: 'member' },
          { id: 'r2', name: 'reader' },
        ],
        catalog: [
          {
            type: 'compute',
            name: 'nova',
            endpoints: [{ interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://nova:8774/v2.1' }],
          },
        ],
      },
    });
    assert.equal(info.token, 'gAAAAB-subject');
    assert.equal(info.expiresAt, '2030-01-01T00:00:00.000000Z');
    assert.equal(info.issuedAt, '2029-12-31T23:00:00.000000Z');
    assert.equal(info.user.name, 'alice');
    assert.equal(info.project?.id, 'p-1');
    assert.deepEqual(info.roles, ['member', 'reader']);
    assert.deepEqual(info.catalog, [
      {
        type: 'compute',
        name: 'nova',
        endpoints: [{ interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://nova:8774/v2.1' }],
      },
    ]);
  });

  test('a token without roles or catalog (unscoped) gives empty lists and no project', () => {
    const info = parseTokenResponse('t', { token: { expires_at: '2030-01-01T00:00:00Z', user: { id: 'u' } } });
    assert.deepEqual(info.roles, []);
    assert.deepEqual(info.catalog, []);
    assert.equal(info.project, undefined);
  });
});

describe('identityV3Url', () => {
  test('adds /v3 to a bare auth URL, keeps an existing /v3, replaces /v2.0, drops trailing slashes', () => {
    assert.equal(identityV3Url('http://k:5000'), 'http://k:5000/v3');
    assert.equal(identityV3Url('http://k:5000/'), 'http://k:5000/v3');
    assert.equal(identityV3Url('http://k:5000/v3'), 'http://k:5000/v3');
    assert.equal(identityV3Url('http://k:5000/v3/'), 'http://k:5000/v3');
    assert.equal(identityV3Url('http://k:5000/v2.0'), 'http://k:5000/v3');
    assert.equal(identityV3Url('https://cloud.example/identity'), 'https://cloud.example/identity/v3');
  });
});

describe('findEndpoint', () => {
  const catalog: CatalogService[] = [
    { type: 'identity', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: 'http://k:5000/v3' }] },
    {
      type: 'compute',
      name: 'nova',
      endpoints: [
        { interface: 'internal', region_id: 'RegionOne', url: 'http://nova-int:8774/v2.1' },
        { interface: 'public', region_id: 'RegionOne', url: 'http://nova-one:8774/v2.1/' },
        { interface: 'public', region_id: 'RegionTwo', url: 'http://nova-two:8774/v2.1' },
        { interface: 'admin', region: 'RegionOld', url: 'http://nova-old:8774/v2.1' },
      ],
    },
  ];

  test('by type and interface; trailing slash dropped', () => {
    assert.equal(findEndpoint(catalog, 'compute', 'public', 'RegionOne'), 'http://nova-one:8774/v2.1');
    assert.equal(findEndpoint(catalog, 'compute', 'internal'), 'http://nova-int:8774/v2.1');
  });

  test('by region, including the old "region" field', () => {
    assert.equal(findEndpoint(catalog, 'compute', 'public', 'RegionTwo'), 'http://nova-two:8774/v2.1');
    assert.equal(findEndpoint(catalog, 'compute', 'admin', 'RegionOld'), 'http://nova-old:8774/v2.1');
  });

  test('no match: the message lists what the catalog has and the options to check', () => {
    assert.throws(
      () => findEndpoint(catalog, 'compute', 'internal', 'RegionTwo'),
      (err: unknown) => {
        assert.ok(err instanceof EndpointNotFoundError);
        assert.equal(
          err.message,
          "No compute endpoint for interface 'internal' in region 'RegionTwo' in the service catalog " +
            '(it has: internal@RegionOne, public@RegionOne, public@RegionTwo, admin@RegionOld); check --os-interface / --os-region-name.',
        );
        return true;
      },
    );
  });

  test('a service missing from the catalog says the cloud does not offer it', () => {
    assert.throws(
      () => findEndpoint(catalog, 'image', 'public'),
      /No image endpoint for interface 'public' in the service catalog; the cloud does not offer this service to you\./,
    );
  });

  test('regionsOf lists each region once, sorted', () => {
    assert.deepEqual(regionsOf(catalog), ['RegionOld', 'RegionOne', 'RegionTwo']);
  });
});
