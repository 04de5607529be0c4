import { NotFoundError, ResolveError, UsageError } from '../session/errors.js';
import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { looksLikeUuid } from './find.js';
import { listWithNextPath } from './paginate.js';
import type { PortManager } from './ports.js';
import { seg } from './versionGate.js';

/** A Neutron floating IP. */
export interface FloatingIp {
  id: string;
  floatingIpAddress: string;
  floatingNetworkId: string;
  /** The port it is associated with, null when free. */
  portId: string | null;
  fixedIpAddress: string | null;
  routerId: string | null;
  status: string;
  description?: string;
  projectId?: string;
  raw: Record<string, unknown>;
}

export interface FloatingIpFilters {
  floatingIpAddress?: string;
  portId?: string;
  floatingNetworkId?: string;
  projectId?: string;
}

export function toFloatingIp(raw: Record<string, unknown>): FloatingIp {
  return {
    id: String(raw.id),
    floatingIpAddress: String(raw.floating_ip_address ?? ''),
    floatingNetworkId: String(raw.floating_network_id ?? ''),
    portId: (raw.port_id as string | null | undefined) ?? null,
    fixedIpAddress: (raw.fixed_ip_address as string | null | undefined) ?? null,
    routerId: (raw.router_id as string | null | undefined) ?? null,
    status: String(raw.status ?? ''),
    description: raw.description as string | undefined,
    projectId: (raw.project_id ?? raw.tenant_id) as string | undefined,
    raw,
  };
}

/**
 * Floating IPs through Neutron (`/v2.0/floatingips`); adding one to a server sets its `port_id`
 * to one of the server's ports, as the openstack CLI does (Nova's own floating IP API is gone).
 */
export class FloatingIpManager {
  constructor(
    private readonly session: Session,
    private readonly ports: PortManager,
  ) {}

  /** GET /v2.0/floatingips with Neutron's filters (every page). */
  async list(filters: FloatingIpFilters = {}): Promise<FloatingIp[]> {
    const raws = await listWithNextPath<Record<string, unknown>>(this.session, 'network', '/v2.0/floatingips', 'floatingips', {
      floating_ip_address: filters.floatingIpAddress,
      port_id: filters.portId,
      floating_network_id: filters.floatingNetworkId,
      project_id: filters.projectId,
    });
    return raws.map(toFloatingIp);
  }

  /** GET /v2.0/floatingips/{id}. */
  async get(id: string): Promise<FloatingIp> {
    const res = await this.session.request('network', 'GET', `/v2.0/floatingips/${seg(id)}`);
    return toFloatingIp((res.body as { floatingip: Record<string, unknown> }).floatingip);
  }

  /** By id or by address (GET /v2.0/floatingips?floating_ip_address=...). */
  async find(idOrAddress: string): Promise<FloatingIp> {
    const value = idOrAddress.trim();
    if (!value) throw new ResolveError('A floating IP address or ID is required.', 'none');
    if (looksLikeUuid(value)) {
      try {
        return await this.get(value);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
    const matches = await this.list({ floatingIpAddress: value });
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1)
      throw new ResolveError(`Multiple floating IP matches found for '${value}', use an ID to be more specific.`, 'multiple');
    throw new ResolveError(`No floating IP with an address or ID of '${value}' exists.`, 'none');
  }

  /** POST /v2.0/floatingips, exactly once: a new address on an external network (optionally a given address, a port). */
  async create(req: { networkId: string; floatingIpAddress?: string; portId?: string; description?: string }): Promise<FloatingIp> {
    if (!req.networkId?.trim())
      throw new FieldError('networkId', 'is required (the external network to take the address from).', 'A network');
    const floatingip: Record<string, unknown> = { floating_network_id: req.networkId };
    if (req.floatingIpAddress !== undefined) floatingip.floating_ip_address = req.floatingIpAddress;
    if (req.portId !== undefined) floatingip.port_id = req.portId;
    if (req.description !== undefined) floatingip.description = req.description;
    const res = await this.session.request('network', 'POST', '/v2.0/floatingips', { json: { floatingip } });
    return toFloatingIp((res.body as { floatingip: Record<string, unknown> }).floatingip);
  }

  /** DELETE /v2.0/floatingips/{id}. */
  async delete(id: string): Promise<void> {
    await this.session.request('network', 'DELETE', `/v2.0/floatingips/${seg(id)}`);
  }

  /** PUT /v2.0/floatingips/{id} `{"floatingip": {"port_id", "fixed_ip_address"}}`. */
  async associate(id: string, portId: string, fixedIpAddress?: string): Promise<FloatingIp> {
    const floatingip: Record<string, unknown> = { port_id: portId };
    if (fixedIpAddress !== undefined) floatingip.fixed_ip_address = fixedIpAddress;
    const res = await this.session.request('network', 'PUT', `/v2.0/floatingips/${seg(id)}`, { json: { floatingip } });
    return toFloatingIp((res.body as { floatingip: Record<string, unknown> }).floatingip);
  }

  /** PUT /v2.0/floatingips/{id} `{"floatingip": {"port_id": null}}`. */
  async disassociate(id: string): Promise<FloatingIp> {
    const res = await this.session.request('network', 'PUT', `/v2.0/floatingips/${seg(id)}`, { json: { floatingip: { port_id: null } } });
    return toFloatingIp((res.body as { floatingip: Record<string, unknown> }).floatingip);
  }

  /**
   * Adds a floating IP to a server (the openstack CLI's way): GET /v2.0/ports?device_id=SERVER,
   * then PUT the floating IP's port_id — the port holding `fixedIpAddress` when given, else each
   * port in turn until one has a route to the external network (Neutron answers 404
   * ExternalGatewayForFloatingIPNotFound for one without).
   */
  async addToServer(floatingIpId: string, serverId: string, opts: { fixedIpAddress?: string } = {}): Promise<FloatingIp> {
    const ports = await this.ports.forServer(serverId);
    if (!ports.length) throw new UsageError('The server has no ports to associate the floating IP with (attach an interface first).');
    if (opts.fixedIpAddress !== undefined) {
      const port = ports.find((p) => p.fixedIps.some((f) => f.ipAddress === opts.fixedIpAddress));
      if (!port)
        throw new FieldError(
          'fixedIpAddress',
          `${opts.fixedIpAddress} is not an address of the server's ports (${ports.flatMap((p) => p.fixedIps.map((f) => f.ipAddress)).join(', ') || 'none'}).`,
          'The fixed IP',
        );
      return this.associate(floatingIpId, port.id, opts.fixedIpAddress);
    }
    let last: unknown;
    for (const port of ports) {
      try {
        return await this.associate(floatingIpId, port.id);
      } catch (err) {
        // As the openstack CLI: a 404 (no router from this port's subnet) means try the next port.
        if (!(err instanceof NotFoundError)) throw err;
        last = err;
      }
    }
    throw last;
  }

  /** Removes a floating IP from whatever it is on (PUT port_id null); refuses one that is not on this server's ports. */
  async removeFromServer(floatingIpId: string, serverId: string): Promise<FloatingIp> {
    const fip = await this.get(floatingIpId);
    const ports = await this.ports.forServer(serverId);
    if (!fip.portId || !ports.some((p) => p.id === fip.portId)) {
      throw new FieldError('floatingIp', `${fip.floatingIpAddress} is not associated with this server.`, 'The floating IP');
    }
    return this.disassociate(floatingIpId);
  }
}
