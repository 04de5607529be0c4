import { resourceIn } from '../session/answerShape.js';
import type { Session } from '../session/session.js';
import { findResource, type FindSource } from './find.js';
import { listNova } from './paginate.js';
import type { Keypair, ListOptions } from './types.js';

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
      this.session, '/os-keypairs', 'keypairs', {}, { ...options, identity: 'name', nested: 'keypair' },
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
