import type { Session } from '../session/session.js';
import { FieldError } from './fieldError.js';
import { requireFieldVersion, seg } from './versionGate.js';

/** A port attached to a server, as Nova's os-interface shows it. */
export interface ServerInterface {
  portId: string;
  networkId: string;
  macAddress: string;
  portState: string;
  fixedIps: Array<{ ipAddress: string; subnetId: string }>;
  /** The device tag (2.70). */
  tag?: string | null;
  raw: Record<string, unknown>;
}

export interface InterfaceAttachRequest {
  /** An existing, unbound port; or else: */
  portId?: string;
  /** A network Nova makes a new port on (optionally with a fixed IP). */
  networkId?: string;
  fixedIp?: string;
  /** A device tag (2.49). */
  tag?: string;
}

export function toServerInterface(raw: Record<string, unknown>): ServerInterface {
  const ips = Array.isArray(raw.fixed_ips) ? (raw.fixed_ips as Array<Record<string, unknown>>) : [];
  const out: ServerInterface = {
    portId: String(raw.port_id ?? ''),
    networkId: String(raw.net_id ?? ''),
    macAddress: String(raw.mac_addr ?? ''),
    portState: String(raw.port_state ?? ''),
    fixedIps: ips.map((f) => ({ ipAddress: String(f.ip_address ?? ''), subnetId: String(f.subnet_id ?? '') })),
    raw,
  };
  if ('tag' in raw) out.tag = raw.tag as string | null;
  return out;
}

/** `{"interfaceAttachment": ...}`: a port, or a network (with a fixed IP); tag from 2.49. */
export function buildInterfaceAttach(req: InterfaceAttachRequest, microversion: string): Record<string, unknown> {
  if (req.portId !== undefined && req.networkId !== undefined)
    throw new FieldError('portId', 'and a network cannot both be given: attach a port, or let Nova make one on a network.', 'A port');
  if (req.portId === undefined && req.networkId === undefined) throw new FieldError('networkId', 'or a port is required.', 'A network');
  if (req.fixedIp !== undefined && req.networkId === undefined)
    throw new FieldError('fixedIp', 'needs a network (the IP is taken on that network).', 'A fixed IP');
  for (const [field, label, v] of [
    ['portId', 'The port', req.portId],
    ['networkId', 'The network', req.networkId],
    ['fixedIp', 'The fixed IP', req.fixedIp],
  ] as const) {
    if (v !== undefined && !v.trim()) throw new FieldError(field, 'must not be empty.', label);
  }
  const att: Record<string, unknown> = {};
  if (req.portId !== undefined) att.port_id = req.portId;
  if (req.networkId !== undefined) att.net_id = req.networkId;
  if (req.fixedIp !== undefined) att.fixed_ips = [{ ip_address: req.fixedIp }];
  if (req.tag !== undefined) {
    requireFieldVersion(microversion, '2.49', 'tag', 'A device tag');
    if (!req.tag || [...req.tag].length > 60 || /[/,]/.test(req.tag))
      throw new FieldError('tag', "must be 1 to 60 characters without '/' or ','.", 'A device tag');
    att.tag = req.tag;
  }
  return { interfaceAttachment: att };
}

/** A server's interfaces, `/servers/{id}/os-interface` (ports in Neutron bound to the server). */
export class InterfaceManager {
  constructor(private readonly session: Session) {}

  /** GET /servers/{id}/os-interface. */
  async list(serverId: string): Promise<ServerInterface[]> {
    const res = await this.session.request('compute', 'GET', `/servers/${seg(serverId)}/os-interface`);
    return ((res.body as { interfaceAttachments?: Array<Record<string, unknown>> }).interfaceAttachments ?? []).map(toServerInterface);
  }

  /** POST /servers/{id}/os-interface, exactly once: a port made on a network is not made twice. */
  async attach(serverId: string, req: InterfaceAttachRequest): Promise<ServerInterface> {
    const body = buildInterfaceAttach(req, await this.session.computeMicroversion());
    const res = await this.session.request('compute', 'POST', `/servers/${seg(serverId)}/os-interface`, { json: body });
    return toServerInterface((res.body as { interfaceAttachment: Record<string, unknown> }).interfaceAttachment);
  }

  /** DELETE /servers/{id}/os-interface/{port_id}: Nova deletes a port it made, unbinds one it was given. */
  async detach(serverId: string, portId: string): Promise<void> {
    if (!portId.trim()) throw new FieldError('portId', 'is required.', 'The port');
    await this.session.request('compute', 'DELETE', `/servers/${seg(serverId)}/os-interface/${seg(portId)}`);
  }
}
