import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { redactBody, redactHeaders, scrubSecrets } from '../../src/session/redact.js';

const fp = (s: string) => `{SHA256}${createHash('sha256').update(s).digest('hex').slice(0, 16)}`;

describe('redactHeaders', () => {
  test('token headers become a SHA-256 fingerprint, whatever their case', () => {
    const out = redactHeaders({ 'X-Auth-Token': 'gAAAAB-secret', 'x-subject-token': 'gAAAAB-other', 'X-Service-Token': 'svc' });
    assert.equal(out['X-Auth-Token'], fp('gAAAAB-secret'));
    assert.equal(out['x-subject-token'], fp('gAAAAB-other'));
    assert.equal(out['X-Service-Token'], fp('svc'));
    assert.ok(!JSON.stringify(out).includes('gAAAAB'));
  });

  test('the same token gives the same fingerprint, different tokens differ', () => {
    assert.equal(redactHeaders({ 'X-Auth-Token': 'a' })['X-Auth-Token'], redactHeaders({ 'x-auth-token': 'a' })['x-auth-token']);
    assert.notEqual(redactHeaders({ 'X-Auth-Token': 'a' })['X-Auth-Token'], redactHeaders({ 'X-Auth-Token': 'b' })['X-Auth-Token']);
  });

  test('Authorization is masked; other headers kept; arrays joined; undefined dropped', () => {
    const out = redactHeaders({
      Authorization: 'Basic dXNlcjpwYXNz',
      'Content-Type': 'application/json',
      'OpenStack-API-Version': 'compute 2.93',
      'set-cookie': ['a=1', 'b=2'],
      'x-nothing': undefined,
    });
    assert.deepEqual(out, {
      Authorization: '***',
      'Content-Type': 'application/json',
      'OpenStack-API-Version': 'compute 2.93',
      'set-cookie': 'a=1, b=2',
    });
  });
});

describe('redactBody', () => {
  test('a Keystone password request: the password is masked, the rest is kept', () => {
    const body = {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'alice', domain: { id: 'default' }, password: 'hunter2' } } },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    };
    const out = JSON.parse(redactBody(body));
    assert.equal(out.auth.identity.password.user.password, '***');
    assert.equal(out.auth.identity.password.user.name, 'alice');
    assert.deepEqual(out.auth.scope, body.auth.scope);
    assert.ok(!redactBody(body).includes('hunter2'));
  });

  test('a token request: the token id is fingerprinted', () => {
    const out = JSON.parse(redactBody({ auth: { identity: { methods: ['token'], token: { id: 'gAAAAB-tok' } } } }));
    assert.deepEqual(out.auth.identity, { methods: ['token'], token: { id: fp('gAAAAB-tok') } });
  });

  test('application credential secret, adminPass, private_key; nested inside arrays', () => {
    const text = redactBody({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac-1', secret: 'ac-secret' } } },
      server: { id: 's1', adminPass: 'root-pw' },
      keypairs: [{ keypair: { name: 'k', private_key: '-----BEGIN RSA PRIVATE KEY-----abc' } }],
    });
    const out = JSON.parse(text);
    assert.equal(out.auth.identity.application_credential.secret, '***');
    assert.equal(out.auth.identity.application_credential.id, 'ac-1');
    assert.equal(out.server.adminPass, '***');
    assert.equal(out.server.id, 's1');
    assert.equal(out.keypairs[0].keypair.private_key, '***');
    assert.equal(out.keypairs[0].keypair.name, 'k');
    for (const secret of ['ac-secret', 'root-pw', 'BEGIN RSA']) assert.ok(!text.includes(secret), secret);
  });

  test('a Keystone token response (token object without id) keeps its fields', () => {
    const out = JSON.parse(redactBody({ token: { expires_at: '2030-01-01T00:00:00Z', methods: ['password'] } }));
    assert.deepEqual(out, { token: { expires_at: '2030-01-01T00:00:00Z', methods: ['password'] } });
  });

  test('a JSON string body is redacted too; other text passes through; binary is summarised', () => {
    assert.ok(!redactBody('{"user": {"password": "hunter2"}}').includes('hunter2'));
    assert.equal(redactBody('not json'), 'not json');
    assert.equal(redactBody(Buffer.from('abcdef')), '<6 bytes>');
    assert.equal(redactBody(undefined), '');
    assert.equal(redactBody(''), '');
  });
});

describe('scrubSecrets', () => {
  test('replaces every occurrence of each secret; ignores very short and missing ones', () => {
    assert.equal(scrubSecrets('pw=hunter2 again hunter2', ['hunter2', undefined, 'ab']), 'pw=*** again ***');
  });
});

describe('redactBody: user data', () => {
  test("user_data (request) and OS-EXT-SRV-ATTR:user_data (an admin's server view) are shown as their size only", () => {
    const script = Buffer.from('#!/bin/sh\necho root:hunter2 | chpasswd\n').toString('base64');
    const out = redactBody({ server: { name: 'vm', user_data: script }, other: { 'OS-EXT-SRV-ATTR:user_data': script } });
    assert.ok(!out.includes(script));
    assert.equal(
      out,
      '{"server":{"name":"vm","user_data":"<user data: 39 bytes>"},"other":{"OS-EXT-SRV-ATTR:user_data":"<user data: 39 bytes>"}}',
    );
  });
});
