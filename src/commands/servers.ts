import { FieldError } from '../managers/fieldError.js';
import type { Managers } from '../managers/index.js';
import { autoNetworkPossible } from '../managers/networks.js';
import type { NetworkChoice } from '../managers/servers.js';
import { readUserDataFile } from '../managers/userData.js';
import { followServer } from '../operations/follow.js';
import { UsageError } from '../session/errors.js';
import { LostAnswerError, answerLost, lostBootMessage } from './lostAnswer.js';
import { atLeast } from '../session/microversion.js';
import { parseInteger, parseKeyValues } from './parse.js';
import { dashIfNone } from './cell.js';
import { parseHints, resolveHints } from './bootHints.js';
import { serverRecord, serverTable } from './serverView.js';
import type { CommandSpec, OptionSpec } from './types.js';

const WAIT: OptionSpec = { type: 'boolean', help: 'Wait until the server is ACTIVE, showing progress on stderr' };

/** The boot request's fields as the CLI names them. */
const BOOT_FLAGS: Record<string, string> = {
  name: '<name>',
  flavorId: '--flavor',
  imageId: '--image',
  minCount: '--min-count',
  maxCount: '--max-count',
  userData: '--user-data',
  networks: '--nic',
  schedulerHints: '--hint',
};

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function parseNics(values: string[]): NetworkChoice | undefined {
  if (!values.length) return undefined;
  if (values.length === 1 && (values[0] === 'auto' || values[0] === 'none')) return values[0];
  if (values.some((v) => v === 'auto' || v === 'none'))
    throw new UsageError('--nic auto and --nic none cannot be combined with other --nic values.');
  return values.map((v) => {
    const spec = parseKeyValues(v.split(','), '--nic');
    const out: { uuid?: string; port?: string; fixedIp?: string } = {};
    for (const [k, val] of Object.entries(spec)) {
      if (k === 'net-id') out.uuid = val;
      else if (k === 'port-id') out.port = val;
      else if (k === 'v4-fixed-ip' || k === 'v6-fixed-ip') out.fixedIp = val;
      else if (k !== 'net-name')
        throw new UsageError(`--nic: unknown key '${k}'; use net-id=, net-name=, port-id=, v4-fixed-ip= or v6-fixed-ip=.`);
    }
    if (spec['net-name']) (out as { netName?: string }).netName = spec['net-name'];
    if (!out.uuid && !out.port && !(out as { netName?: string }).netName)
      throw new UsageError(`--nic '${v}' needs net-id=, net-name= or port-id=.`);
    if (out.uuid && out.port) throw new UsageError(`--nic '${v}': give net-id or port-id, not both.`);
    return out;
  });
}

/**
 * `networks: auto` (what Nova gets without --nic from 2.37) fails with an HTTP 500 on a cloud
 * where the project sees no network and Neutron cannot allocate one: say so before sending.
 */
async function refuseHopelessAuto(m: Managers, explicit: boolean): Promise<void> {
  if (!(await m.networks.available())) return;
  const [nets, autoAllocation] = await Promise.all([m.networks.list(), m.networks.autoAllocationAvailable()]);
  if (autoNetworkPossible(nets, autoAllocation)) return;
  throw new UsageError(
    `${explicit ? '--nic auto asks Nova to pick a network, but' : 'Without --nic, Nova is asked to pick a network (--nic auto), but'} this project sees no network and the cloud cannot allocate one. ` +
      'Use --nic none for a server without networking, or create a network and pass --nic net-id=ID.',
  );
}

const listCommand: CommandSpec = {
  name: 'list',
  group: 'servers',
  summary: 'List servers',
  positionals: [],
  options: {
    name: { type: 'string', help: 'Only servers whose name matches this regular expression', valueName: 'REGEX' },
    status: { type: 'string', help: 'Only servers with this status (ACTIVE, SHUTOFF, ERROR, ...)', valueName: 'STATUS' },
    flavor: { type: 'string', help: 'Only servers of this flavor', valueName: 'FLAVOR', completer: 'flavor' },
    image: { type: 'string', help: 'Only servers of this image', valueName: 'IMAGE', completer: 'image' },
    host: { type: 'string', help: 'Only servers on this compute host (admin)', valueName: 'HOST' },
    ip: { type: 'string', help: 'Only servers with an address matching this regex', valueName: 'REGEX' },
    'all-tenants': { type: 'boolean', help: 'Servers of every project (admin)' },
    'all-projects': { type: 'boolean', help: "The same as --all-tenants (the openstack CLI's spelling)" },
    tenant: { type: 'string', help: 'Servers of this project id (admin, with --all-tenants)', valueName: 'PROJECT_ID' },
    'changes-since': { type: 'string', help: 'Only servers changed since this ISO 8601 time (deleted ones included)', valueName: 'TIME' },
    limit: { type: 'string', help: 'At most this many servers', valueName: 'N' },
    long: { type: 'boolean', help: 'Also show availability zone, host and creation time' },
  },
  mutating: false,
  examples: ['novash list', 'novash list --status ERROR', 'novash list --all-tenants -f json'],
  async run(ctx, input) {
    const o = input.options;
    const m = await ctx.managers();
    const [flavor, image] = await Promise.all([
      str(o.flavor) ? m.flavors.find(str(o.flavor)!) : undefined,
      str(o.image) ? m.images.find(str(o.image)!) : undefined,
    ]);
    const changesSince = str(o['changes-since']);
    if (changesSince && Number.isNaN(Date.parse(changesSince)))
      throw new UsageError(`--changes-since '${changesSince}' is not a time; use ISO 8601, e.g. 2026-11-22T10:00:00Z.`);
    const servers = await m.servers.list(
      {
        name: str(o.name),
        status: str(o.status)?.toUpperCase(),
        flavor: flavor?.id,
        image: image?.id,
        host: str(o.host),
        ip: str(o.ip),
        allTenants: o['all-tenants'] === true || o['all-projects'] === true || !!o.tenant,
        tenantId: str(o.tenant),
        changesSince,
      },
      { limit: parseInteger(str(o.limit), '--limit', 1) },
    );
    return serverTable(m, servers, { longColumns: o.long === true });
  },
};

const showCommand: CommandSpec = {
  name: 'show',
  group: 'servers',
  summary: 'Show the details of a server',
  positionals: [{ name: 'server', required: true, completer: 'server', help: 'Name, human id or ID' }],
  options: {},
  mutating: false,
  examples: ['novash show vm1', 'novash show vm1 -f json'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    return serverRecord(m, s);
  },
};

const bootCommand: CommandSpec = {
  name: 'boot',
  group: 'servers',
  summary: 'Boot a new server',
  positionals: [{ name: 'name', required: true, help: 'Name of the new server' }],
  options: {
    image: { type: 'string', required: true, help: 'Image name, human id or ID', valueName: 'IMAGE', completer: 'image' },
    flavor: {
      type: 'string',
      required: true,
      help: 'Flavor name, human id or ID',
      valueName: 'FLAVOR',
      completer: 'flavor',
    },
    nic: {
      type: 'string',
      multiple: true,
      help: 'auto, none, or net-id=ID / net-name=NAME / port-id=ID[,v4-fixed-ip=IP] (repeatable)',
      valueName: 'NIC',
      completer: 'nic',
    },
    hint: {
      type: 'string',
      multiple: true,
      help: 'Scheduler hint KEY=VALUE (repeatable): group=<server group> puts the server in that group; same_host=<server> / different_host=<server> place it beside or away from servers; names are resolved to IDs',
      valueName: 'KEY=VALUE',
      completer: 'hint',
    },
    'key-name': { type: 'string', help: 'Key pair to inject', valueName: 'KEYPAIR', completer: 'keypair' },
    'security-groups': { type: 'string', help: 'Comma-separated security group names', valueName: 'GROUPS' },
    'user-data': { type: 'string', help: 'File with user data (at most 48 KiB)', valueName: 'FILE', completer: 'file' },
    'availability-zone': { type: 'string', help: 'Availability zone', valueName: 'ZONE', completer: 'zone' },
    meta: { type: 'string', multiple: true, help: 'Metadata key=value (repeatable)', valueName: 'KEY=VALUE' },
    'min-count': { type: 'string', help: 'Boot at least this many servers', valueName: 'N' },
    'max-count': { type: 'string', help: 'Boot at most this many servers', valueName: 'N' },
    description: { type: 'string', help: 'Description of the server', valueName: 'TEXT' },
    'config-drive': { type: 'boolean', help: 'Attach a config drive' },
    wait: WAIT,
  },
  mutating: true,
  examples: [
    'novash boot --image tiny-image --flavor m1.tiny --nic none --wait vm1',
    'novash boot --image tiny-image --flavor m1.tiny --nic none --hint group=db-spread db2',
  ],
  async run(ctx, input) {
    const o = input.options;
    const name = String(input.args.name);
    const minCount = parseInteger(str(o['min-count']), '--min-count', 1);
    const maxCount = parseInteger(str(o['max-count']), '--max-count', 1);
    const userData = str(o['user-data']) ? readUserDataFile(str(o['user-data'])!, '--user-data') : undefined;
    const metadata = parseKeyValues(o.meta as string[] | undefined, '--meta');
    let networks = parseNics(list(o.nic as string[] | undefined));
    const hints = parseHints(list(o.hint as string[] | undefined));
    const m = await ctx.managers();
    const [image, flavor, schedulerHints] = await Promise.all([
      m.images.find(String(o.image)),
      m.flavors.find(String(o.flavor)),
      resolveHints(m, hints),
    ]);
    if (Array.isArray(networks)) {
      networks = await Promise.all(
        networks.map(async (n) => {
          const netName = (n as { netName?: string }).netName;
          return netName ? { ...n, uuid: (await m.networks.find(netName)).id } : n;
        }),
      );
    }
    if ((networks === 'auto' || networks === undefined) && atLeast(await m.session.computeMicroversion(), '2.37')) {
      await refuseHopelessAuto(m, networks === 'auto');
    }
    let result;
    const sentAt = Date.now();
    try {
      result = await m.servers.create({
        name,
        imageId: image.id,
        flavorId: flavor.id,
        networks,
        keyName: str(o['key-name']),
        securityGroups: str(o['security-groups'])
          ?.split(',')
          .map((g) => g.trim())
          .filter(Boolean),
        userData,
        availabilityZone: str(o['availability-zone']),
        metadata,
        minCount,
        maxCount,
        description: str(o.description),
        configDrive: o['config-drive'] === true,
        schedulerHints,
      });
    } catch (err) {
      if (err instanceof FieldError) throw err.as(BOOT_FLAGS[err.field] ?? err.field);
      // A lost answer does not mean nothing was created: say so rather than invite a blind retry.
      if (answerLost(err)) throw new LostAnswerError(await lostBootMessage(m, err as Error, name, sentAt), err as Error);
      throw err;
    }
    if (input.options.wait) {
      for (const s of result.servers) {
        await followServer(m, s.id, `boot ${s.name}`, { status: ['ACTIVE'] }, ctx.progress, { signal: ctx.signal, timeoutMs: 30 * 60_000 });
      }
    }
    if (result.servers.length === 1) {
      const s = await m.servers.get(result.servers[0]!.id);
      const rec = await serverRecord(m, s);
      if (rec.kind === 'record' && result.adminPass) rec.fields.push(['adminPass', result.adminPass]);
      return rec;
    }
    const servers = await m.servers.list({ reservationId: result.reservationId });
    return serverTable(m, servers);
  },
};

const consoleLogCommand: CommandSpec = {
  name: 'console-log',
  group: 'servers',
  summary: "Print a server's console output",
  positionals: [{ name: 'server', required: true, completer: 'server' }],
  options: { length: { type: 'string', help: 'Only the last N lines', valueName: 'N' } },
  mutating: false,
  examples: ['novash console-log vm1 --length 50'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const length = parseInteger(str(input.options.length), '--length', 1);
    const s = await m.servers.find(String(input.args.server));
    return { kind: 'text', text: await m.servers.consoleOutput(s.id, length) };
  },
};

const instanceActionListCommand: CommandSpec = {
  name: 'instance-action-list',
  group: 'servers',
  summary: 'List the actions taken on a server',
  positionals: [{ name: 'server', required: true, completer: 'server' }],
  options: {},
  mutating: false,
  examples: ['novash instance-action-list vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const actions = await m.servers.instanceActions(s.id);
    return {
      kind: 'table',
      columns: ['Action', 'Request_ID', 'Message', 'Start_Time', 'Updated_At'],
      // Nothing is null for -f json and '-' in a table (novaclient's habit).
      rows: actions.map((a) => [a.action, a.requestId, dashIfNone(a.message), a.startTime, dashIfNone(a.updatedAt)]),
      data: actions,
    };
  },
};

/** The server commands that are not operations on one existing server (those are in src/operations). */
export const serverCommands: CommandSpec[] = [listCommand, showCommand, bootCommand, consoleLogCommand, instanceActionListCommand];
