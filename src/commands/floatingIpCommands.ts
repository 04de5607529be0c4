/**
 * Floating IPs through Neutron, as the openstack CLI handles them (Nova's own floating IP API is
 * gone): list, create on an external network, delete, and add to / remove from a server through
 * its port. A create is one POST, never repeated.
 */
import type { FloatingIp } from '../managers/index.js';
import { looksLikeUuid } from '../managers/find.js';
import { floatingIpAddChoices, floatingIpRemoveChoices, PORT_STATES } from '../operations/networkChoices.js';
import type { ServerOperation } from '../operations/types.js';
import { FieldError } from '../managers/fieldError.js';
import { NotFoundError, UsageError, describeError, pathOf } from '../session/errors.js';
import { LostAnswerError, answerLost } from './lostAnswer.js';
import { checkAddress, checkPortId, needNeutron, str } from './networkChecks.js';
import { serverOperationCommand } from './serverOperationCommands.js';
import type { Cell, CommandResult, CommandSpec } from './types.js';

/**
 * A Neutron without its L3 extension (like the local cloud) has no /floatingips at all: say so,
 * rather than a bare "resource could not be found".
 */
async function withL3<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof NotFoundError && /\/floatingips\/?$/.test(pathOf(err.url)))
      throw err.reworded(`This cloud's Neutron serves no floating IPs (its L3 router extension is not enabled): ${err.message}`);
    throw err;
  }
}

const FIP_COLUMNS = ['ID', 'Floating IP Address', 'Fixed IP Address', 'Port', 'Floating Network', 'Project'];

function fipRow(f: FloatingIp): Cell[] {
  return [f.id, f.floatingIpAddress, f.fixedIpAddress, f.portId, f.floatingNetworkId, f.projectId ?? null];
}

function fipRecord(f: FloatingIp): CommandResult {
  return {
    kind: 'record',
    fields: [
      ['id', f.id],
      ['floating_ip_address', f.floatingIpAddress],
      ['fixed_ip_address', f.fixedIpAddress],
      ['port_id', f.portId],
      ['floating_network_id', f.floatingNetworkId],
      ['router_id', f.routerId],
      ['status', f.status],
      ['description', f.description ?? null],
      ['project_id', f.projectId ?? null],
    ],
    data: f.raw,
  };
}

const floatingIpListCommand: CommandSpec = {
  name: 'floating-ip-list',
  group: 'cloud',
  summary: 'List floating IPs (Neutron)',
  positionals: [],
  options: {
    network: { type: 'string', help: 'Only those of this external network (name or ID)', valueName: 'NETWORK', completer: 'network' },
    port: { type: 'string', help: 'Only the one on this port', valueName: 'PORT_ID' },
  },
  mutating: false,
  examples: ['novash floating-ip-list', 'novash floating-ip-list --network public -f json'],
  async run(ctx, input) {
    const port = str(input.options.port);
    checkPortId(port, '--port');
    const m = await ctx.managers();
    await needNeutron(m, 'floating-ip-list');
    const network = str(input.options.network);
    const floatingNetworkId = network === undefined ? undefined : looksLikeUuid(network) ? network : (await m.networks.find(network)).id;
    const list = await withL3(() => m.floatingIps.list({ floatingNetworkId, portId: port }));
    return { kind: 'table', columns: FIP_COLUMNS, rows: list.map(fipRow), data: list.map((f) => f.raw) };
  },
};

const floatingIpCreateCommand: CommandSpec = {
  name: 'floating-ip-create',
  group: 'cloud',
  summary: 'Allocate a floating IP on an external network (the only one when not named)',
  positionals: [{ name: 'network', completer: 'network', help: 'External network name or ID' }],
  options: {
    'floating-ip-address': { type: 'string', help: 'Ask for this address', valueName: 'IP' },
    description: { type: 'string', help: 'A description', valueName: 'TEXT' },
  },
  mutating: true,
  examples: ['novash floating-ip-create public', 'novash floating-ip-create'],
  async run(ctx, input) {
    const address = str(input.options['floating-ip-address']);
    checkAddress(address, '--floating-ip-address');
    const m = await ctx.managers();
    await needNeutron(m, 'floating-ip-create');
    const named = str(input.args.network);
    let networkId: string;
    if (named !== undefined) networkId = (await m.networks.find(named)).id;
    else {
      const external = (await m.networks.list({ 'router:external': 'true' })).filter((n) => n.external);
      if (external.length !== 1)
        throw new UsageError(
          external.length
            ? `novash floating-ip-create: this cloud has ${external.length} external networks (${external.map((n) => n.name || n.id).join(', ')}): name one.`
            : 'novash floating-ip-create: this cloud has no external network to take a floating IP from (see novash network-list).',
        );
      networkId = external[0]!.id;
    }
    // One POST, never repeated: a lost answer may still have allocated an address.
    try {
      return fipRecord(
        await withL3(() => m.floatingIps.create({ networkId, floatingIpAddress: address, description: str(input.options.description) })),
      );
    } catch (err) {
      if (!answerLost(err)) throw err;
      throw new LostAnswerError(
        `${describeError(err)}. The request was sent and may have allocated a floating IP; nothing was sent again: check with 'novash floating-ip-list' before trying again.`,
        err as Error,
      );
    }
  },
};

const floatingIpDeleteCommand: CommandSpec = {
  name: 'floating-ip-delete',
  group: 'cloud',
  summary: 'Release floating IPs (by address or ID)',
  positionals: [{ name: 'floating-ip', required: true, variadic: true, help: 'Address or ID' }],
  options: {},
  mutating: true,
  examples: ['novash floating-ip-delete 172.24.4.228'],
  async run(ctx, input) {
    const m = await ctx.managers();
    await needNeutron(m, 'floating-ip-delete');
    const lines: string[] = [];
    const errors: string[] = [];
    for (const value of input.args['floating-ip'] as string[]) {
      try {
        const f = await withL3(() => m.floatingIps.find(value));
        await m.floatingIps.delete(f.id);
        lines.push(`Floating IP ${f.floatingIpAddress} deleted.`);
      } catch (err) {
        errors.push(`Cannot delete floating IP '${value}': ${describeError(err)}`);
      }
    }
    return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
  },
};

/** Server operations (rows of the one table): the CLI, the prompt and the action menu share them. */
const addFloatingIpOperation: ServerOperation = {
  name: 'add-floating-ip',
  label: 'Add floating IP…',
  hotkey: 'f',
  summary: 'Put a floating IP on a server (on the port holding --fixed-address, or the first port that reaches it)',
  verb: 'add a floating IP to',
  appliesTo: { status: PORT_STATES },
  changesCloud: true,
  settle: { immediate: true },
  confirm: { question: 'Add {choice} to server {server}?', destructive: false },
  choices: floatingIpAddChoices,
  positionals: [{ name: 'address', required: true, help: 'Floating IP address or ID' }],
  options: { 'fixed-address': { type: 'string', help: "Which of the server's addresses it maps to", valueName: 'IP' } },
  examples: ['novash add-floating-ip vm1 172.24.4.228', 'novash add-floating-ip vm1 172.24.4.228 --fixed-address 10.0.0.5'],
  check: (input) => checkAddress(str(input.options['fixed-address']), '--fixed-address'),
  async send({ managers: m, input }, s) {
    const fixed = str(input.options['fixed-address']);
    await needNeutron(m, 'add-floating-ip');
    const f = await withL3(() => m.floatingIps.find(String(input.args.address)));
    let done: FloatingIp;
    try {
      done = await m.floatingIps.addToServer(f.id, s.id, { fixedIpAddress: fixed });
    } catch (err) {
      if (err instanceof FieldError && err.field === 'fixedIpAddress') throw err.as('--fixed-address');
      throw err;
    }
    return {
      message: `Floating IP ${done.floatingIpAddress} added to server ${s.name} (on ${done.fixedIpAddress ?? 'its port'}).`,
      data: done.raw,
    };
  },
};

const removeFloatingIpOperation: ServerOperation = {
  name: 'remove-floating-ip',
  label: 'Remove floating IP…',
  hotkey: 'F',
  summary: 'Take a floating IP off a server',
  verb: 'remove a floating IP from',
  appliesTo: { status: PORT_STATES },
  changesCloud: true,
  settle: { immediate: true },
  confirm: {
    question: 'Remove floating IP {choice} from server {server}? The address stays allocated to the project.',
    destructive: false,
  },
  choices: floatingIpRemoveChoices,
  positionals: [{ name: 'address', required: true, help: 'Floating IP address or ID' }],
  examples: ['novash remove-floating-ip vm1 172.24.4.228'],
  async send({ managers: m, input }, s) {
    await needNeutron(m, 'remove-floating-ip');
    const f = await withL3(() => m.floatingIps.find(String(input.args.address)));
    const done = await m.floatingIps.removeFromServer(f.id, s.id);
    return { message: `Floating IP ${done.floatingIpAddress} removed from server ${s.name}.`, data: done.raw };
  },
};

export const floatingIpOperations: ServerOperation[] = [addFloatingIpOperation, removeFloatingIpOperation];

export const floatingIpCommands: CommandSpec[] = [
  floatingIpListCommand,
  floatingIpCreateCommand,
  floatingIpDeleteCommand,
  ...floatingIpOperations.map(serverOperationCommand),
];
