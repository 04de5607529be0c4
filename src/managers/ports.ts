import type { Session } from '../session/session.js';
import { listWithNextPath } from './paginate.js';

/** A Neutron port. */
export interface Port {
  id: string;
  name: string;
  networkId: string;
  macAddress: string;
  fixedIps: Array<{ ipAddress: string; subnetId: string }>;
  deviceId: string;
  deviceOwner: string;
  status: string;
  projectId?: string;
  raw: Record<string, unknown>;
}

export function toPort(raw: Record<string, unknown>): Port {
  const ips = Array.isArray(raw.fixed_ips) ? (raw.fixed_ips as Array<Record<string, unknown>>) : [];
  return {
    id: String(raw.id),
    name: String(raw.name ?? ''),
    networkId: String(raw.network_id ?? ''),
    macAddress: String(raw.mac_address ?? ''),
    fixedIps: ips.map((f) => ({ ipAddress: String(f.ip_address ?? ''), subnetId: String(f.subnet_id ?? '') })),
    deviceId: String(raw.device_id ?? ''),
    deviceOwner: String(raw.device_owner ?? ''),
    status: String(raw.status ?? ''),
    projectId: (raw.project_id ?? raw.tenant_id) as string | undefined,
    raw,
  };
}

/** Neutron ports, GET /v2.0/ports. */
export class PortManager {
  constructor(private readonly session: Session) {}

  /** GET /v2.0/ports?device_id=...&network_id=... (every page). */
  async list(filters: { deviceId?: string; networkId?: string } = {}): Promise<Port[]> {
    const raws = await listWithNextPath<Record<string, unknown>>(this.session, 'network', '/v2.0/ports', 'ports', {
      device_id: filters.deviceId,
      network_id: filters.networkId,
    });
    return raws.map(toPort);
  }

  /** The ports of a server (GET /v2.0/ports?device_id=SERVER). */
  forServer(serverId: string): Promise<Port[]> {
    return this.list({ deviceId: serverId });
  }
}
