import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { requireFieldVersion, seg } from './versionGate.js';

/** Nova's rule for a tag: 1 to 60 characters, neither '/' nor ','. At most 50 per server. */
export function checkTag(tag: string): void {
  if (!tag || [...tag].length > 60) throw new FieldError('tag', `'${tag}' must be 1 to 60 characters long.`, 'A server tag');
  if (/[/,]/.test(tag)) throw new FieldError('tag', `'${tag}' must not contain '/' or ','.`, 'A server tag');
}

export const MAX_SERVER_TAGS = 50;

/** Server tags, `/servers/{id}/tags` (compute API 2.26 or later). */
export class ServerTagManager {
  constructor(private readonly session: Session) {}

  private async gate(): Promise<void> {
    requireFieldVersion(await this.session.computeMicroversion(), '2.26', 'tags', 'The server tags API');
  }

  /** GET /servers/{id}/tags. */
  async list(serverId: string): Promise<string[]> {
    await this.gate();
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/tags`);
    return [...((res.body as { tags?: string[] }).tags ?? [])];
  }

  /** PUT /servers/{id}/tags/{tag}: true when it was added, false when the server had it already. */
  async add(serverId: string, tag: string): Promise<boolean> {
    checkTag(tag);
    await this.gate();
    const res = await this.session.request('compute', 'PUT', `/servers/${seg(serverId)}/tags/${seg(tag)}`);
    return res.status === 201;
  }

  /** DELETE /servers/{id}/tags/{tag} (Nova answers 404 when the server has no such tag). */
  async delete(serverId: string, tag: string): Promise<void> {
    checkTag(tag);
    await this.gate();
    await this.session.request('compute', 'DELETE', `/servers/${seg(serverId)}/tags/${seg(tag)}`);
  }

  /** PUT /servers/{id}/tags: replaces all tags. */
  async set(serverId: string, tags: string[]): Promise<string[]> {
    for (const t of tags) checkTag(t);
    if (tags.length > MAX_SERVER_TAGS)
      throw new FieldError('tags', `are ${tags.length}; at most ${MAX_SERVER_TAGS} are allowed.`, 'Server tags');
    await this.gate();
    const res = await this.session.request('compute', 'PUT', `/servers/${seg(serverId)}/tags`, { json: { tags } });
    return [...((res.body as { tags?: string[] }).tags ?? [])];
  }

  /** DELETE /servers/{id}/tags: removes every tag. */
  async clear(serverId: string): Promise<void> {
    await this.gate();
    await this.session.request('compute', 'DELETE', `/servers/${seg(serverId)}/tags`);
  }
}
