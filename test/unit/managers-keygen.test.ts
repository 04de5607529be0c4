/** Key pairs made here (compute API 2.92+): OpenSSH's formats, checked by ssh-keygen itself when it is installed. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FieldError } from '../../src/managers/fieldError.js';
import { PrivateKeyFile, generateSshKeyPair } from '../../src/managers/keygen.js';

const sshKeygen = spawnSync('ssh-keygen', ['-?'], { encoding: 'utf8' }).error ? undefined : 'ssh-keygen';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'novash-keygen-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

for (const algorithm of ['ed25519', 'rsa'] as const) {
  test(
    `${algorithm}: the public key line and the private key are OpenSSH's; fingerprints match ssh-keygen's`,
    { skip: !sshKeygen && 'ssh-keygen is not installed' },
    (t) => {
      const dir = tempDir(t);
      const kp = generateSshKeyPair(algorithm, 'ops@novash', algorithm === 'rsa' ? 2048 : undefined);
      const type = algorithm === 'ed25519' ? 'ssh-ed25519' : 'ssh-rsa';
      assert.match(kp.publicKey, new RegExp(`^${type} [A-Za-z0-9+/]+={0,2} ops@novash$`));
      assert.match(kp.privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,70}\n)+-----END OPENSSH PRIVATE KEY-----\n$/);
      const pub = join(dir, 'id.pub');
      const priv = join(dir, 'id');
      writeFileSync(pub, `${kp.publicKey}\n`);
      writeFileSync(priv, kp.privateKey, { mode: 0o600 });

      // The public key parses, with the fingerprint computed here (SHA256 and Nova's MD5).
      const sha = spawnSync('ssh-keygen', ['-l', '-f', pub], { encoding: 'utf8' });
      assert.equal(sha.status, 0, sha.stderr);
      assert.match(
        sha.stdout,
        new RegExp(
          `^${algorithm === 'rsa' ? 2048 : 256} ${kp.fingerprintSha256.replace(/[+/]/g, '\\$&')} ops@novash \\(${algorithm === 'rsa' ? 'RSA' : 'ED25519'}\\)\\n$`,
        ),
      );
      const md5 = spawnSync('ssh-keygen', ['-l', '-E', 'md5', '-f', pub], { encoding: 'utf8' });
      assert.ok(md5.stdout.includes(`MD5:${kp.fingerprintMd5} `), md5.stdout);

      // The private key loads (no passphrase) and gives back the same public key.
      const derived = spawnSync('ssh-keygen', ['-y', '-P', '', '-f', priv], { encoding: 'utf8' });
      assert.equal(derived.status, 0, derived.stderr);
      assert.equal(derived.stdout.trim().split(' ').slice(0, 2).join(' '), kp.publicKey.split(' ').slice(0, 2).join(' '));

      // And it signs: ssh-keygen -Y sign / verify with the pair.
      const data = join(dir, 'data');
      writeFileSync(data, 'hello');
      const sign = spawnSync('ssh-keygen', ['-Y', 'sign', '-f', priv, '-n', 'file', data], { encoding: 'utf8' });
      assert.equal(sign.status, 0, sign.stderr);
      const allowed = join(dir, 'allowed');
      writeFileSync(allowed, `ops@novash ${kp.publicKey}\n`);
      const verify = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', 'ops@novash', '-n', 'file', '-s', `${data}.sig`], {
        input: 'hello',
        encoding: 'utf8',
      });
      assert.equal(verify.status, 0, verify.stderr + verify.stdout);
    },
  );
}

test('each key is new; a comment cannot break the public key line', () => {
  const a = generateSshKeyPair('ed25519', 'x');
  const b = generateSshKeyPair('ed25519', 'x');
  assert.notEqual(a.publicKey, b.publicKey);
  assert.notEqual(a.privateKey, b.privateKey);
  const c = generateSshKeyPair('ed25519', 'line1\nline2\r\n');
  assert.equal(c.publicKey.split('\n').length, 1);
  assert.match(c.publicKey, / line1 line2$/);
  assert.throws(
    () => generateSshKeyPair('rsa', '', 1024),
    (e: unknown) => e instanceof FieldError && e.field === 'bits',
  );
});

test('the private key file: created 0600, exclusively; an existing file is never overwritten; discard removes it', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'key');
  const f = new PrivateKeyFile(path);
  f.write('secret\n');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(readFileSync(path, 'utf8'), 'secret\n');
  assert.throws(
    () => new PrivateKeyFile(path),
    (e: unknown) => e instanceof FieldError && e.field === 'privateKeyFile' && /exists already; it is never overwritten/.test(e.message),
  );
  assert.equal(readFileSync(path, 'utf8'), 'secret\n', 'untouched');
  assert.throws(() => new PrivateKeyFile(join(dir, 'no', 'such', 'dir', 'key')), /is in a directory that does not exist/);
  const g = new PrivateKeyFile(join(dir, 'other'));
  g.discard();
  assert.throws(() => statSync(join(dir, 'other')));
});
