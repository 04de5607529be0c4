import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { seg } from './versionGate.js';

/** Nova's limits on a metadata item: keys 1..255 characters, values up to 255. */
export function checkMetadata(metadata: Record<string, string>): void {
  const entries = Object.entries(metadata);
  if (!entries.length) throw new FieldError('metadata', 'needs at least one key=value.', 'Server metadata');
  for (const [key, value] of entries) {
    if (!key.trim() || [...key].length > 255)
      throw new FieldError('metadata', `key '${key}' must be 1 to 255 characters.`, 'Server metadata');
    if (typeof value !== 'string' || [...value].length > 255)
      throw new FieldError('metadata', `value of '${key}' must be a string of at most 255 characters.`, 'Server metadata');
  }
}

/** A server's metadata: `/servers/{id}/metadata` (novaclient's set_meta / delete_meta). */
export class ServerMetadataManager {
  constructor(private readonly session: Session) {}

  /** GET /servers/{id}/metadata. */
  async list(serverId: string): Promise<Record<string, string>> {
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/metadata`);
    return { ...((res.body as { metadata?: Record<string, string> }).metadata ?? {}) };
  }

  /** POST /servers/{id}/metadata: adds or overwrites these keys, keeps the others; answers the whole metadata. */
  async set(serverId: string, metadata: Record<string, string>): Promise<Record<string, string>> {
    checkMetadata(metadata);
    const res = await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/metadata`, { json: { metadata } });
    return { ...((res.body as { metadata?: Record<string, string> }).metadata ?? {}) };
  }

  /** PUT /servers/{id}/metadata: replaces the whole metadata. */
  async replace(serverId: string, metadata: Record<string, string>): Promise<Record<string, string>> {
    if (Object.keys(metadata).length) checkMetadata(metadata);
    const res = await this.session.request('compute', 'PUT', `/servers/${seg(serverId)}/metadata`, { json: { metadata } });
    return { ...((res.body as { metadata?: Record<string, string> }).metadata ?? {}) };
  }

  /** DELETE /servers/{id}/metadata/{key}, one request per key (in order; the first failure stops, naming the keys already deleted). */
  async delete(serverId: string, keys: string[]): Promise<void> {
    if (!keys.length) throw new FieldError('keys', 'needs at least one key.', 'Metadata to delete');
    for (const key of keys) if (!key.trim()) throw new FieldError('keys', 'must not hold an empty key.', 'Metadata to delete');
    const done: string[] = [];
    for (const key of keys) {
      try {
        await this.session.request('compute', 'DELETE', `/servers/${seg(serverId)}/metadata/${seg(key)}`);
      } catch (err) {
        if (done.length && err instanceof Error) err.message = `${err.message} (already deleted: ${done.join(', ')})`;
        throw err;
      }
      done.push(key);
    }
  }
}
