import { resourceIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { listNova } from './paginate.js';
import type { Keypair, ListOptions } from './types.js';
import { ApiError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import { FieldError } from './fieldError.js';
import { type KeyAlgorithm, PrivateKeyFile, type SshKeyPair, generateSshKeyPair } from './keygen.js';

export interface GenerateKeypairOptions {
  /** Where to write the private key (created exclusively, mode 0600); without it the key is returned. */
  privateKeyFile?: string;
  /** ed25519 (made here) or rsa (made by Nova before 2.92, here from 2.92). */
  algorithm?: KeyAlgorithm;
  /** For an RSA key made here (default 3072). */
  rsaBits?: number;
  /** Nova's key pair type, ssh or x509 (2.2). */
  type?: string;
  /** The public key's comment (default: the key pair's name). */
  comment?: string;
}

export interface GeneratedKeypair {
  /** The key pair as Nova shows it (never with the private key). */
  keypair: Keypair;
  generatedBy: 'nova' | 'novash';
  privateKeyFile?: string;
  /** Only when no file was given: a secret, to be shown once when asked for and never logged. */
  privateKey?: string;
  /** ssh-keygen's SHA256 fingerprint (keys made here). */
  fingerprintSha256?: string;
}

function toKeypair(raw: Record<string, unknown>): Keypair {
  return {
    id: String(raw.name),
    name: String(raw.name),
    fingerprint: String(raw.fingerprint ?? ''),
    type: String(raw.type ?? 'ssh'),
    publicKey: raw.public_key as string | undefined,
    userId: raw.user_id as string | undefined,
    createdAt: raw.created_at as string | undefined,
    privateKey: raw.private_key as string | undefined,
  };
}

export class KeypairManager implements FindSource<Keypair> {
  readonly resourceName = 'keypair';
  readonly alphanumIds = true;
  constructor(private readonly session: Session) {}

  async list(options: ListOptions = {}): Promise<Keypair[]> {
    const raws = await listNova<{ keypair: Record<string, unknown> }>(
      this.session,
      '/os-keypairs',
      'keypairs',
      {},
      { ...options, identity: 'name', nested: 'keypair' },
    );
    return raws.map((r) => toKeypair(r.keypair));
  }

  async get(name: string): Promise<Keypair> {
    const res = await this.session.request('compute', 'GET', `/os-keypairs/${encodeURIComponent(name)}`);
    return toKeypair(resourceIn(res, 'keypair', false));
  }

  /** Imports a public key, or (before 2.92) lets Nova generate one and return the private key once. */
  async create(name: string, publicKey?: string, type?: string): Promise<Keypair> {
    const keypair: Record<string, unknown> = { name };
    if (publicKey) keypair.public_key = publicKey;
    if (type) keypair.type = type;
    const res = await this.session.request('compute', 'POST', '/os-keypairs', { json: { keypair } });
    return toKeypair(resourceIn(res, 'keypair', false));
  }

  /**
   * keypair-create NAME: a new key pair whose private key only the caller gets.
   * Before 2.92 Nova generates it (RSA) on POST /os-keypairs without a public key; from 2.92 Nova
   * no longer does, so the key is generated here (ed25519 unless `algorithm: 'rsa'`; also here
   * before 2.92 when ed25519 is asked for) and only its public half is uploaded.
   * With `privateKeyFile` the private key is written there (created exclusively, 0600, before
   * anything is sent) and not returned; without, it is returned once in `privateKey`.
   */
  async generate(name: string, opts: GenerateKeypairOptions = {}): Promise<GeneratedKeypair> {
    if (!name.trim()) throw new FieldError('name', 'is required.', 'A key pair name');
    if ([...name].length > 255)
      throw new FieldError('name', `is ${[...name].length} characters long; at most 255 are allowed.`, 'The key pair name');
    const mv = await this.session.computeMicroversion();
    const local = atLeast(mv, '2.92') || opts.algorithm === 'ed25519';
    if (!local && opts.rsaBits !== undefined)
      throw new FieldError(
        'rsaBits',
        `cannot be chosen when Nova generates the key (compute API before 2.92, in use: ${mv}).`,
        'The RSA key size',
      );
    const file = opts.privateKeyFile !== undefined ? new PrivateKeyFile(opts.privateKeyFile) : undefined;
    const keypair: Record<string, unknown> = { name };
    if (opts.type !== undefined) keypair.type = opts.type;
    let generated: SshKeyPair | undefined;
    try {
      if (local) {
        generated = generateSshKeyPair(opts.algorithm ?? 'ed25519', opts.comment ?? name, opts.rsaBits);
        keypair.public_key = generated.publicKey;
        // Kept before the upload: a key pair is never made whose private key is nowhere.
        file?.write(generated.privateKey);
      }
    } catch (err) {
      file?.discard();
      throw err;
    }
    let made: Keypair;
    try {
      const res = await this.session.request('compute', 'POST', '/os-keypairs', { json: { keypair } });
      made = toKeypair((res.body as { keypair: Record<string, unknown> }).keypair);
    } catch (err) {
      // A refusal (4xx) made nothing: the file goes. Any other failure may have made the key pair: keep it.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) file?.discard();
      else if (file && generated && err instanceof Error)
        err.message = `${err.message} (the private key was kept in ${file.path} in case the key pair was made)`;
      else file?.discard();
      throw err;
    }
    const privateKey = generated?.privateKey ?? made.privateKey;
    const { privateKey: _secret, ...shown } = made;
    if (!privateKey) {
      file?.discard();
      throw new ApiError('The cloud made the key pair but answered no private key.', 500, 'badAnswer', undefined, 'POST', '/os-keypairs');
    }
    if (file && !generated) {
      try {
        file.write(privateKey);
      } catch (err) {
        // Nova's private key could not be kept: the key pair is useless, remove it again.
        file.discard();
        await this.delete(name).catch(() => undefined);
        throw new FieldError(
          'privateKeyFile',
          `could not be written (${(err as Error).message}); the key pair '${name}' was deleted again.`,
          `The private key file ${file.path}`,
        );
      }
    }
    return {
      keypair: shown,
      generatedBy: generated ? 'novash' : 'nova',
      privateKeyFile: file?.path,
      privateKey: file ? undefined : privateKey,
      fingerprintSha256: generated?.fingerprintSha256,
    };
  }

  async delete(name: string): Promise<void> {
    await this.session.request('compute', 'DELETE', `/os-keypairs/${encodeURIComponent(name)}`);
  }

  listByName(): Promise<Keypair[]> {
    return this.list();
  }

  listAll(): Promise<Keypair[]> {
    return this.list();
  }

  find(name: string): Promise<Keypair> {
    return findResource(this, name);
  }
}
