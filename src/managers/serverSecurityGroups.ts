import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import type { SecurityGroup } from './types.js';
import { seg } from './versionGate.js';

/** The security groups of one server, through Nova (which applies them to all its ports in Neutron). */
export class ServerSecurityGroupManager {
  constructor(private readonly session: Session) {}

  /** GET /servers/{id}/os-security-groups. */
  async list(serverId: string): Promise<SecurityGroup[]> {
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/os-security-groups`);
    const raws = (res.body as { security_groups?: Array<Record<string, unknown>> }).security_groups ?? [];
    return raws.map((g) => ({ id: String(g.id), name: String(g.name ?? ''), description: g.description as string | undefined }));
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
