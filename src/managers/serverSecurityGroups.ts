import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import type { SecurityGroup } from './types.js';
import { seg } from './versionGate.js';

/** The security groups of one server, through Nova (which applies them to all its ports in Neutron). */
export class ServerSecurityGroupManager {
  constructor(private readonly session: Session) {}

  /**
   * GET /servers/{id}/os-security-groups, each group once: Nova reads them from the server's
   * ports and lists a group once per port that has it.
   */
  async list(serverId: string): Promise<SecurityGroup[]> {
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/os-security-groups`);
    const raws = (res.body as { security_groups?: Array<Record<string, unknown>> }).security_groups ?? [];
    const byId = new Map<string, SecurityGroup>();
    for (const g of raws) {
      const id = String(g.id);
      if (!byId.has(id)) byId.set(id, { id, name: String(g.name ?? ''), description: g.description as string | undefined });
    }
    return [...byId.values()];
  }

  /** POST /servers/{id}/action `{"addSecurityGroup": {"name"}}` (a name or id). */
  async add(serverId: string, group: string): Promise<void> {
    if (!group.trim()) throw new FieldError('group', 'is required.', 'A security group');
    await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/action`, { json: { addSecurityGroup: { name: group } } });
  }

  /** POST /servers/{id}/action `{"removeSecurityGroup": {"name"}}`. */
  async remove(serverId: string, group: string): Promise<void> {
    if (!group.trim()) throw new FieldError('group', 'is required.', 'A security group');
    await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/action`, { json: { removeSecurityGroup: { name: group } } });
  }
}
