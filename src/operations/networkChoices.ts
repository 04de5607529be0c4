/**
 * What the action menu offers for the network operations of a server (interface-attach/detach,
 * add/remove-floating-ip, add/remove-secgroup): lists read from the cloud for that server, each
 * entry filling the command's arguments as a command line would. Reads only; nothing is sent here.
 */
import type { Managers } from '../managers/index.js';
import { usableForServers } from '../managers/networks.js';
import type { Server } from '../managers/types.js';
import { NotFoundError, pathOf } from '../session/errors.js';
import type { OperationChoice, OperationChoices } from './types.js';

/**
 * Where a server has ports that Neutron can change (floating IPs, security groups): not while it
 * is being built or deleted. Interface attach/detach has Nova's narrower rule (networkParts.ts).
 */
export const PORT_STATES = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'RESCUE', 'VERIFY_RESIZE', 'SHELVED', 'SHELVED_OFFLOADED', 'ERROR'];

/** A failed optional lookup (the network names beside the ports) costs only the names. */
async function orNone<T>(p: Promise<T>, none: T): Promise<T> {
  try {
    return await p;
  } catch {
    return none;
  }
}

/** A Neutron without its L3 extension has no /floatingips: said so, rather than a bare 404. */
async function floatingIps(m: Managers, filters: Parameters<Managers['floatingIps']['list']>[0] = {}) {
  try {
    return await m.floatingIps.list(filters);
  } catch (err) {
    if (err instanceof NotFoundError && /\/floatingips\/?$/.test(pathOf(err.url)))
      throw err.reworded(`This cloud's Neutron serves no floating IPs (its L3 router extension is not enabled): ${err.message}`);
    throw err;
  }
}

/** A name when it names one thing in the list (what a user would type), else the id. */
function refIn(list: ReadonlyArray<{ id: string; name: string }>, item: { id: string; name: string }): string {
  return item.name && list.filter((x) => x.name === item.name).length === 1 ? item.name : item.id;
}

export const interfaceAttachChoices: OperationChoices = {
  title: 'Attach an interface to {server}: a new port on a network, or a port you name',
  none: 'Nothing to attach.',
  async load(m: Managers): Promise<OperationChoice[]> {
    const networks = (await m.networks.available()) ? (await m.networks.list()).filter(usableForServers) : [];
    return [
      ...networks.map((n) => ({
        label: `${n.name || n.id}${n.shared ? ' (shared)' : ''}`,
        hint: n.id,
        says: `a new port on network ${n.name || n.id}`,
        input: { options: { 'net-id': n.id } },
      })),
      { label: 'A port, by its ID…', hint: 'type it at the prompt', input: {}, type: '--port-id ' },
    ];
  },
};

export const interfaceDetachChoices: OperationChoices = {
  title: 'Detach which interface from {server}?',
  none: 'The server has no interfaces to detach.',
  async load(m: Managers, s: Server): Promise<OperationChoice[]> {
    const [list, networks] = await Promise.all([
      m.interfaces.list(s.id),
      orNone((async () => ((await m.networks.available()) ? m.networks.list() : []))(), []),
    ]);
    return list.map((i) => {
      const net = networks.find((n) => n.id === i.networkId);
      const ips = i.fixedIps.map((f) => f.ipAddress).join(', ') || '(no address)';
      return {
        label: `${ips} on ${net?.name || i.networkId}`,
        hint: i.portId,
        says: `${i.portId} (${ips})`,
        input: { args: { 'port-id': i.portId } },
      };
    });
  },
};

export const floatingIpAddChoices: OperationChoices = {
  title: 'Add a floating IP to {server}: a free one, or a new one from an external network',
  none: 'No free floating IP, and no external network to take one from.',
  async load(m: Managers): Promise<OperationChoice[]> {
    const project = (await m.session.info()).projectId;
    const [all, external] = await Promise.all([floatingIps(m), m.networks.list({ 'router:external': 'true' })]);
    // An admin sees every project's: offer only this project's free ones.
    const free = all.filter((f) => f.portId === null && (!project || !f.projectId || f.projectId === project));
    const nets = external.filter((n) => n.external);
    return [
      ...free.map((f) => ({
        label: f.floatingIpAddress,
        hint: `free, on ${nets.find((n) => n.id === f.floatingNetworkId)?.name || f.floatingNetworkId}`,
        says: `floating IP ${f.floatingIpAddress}`,
        input: { args: { address: f.floatingIpAddress } },
      })),
      ...nets.map((n) => ({
        label: `A new one from ${n.name || n.id}`,
        hint: n.id,
        says: `a new floating IP from network ${n.name || n.id}`,
        input: {},
        first: {
          command: 'floating-ip-create',
          args: { network: n.id },
          field: 'floating_ip_address',
          into: 'address',
          left: 'new floating IP {value} stays allocated to the project; floating-ip-delete {value} releases it',
        },
      })),
    ];
  },
};

export const floatingIpRemoveChoices: OperationChoices = {
  title: 'Remove which floating IP from {server}?',
  none: 'The server has no floating IP.',
  async load(m: Managers, s: Server): Promise<OperationChoice[]> {
    const [ports, all] = await Promise.all([m.ports.forServer(s.id), floatingIps(m)]);
    const mine = all.filter((f) => f.portId !== null && ports.some((p) => p.id === f.portId));
    return mine.map((f) => ({
      label: f.floatingIpAddress,
      hint: `on ${f.fixedIpAddress ?? f.portId}`,
      says: f.floatingIpAddress,
      input: { args: { address: f.floatingIpAddress } },
    }));
  },
};

export const secgroupAddChoices: OperationChoices = {
  title: 'Add which security group to {server}?',
  none: "Every security group of the project is already the server's.",
  async load(m: Managers, s: Server): Promise<OperationChoice[]> {
    const project = (await m.session.info()).projectId;
    const [groups, has] = await Promise.all([m.networks.securityGroups(project), m.serverSecurityGroups.list(s.id)]);
    return groups
      .filter((g) => !has.some((h) => h.id === g.id || (!h.id && h.name === g.name)))
      .map((g) => ({ label: g.name || g.id, hint: g.description || g.id, input: { args: { secgroup: refIn(groups, g) } } }));
  },
};

export const secgroupRemoveChoices: OperationChoices = {
  title: 'Remove which security group from {server}?',
  none: 'The server has no security group (or no port to hold one).',
  async load(m: Managers, s: Server): Promise<OperationChoice[]> {
    const has = await m.serverSecurityGroups.list(s.id);
    // Nova lists a group once per port: each group once.
    const groups = has.filter((g, i) => has.findIndex((x) => (x.id || x.name) === (g.id || g.name)) === i);
    return groups.map((g) => ({ label: g.name || g.id, hint: g.description || g.id, input: { args: { secgroup: refIn(groups, g) } } }));
  },
};
