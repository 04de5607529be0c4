/**
 * keypair-create through the manager: Nova generates the key before 2.92, novash from 2.92 (only
 * the public key is uploaded); the private key goes to a 0600 file made before anything is sent,
 * and is never returned when a file is given.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { ApiError } from '../../src/session/errors.js';
import { managedCloud, only } from '../support/managers.js';

const sshKeygen = !spawnSync('ssh-keygen', ['-?']).error;

test('before 2.92 Nova generates the key: POST without public_key, its private key written 0600', async (t) => {
  const { fx, m, dir } = await managedCloud(t, '2.91');
  const file = join(dir, 'nova-made');
  const out = await m.keypairs.generate('nova-made', { privateKeyFile: file });
  assert.deepEqual(only(fx, 'POST', '/v2.1/os-keypairs').json, { keypair: { name: 'nova-made' } });
  assert.equal(out.generatedBy, 'nova');
  assert.equal(out.privateKey, undefined, 'never returned when written to a file');
  assert.equal((out.keypair as { privateKey?: string }).privateKey, undefined);
  assert.equal(out.privateKeyFile, file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.match(readFileSync(file, 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.ok(fx.keypairs.some((k) => k.name === 'nova-made'));
});

test('from 2.92 novash generates an ed25519 key and uploads only its public half', async (t) => {
  const { fx, m, dir } = await managedCloud(t, '2.93');
  const file = join(dir, 'id_ed25519');
  const out = await m.keypairs.generate('laptop', { privateKeyFile: file });
  const sent = only(fx, 'POST', '/v2.1/os-keypairs').json as { keypair: Record<string, string> };
  assert.deepEqual(Object.keys(sent.keypair).sort(), ['name', 'public_key']);
  assert.match(sent.keypair.public_key!, /^ssh-ed25519 [A-Za-z0-9+/]+={0,2} laptop$/);
  assert.ok(!sent.keypair.public_key!.includes('PRIVATE'), 'no private key on the wire');
  assert.ok(!fx.requests.some((r) => r.body.includes('OPENSSH PRIVATE KEY')), 'in no request at all');
  assert.equal(out.generatedBy, 'novash');
  assert.equal(out.keypair.publicKey, sent.keypair.public_key);
  assert.equal(out.privateKey, undefined);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.match(out.fingerprintSha256 ?? '', /^SHA256:[A-Za-z0-9+/]{43}$/);
  if (sshKeygen) {
    const derived = spawnSync('ssh-keygen', ['-y', '-P', '', '-f', file], { encoding: 'utf8' });
    assert.equal(derived.status, 0, derived.stderr);
    assert.equal(
      derived.stdout.trim().split(' ').slice(0, 2).join(' '),
      sent.keypair.public_key!.split(' ').slice(0, 2).join(' '),
      'the file holds the private half of what Nova got',
    );
  }
  // Without a file the private key is returned, once, for the caller to show when asked.
  const shown = await m.keypairs.generate('ephemeral', { algorithm: 'rsa', rsaBits: 2048 });
  assert.match(shown.privateKey ?? '', /^-----BEGIN OPENSSH PRIVATE KEY-----/);
  assert.match((fx.last('POST', '/v2.1/os-keypairs')!.json as { keypair: { public_key: string } }).keypair.public_key, /^ssh-rsa /);
});

test('an existing file is refused before anything is sent; a refused upload leaves no file behind', async (t) => {
  const { fx, m, dir } = await managedCloud(t, '2.93');
  const existing = join(dir, 'taken');
  writeFileSync(existing, 'keep me');
  await assert.rejects(
    m.keypairs.generate('k1', { privateKeyFile: existing }),
    (e: unknown) => e instanceof FieldError && e.field === 'privateKeyFile' && /exists already/.test(e.message),
  );
  assert.equal(readFileSync(existing, 'utf8'), 'keep me');
  assert.equal(fx.count('POST', '/v2.1/os-keypairs'), 0);
  // Nova refuses (a name in use): nothing was made, so the new file goes.
  const file = join(dir, 'dupe');
  await assert.rejects(m.keypairs.generate('mykey', { privateKeyFile: file }), (e: unknown) => e instanceof ApiError && e.status === 409);
  assert.equal(existsSync(file), false);
  await assert.rejects(m.keypairs.generate('', {}), (e: unknown) => e instanceof FieldError && e.field === 'name');
});

test('a lost answer to the upload keeps the private key (the key pair may have been made)', async (t) => {
  const { fx, m, dir } = await managedCloud(t, '2.93');
  const file = join(dir, 'maybe');
  fx.fail({ method: 'POST', path: '/v2.1/os-keypairs', reset: true, afterHandling: true });
  await assert.rejects(
    m.keypairs.generate('maybe', { privateKeyFile: file }),
    (e: unknown) => e instanceof Error && e.message.includes(`the private key was kept in ${file}`),
  );
  assert.equal(fx.count('POST', '/v2.1/os-keypairs'), 1, 'sent once, never again');
  assert.ok(
    fx.keypairs.some((k) => k.name === 'maybe'),
    'it was made',
  );
  assert.match(readFileSync(file, 'utf8'), /^-----BEGIN OPENSSH PRIVATE KEY-----/);
});
