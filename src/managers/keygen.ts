/**
 * SSH key pairs made here, for clouds that no longer make them (compute API 2.92 and later):
 * node:crypto generates the key, this file writes it in OpenSSH's own formats — the public key
 * line (`ssh-ed25519 AAAA... comment`) and the "openssh-key-v1" private key, unencrypted, as
 * `ssh-keygen -N ''` writes it.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs';
import { FieldError } from './fieldError.js';

export type KeyAlgorithm = 'ed25519' | 'rsa';

export interface SshKeyPair {
  algorithm: KeyAlgorithm;
  /** One line: `<type> <base64> <comment>`. */
  publicKey: string;
  /** PEM "OPENSSH PRIVATE KEY" (a secret: never log or print it unasked). */
  privateKey: string;
  /** `SHA256:...` as ssh-keygen -l shows it. */
  fingerprintSha256: string;
  /** Colon-separated MD5, as Nova shows key pair fingerprints. */
  fingerprintMd5: string;
}

/** SSH wire encoding: a uint32 length, then the bytes. */
function sshString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An unsigned big-endian integer as an SSH mpint (leading zeros stripped, a 0 byte when the top bit is set). */
function sshMpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  let b = unsigned.subarray(i);
  if (b.length && (b[0]! & 0x80) !== 0) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

const b64u = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}

/** The openssh-key-v1 container around one unencrypted private key. */
function opensshPrivateKey(publicBlob: Buffer, privateFields: Buffer, comment: string): string {
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, privateFields, sshString(comment)]);
  // Padding 1, 2, 3, ... up to the cipher block size (8 for "none").
  const pad: number[] = [];
  for (let i = 1; (section.length + pad.length) % 8 !== 0; i++) pad.push(i);
  section = Buffer.concat([section, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'binary'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(section),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function fingerprints(blob: Buffer): { sha256: string; md5: string } {
  const sha256 = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  const md5 = (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
  return { sha256, md5 };
}

/** A new key pair in OpenSSH formats; `comment` ends the public key line and is kept in the private key. */
export function generateSshKeyPair(algorithm: KeyAlgorithm = 'ed25519', comment = '', rsaBits = 3072): SshKeyPair {
  const cleanComment = comment.replace(/[\r\n]+/g, ' ').trim();
  let blob: Buffer;
  let privateFields: Buffer;
  let typeName: string;
  if (algorithm === 'ed25519') {
    typeName = 'ssh-ed25519';
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    const pub = b64u(jwk.x);
    const seed = b64u(jwk.d);
    blob = Buffer.concat([sshString(typeName), sshString(pub)]);
    privateFields = Buffer.concat([sshString(typeName), sshString(pub), sshString(Buffer.concat([seed, pub]))]);
  } else if (algorithm === 'rsa') {
    if (!Number.isSafeInteger(rsaBits) || rsaBits < 2048)
      throw new FieldError('bits', `must be at least 2048 (got ${rsaBits}).`, 'An RSA key size');
    typeName = 'ssh-rsa';
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: rsaBits, publicExponent: 0x10001 });
    const jwk = privateKey.export({ format: 'jwk' });
    const [n, e, d, p, q, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.qi].map(b64u) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    blob = Buffer.concat([sshString(typeName), sshMpint(e), sshMpint(n)]);
    privateFields = Buffer.concat([sshString(typeName), sshMpint(n), sshMpint(e), sshMpint(d), sshMpint(qi), sshMpint(p), sshMpint(q)]);
  } else {
    throw new FieldError('algorithm', `'${String(algorithm)}' is not one of ed25519, rsa.`, 'The key algorithm');
  }
  const fp = fingerprints(blob);
  return {
    algorithm,
    publicKey: `${typeName} ${blob.toString('base64')}${cleanComment ? ` ${cleanComment}` : ''}`,
    privateKey: opensshPrivateKey(blob, privateFields, cleanComment),
    fingerprintSha256: fp.sha256,
    fingerprintMd5: fp.md5,
  };
}

/**
 * A private key file, created before anything is sent so that a key is never made with nowhere
 * to keep it: exclusive (an existing file is never overwritten), mode 0600.
 */
export class PrivateKeyFile {
  private fd: number | undefined;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'EEXIST'
          ? 'exists already; it is never overwritten (choose another path or remove it).'
          : code === 'ENOENT'
            ? 'is in a directory that does not exist.'
            : `cannot be created (${code ?? (err as Error).message}).`;
      throw new FieldError('privateKeyFile', why, `The private key file ${path}`);
    }
  }

  write(pem: string): void {
    if (this.fd === undefined) throw new Error('private key file already closed');
    writeSync(this.fd, pem);
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Nothing was made: the (empty or written) file goes again. */
  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}
