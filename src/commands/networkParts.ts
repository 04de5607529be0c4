/**
 * A server's place on the network: its security groups (through Nova, which applies them to its
 * ports) and its interfaces (Nova's os-interface: ports in Neutron). novaclient's command names;
 * port IDs and addresses are checked before anything is sent. Floating IPs: floatingIpCommands.ts.
 */
import type { ServerInterface } from '../managers/index.js';
import {
  interfaceAttachChoices,
  interfaceDetachChoices,
  PORT_STATES,
  secgroupAddChoices,
  secgroupRemoveChoices,
} from '../operations/networkChoices.js';
import type { ServerOperation } from '../operations/types.js';
import { looksLikeUuid } from '../managers/find.js';
import { FieldError } from '../managers/fieldError.js';
import { UsageError, describeError } from '../session/errors.js';
import { LostAnswerError, answerLost } from './lostAnswer.js';
import { checkAddress, checkPortId, needNeutron, SERVER_ARG as SERVER, str } from './networkChecks.js';
import { serverOperationCommand } from './serverOperationCommands.js';
import type { Cell, CommandResult, CommandSpec } from './types.js';
// ---- security groups of a server ---------------------------------------------------------

const listSecgroupCommand: CommandSpec = {
  name: 'list-secgroup',
  group: 'servers',
  summary: 'List the security groups of a server',
  positionals: [SERVER],
  options: {},
  mutating: false,
  examples: ['novash list-secgroup vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const groups = await m.serverSecurityGroups.list(s.id);
    return {
      kind: 'table',
      columns: ['ID', 'Name', 'Description'],
      rows: groups.map((g) => [g.id, g.name, g.description ?? null]),
      data: groups,
    };
  },
};

/** Server operations (rows of the one table): the CLI, the prompt and the action menu share them. */
function secgroupOperation(add: boolean): ServerOperation {
  const name = add ? 'add-secgroup' : 'remove-secgroup';
  return {
    name,
    label: add ? 'Add security group…' : 'Remove security group…',
    // Not g/G: those stay the menu's first / last.
    hotkey: add ? 'w' : 'W',
    summary: add ? 'Add a security group to a server' : 'Remove a security group from a server',
    verb: add ? 'add a security group to' : 'remove a security group from',
    appliesTo: { status: PORT_STATES },
    changesCloud: true,
    settle: { immediate: true },
    positionals: [{ name: 'secgroup', required: true, help: 'Security group name or ID' }],
    examples: [`novash ${name} vm1 web`],
    confirm: {
      question: add ? 'Add security group {choice} to server {server}?' : 'Remove security group {choice} from server {server}?',
      destructive: false,
    },
    choices: add ? secgroupAddChoices : secgroupRemoveChoices,
    check(input) {
      if (!String(input.args.secgroup).trim()) throw new UsageError(`novash ${name}: the security group name or ID must not be empty.`);
    },
    async send({ managers: m, input }, s) {
      const group = String(input.args.secgroup);
      if (add) await m.serverSecurityGroups.add(s.id, group);
      else await m.serverSecurityGroups.remove(s.id, group);
      return {
        message: add ? `Security group ${group} added to server ${s.name}.` : `Security group ${group} removed from server ${s.name}.`,
        data: { id: s.id, security_groups: await m.serverSecurityGroups.list(s.id) },
      };
    },
  };
}

// ---- interfaces --------------------------------------------------------------------------

function interfaceRow(i: ServerInterface, withTag: boolean): Cell[] {
  const row: Cell[] = [i.portState, i.portId, i.networkId, i.fixedIps.map((f) => f.ipAddress), i.macAddress];
  if (withTag) row.push(i.tag ?? null);
  return row;
}

function interfaceRecord(i: ServerInterface): CommandResult {
  const fields: Array<[string, Cell]> = [
    ['port_id', i.portId],
    ['net_id', i.networkId],
    ['port_state', i.portState],
    ['mac_addr', i.macAddress],
    ['fixed_ips', i.fixedIps.map((f) => ({ ip_address: f.ipAddress, subnet_id: f.subnetId }))],
  ];
  if (i.tag !== undefined) fields.push(['tag', i.tag]);
  return { kind: 'record', fields, data: i.raw };
}

const interfaceListCommand: CommandSpec = {
  name: 'interface-list',
  group: 'servers',
  summary: 'List the interfaces (ports) of a server',
  positionals: [SERVER],
  options: {},
  mutating: false,
  examples: ['novash interface-list vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const list = await m.interfaces.list(s.id);
    // The device tag is in Nova's answer from 2.70.
    const withTag = list.some((i) => i.tag !== undefined);
    return {
      kind: 'table',
      columns: ['Port State', 'Port ID', 'Net ID', 'IP addresses', 'MAC Addr', ...(withTag ? ['Tag'] : [])],
      rows: list.map((i) => interfaceRow(i, withTag)),
      data: list.map((i) => i.raw),
    };
  },
};

const INTERFACE_FLAGS: Record<string, string> = { portId: '--port-id', networkId: '--net-id', fixedIp: '--fixed-ip', tag: '--tag' };

/** Nova's os-interface: vm_state active, paused or stopped, no task (nova/compute/api.py attach_interface). */
const INTERFACE_STATES = { status: ['ACTIVE', 'PAUSED', 'SHUTOFF'], idle: true };

const interfaceAttachOperation: ServerOperation = {
  name: 'interface-attach',
  label: 'Attach interface…',
  hotkey: 'i',
  summary: 'Attach a port, or a new port on a network, to a server',
  verb: 'attach an interface to',
  appliesTo: INTERFACE_STATES,
  changesCloud: true,
  settle: { immediate: true },
  confirm: { question: 'Attach {choice} to server {server}?', destructive: false },
  choices: interfaceAttachChoices,
  options: {
    'port-id': { type: 'string', help: 'An existing port to attach', valueName: 'PORT_ID' },
    'net-id': { type: 'string', help: 'A network to make a new port on (name or ID)', valueName: 'NETWORK', completer: 'network' },
    'fixed-ip': { type: 'string', help: 'The IP address of the new port (with --net-id)', valueName: 'IP' },
    tag: { type: 'string', help: 'A device tag (compute API 2.49 or later)', valueName: 'TAG' },
  },
  examples: ['novash interface-attach vm1 --net-id private', 'novash interface-attach vm1 --port-id 0d2e4f6a-...'],
  check(input) {
    const o = input.options;
    const portId = str(o['port-id']);
    const net = str(o['net-id']);
    const fixedIp = str(o['fixed-ip']);
    if (portId !== undefined && net !== undefined)
      throw new UsageError(
        'novash interface-attach: give --port-id or --net-id, not both (a port is attached as it is; a network gets a new port).',
      );
    if (portId === undefined && net === undefined)
      throw new UsageError('novash interface-attach: --port-id PORT_ID or --net-id NETWORK is required.');
    if (fixedIp !== undefined && net === undefined)
      throw new UsageError('novash interface-attach: --fixed-ip needs --net-id (the address is taken on that network).');
    checkPortId(portId, '--port-id');
    checkAddress(fixedIp, '--fixed-ip');
  },
  async send({ managers: m, input }, s) {
    const o = input.options;
    const portId = str(o['port-id']);
    const net = str(o['net-id']);
    const fixedIp = str(o['fixed-ip']);
    let networkId = net;
    if (net !== undefined && !looksLikeUuid(net)) {
      await needNeutron(m, '--net-id by name');
      networkId = (await m.networks.find(net)).id;
    }
    try {
      const attached = await m.interfaces.attach(s.id, { portId, networkId, fixedIp, tag: str(o.tag) });
      return { result: interfaceRecord(attached), data: attached.raw };
    } catch (err) {
      if (err instanceof FieldError) throw err.as(INTERFACE_FLAGS[err.field] ?? err.field);
      // Never sent twice: a lost answer may still have attached (and, on a network, made) a port.
      if (answerLost(err))
        throw new LostAnswerError(
          `${describeError(err)}. The request was sent and may have attached an interface; nothing was sent again: check with 'novash interface-list ${s.id}' before trying again.`,
          err as Error,
        );
      throw err;
    }
  },
};

const interfaceDetachOperation: ServerOperation = {
  name: 'interface-detach',
  label: 'Detach interface…',
  hotkey: 'I',
  summary: 'Detach an interface (port) from a server',
  verb: 'detach an interface from',
  appliesTo: INTERFACE_STATES,
  changesCloud: true,
  settle: { immediate: true },
  // A port Nova made for the server is deleted with the detach.
  confirm: { question: 'Detach port {choice} from server {server}? Its address goes with it.', destructive: true },
  choices: interfaceDetachChoices,
  positionals: [{ name: 'port-id', required: true, help: 'The port ID (see interface-list)' }],
  examples: ['novash interface-detach vm1 ce531f90-199f-48c0-816c-13e38010b442'],
  check: (input) => checkPortId(String(input.args['port-id']), '<port-id>'),
  async send({ managers: m, input }, s) {
    const portId = String(input.args['port-id']);
    // Nova accepts a detach of any port (202) and only its compute host finds out, later, that
    // the port was not there: look first, so a wrong port is named here and nothing is sent.
    const attached = (await m.interfaces.list(s.id)).map((i) => i.portId);
    if (!attached.includes(portId))
      throw new UsageError(
        `novash interface-detach: port ${portId} is not attached to server ${s.name} (${attached.length ? `its ports: ${attached.join(', ')}` : 'it has no ports'}).`,
      );
    await m.interfaces.detach(s.id, portId);
    return { message: `Port ${portId} detached from server ${s.name}.`, data: { id: s.id, port_id: portId } };
  },
};

export const networkPartOperations: ServerOperation[] = [
  secgroupOperation(true),
  secgroupOperation(false),
  interfaceAttachOperation,
  interfaceDetachOperation,
];

export const networkPartCommands: CommandSpec[] = [
  listSecgroupCommand,
  interfaceListCommand,
  ...networkPartOperations.map(serverOperationCommand),
];
