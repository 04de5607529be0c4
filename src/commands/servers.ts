import { readFileSync, statSync } from 'node:fs';
import type { Managers } from '../managers/index.js';
import { autoNetworkPossible } from '../managers/networks.js';
import { USER_DATA_MAX_BYTES, type NetworkChoice } from '../managers/servers.js';
import type { Server } from '../managers/types.js';
import { ConnectionError, UsageError, describeError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import { parseInteger, parseKeyValues } from './parse.js';
import { serverRecord, serverTable } from './serverView.js';
import type { CommandContext, CommandResult, CommandSpec, OptionSpec } from './types.js';
import { waitForServer, waitForServerGone } from './wait.js';

const WAIT: OptionSpec = { type: 'boolean', help: 'Wait until the operation has finished, showing progress on stderr' };

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Runs an action on several servers like novaclient: each one tried, every failure reported, non-zero exit if any. */
async function eachServer(
  ctx: CommandContext,
  names: string[],
  verb: string,
  act: (m: Managers, s: Server) => Promise<string | void>,
): Promise<CommandResult> {
  const m = await ctx.managers();
  const lines: string[] = [];
  const errors: string[] = [];
  for (const name of names) {
    try {
      const s = await m.servers.find(name);
      const msg = await act(m, s);
      lines.push(msg || `Request to ${verb} server ${s.name} (${s.id}) has been accepted.`);
    } catch (err) {
      errors.push(`Cannot ${verb} server '${name}': ${describeError(err)}`);
    }
  }
  return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
}

interface PowerActionDef {
  name: string;
  verb: string;
  summary: string;
  call: (m: Managers, id: string) => Promise<unknown>;
  /** When --wait is done. */
  settled: (s: Server) => boolean;
}

const idle = (status: string) => (s: Server) => s.status === status && !s.taskState;

const POWER_ACTIONS: PowerActionDef[] = [
  { name: 'start', verb: 'start', summary: 'Start a stopped server', call: (m, id) => m.servers.start(id), settled: idle('ACTIVE') },
  { name: 'stop', verb: 'stop', summary: 'Stop (power off) a server', call: (m, id) => m.servers.stop(id), settled: idle('SHUTOFF') },
  { name: 'pause', verb: 'pause', summary: 'Pause a server (kept in memory)', call: (m, id) => m.servers.pause(id), settled: idle('PAUSED') },
  { name: 'unpause', verb: 'unpause', summary: 'Unpause a paused server', call: (m, id) => m.servers.unpause(id), settled: idle('ACTIVE') },
  { name: 'suspend', verb: 'suspend', summary: 'Suspend a server (state saved to disk)', call: (m, id) => m.servers.suspend(id), settled: idle('SUSPENDED') },
  { name: 'resume', verb: 'resume', summary: 'Resume a suspended server', call: (m, id) => m.servers.resume(id), settled: idle('ACTIVE') },
  { name: 'unlock', verb: 'unlock', summary: 'Unlock a server', call: (m, id) => m.servers.unlock(id), settled: () => true },
];

function powerCommand(def: PowerActionDef): CommandSpec {
  return {
    name: def.name,
    group: 'servers',
    summary: def.summary,
    positionals: [{ name: 'server', required: true, variadic: true, completer: 'server', help: 'Name, human id or ID' }],
    options: def.name === 'unlock' ? {} : { wait: WAIT },
    mutating: true,
    examples: [`novash ${def.name} vm1`],
    run: (ctx, input) =>
      eachServer(ctx, list(input.args.server), def.verb, async (m, s) => {
        await def.call(m, s.id);
        if (input.options.wait) {
          await waitForServer(m, s.id, `${def.verb} ${s.name}`, def.settled, ctx.progress, { signal: ctx.signal });
          return `Server ${s.name} (${s.id}): ${def.verb} done.`;
        }
      }),
  };
}

function parseNics(values: string[]): NetworkChoice | undefined {
  if (!values.length) return undefined;
  if (values.length === 1 && (values[0] === 'auto' || values[0] === 'none')) return values[0];
  if (values.some((v) => v === 'auto' || v === 'none')) throw new UsageError("--nic auto and --nic none cannot be combined with other --nic values.");
  return values.map((v) => {
    const spec = parseKeyValues(v.split(','), '--nic');
    const out: { uuid?: string; port?: string; fixedIp?: string } = {};
    for (const [k, val] of Object.entries(spec)) {
      if (k === 'net-id') out.uuid = val;
      else if (k === 'port-id') out.port = val;
      else if (k === 'v4-fixed-ip' || k === 'v6-fixed-ip') out.fixedIp = val;
      else if (k !== 'net-name') throw new UsageError(`--nic: unknown key '${k}'; use net-id=, net-name=, port-id=, v4-fixed-ip= or v6-fixed-ip=.`);
    }
    if (spec['net-name']) (out as { netName?: string }).netName = spec['net-name'];
    if (!out.uuid && !out.port && !(out as { netName?: string }).netName) throw new UsageError(`--nic '${v}' needs net-id=, net-name= or port-id=.`);
    if (out.uuid && out.port) throw new UsageError(`--nic '${v}': give net-id or port-id, not both.`);
    return out;
  });
}

function readUserData(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError(`--user-data: cannot read '${path}' (no such file).`);
  }
  if (size > USER_DATA_MAX_BYTES) {
    throw new UsageError(`--user-data: '${path}' is ${(size / 1024).toFixed(1)} KiB; at most 48 KiB are allowed (Nova takes 64 KiB base64-encoded).`);
  }
  return readFileSync(path);
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
    if (changesSince && Number.isNaN(Date.parse(changesSince))) throw new UsageError(`--changes-since '${changesSince}' is not a time; use ISO 8601, e.g. 2026-11-22T10:00:00Z.`);
    const servers = await m.servers.list(
      {
        name: str(o.name), status: str(o.status)?.toUpperCase(), flavor: flavor?.id, image: image?.id, host: str(o.host), ip: str(o.ip),
        allTenants: o['all-tenants'] === true || !!o.tenant, tenantId: str(o.tenant), changesSince,
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
    image: { type: 'string', help: 'Image name, human id or ID', valueName: 'IMAGE', completer: 'image' },
    flavor: { type: 'string', help: 'Flavor name, human id or ID', valueName: 'FLAVOR', completer: 'flavor' },
    nic: { type: 'string', multiple: true, help: "auto, none, or net-id=ID / net-name=NAME / port-id=ID[,v4-fixed-ip=IP] (repeatable)", valueName: 'NIC', completer: ['auto', 'none'] },
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
  examples: ['novash boot --image tiny-image --flavor m1.tiny --nic none --wait vm1'],
  async run(ctx, input) {
    const o = input.options;
    const name = String(input.args.name);
    if (!str(o.image)) throw new UsageError('novash boot: --image is required (an image name, human id or ID; see novash image-list).');
    if (!str(o.flavor)) throw new UsageError('novash boot: --flavor is required (a flavor name or ID; see novash flavor-list).');
    const minCount = parseInteger(str(o['min-count']), '--min-count', 1);
    const maxCount = parseInteger(str(o['max-count']), '--max-count', 1);
    const userData = str(o['user-data']) ? readUserData(str(o['user-data'])!) : undefined;
    const metadata = parseKeyValues(o.meta as string[] | undefined, '--meta');
    let networks = parseNics(list(o.nic as string[] | undefined));
    const m = await ctx.managers();
    const [image, flavor] = await Promise.all([m.images.find(str(o.image)!), m.flavors.find(str(o.flavor)!)]);
    if (Array.isArray(networks)) {
      networks = await Promise.all(networks.map(async (n) => {
        const netName = (n as { netName?: string }).netName;
        return netName ? { ...n, uuid: (await m.networks.find(netName)).id } : n;
      }));
    }
    if ((networks === 'auto' || networks === undefined) && atLeast(await m.session.computeMicroversion(), '2.37')) {
      await refuseHopelessAuto(m, networks === 'auto');
    }
    let result;
    try {
      result = await m.servers.create({
        name, imageId: image.id, flavorId: flavor.id, networks, keyName: str(o['key-name']),
        securityGroups: str(o['security-groups'])?.split(',').map((g) => g.trim()).filter(Boolean),
        userData, availabilityZone: str(o['availability-zone']), metadata, minCount, maxCount,
        description: str(o.description), configDrive: o['config-drive'] === true,
      });
    } catch (err) {
      // A lost answer does not mean nothing was created: say so rather than invite a blind retry.
      if (err instanceof ConnectionError) {
        throw new ConnectionError(`${err.message}. The boot request may or may not have reached Nova: check 'novash list --name ${name}' before booting again.`, err.url, err.code);
      }
      throw err;
    }
    if (input.options.wait) {
      for (const s of result.servers) {
        await waitForServer(m, s.id, `boot ${s.name}`, idle('ACTIVE'), ctx.progress, { signal: ctx.signal });
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

const deleteCommand: CommandSpec = {
  name: 'delete',
  group: 'servers',
  summary: 'Delete servers',
  positionals: [{ name: 'server', required: true, variadic: true, completer: 'server' }],
  options: { wait: WAIT },
  mutating: true,
  examples: ['novash delete vm1', 'novash delete --wait vm1 vm2'],
  run: (ctx, input) =>
    eachServer(ctx, list(input.args.server), 'delete', async (m, s) => {
      await m.servers.delete(s.id);
      if (input.options.wait) {
        await waitForServerGone(m, s.id, `delete ${s.name}`, ctx.progress, { signal: ctx.signal });
        return `Server ${s.name} (${s.id}) deleted.`;
      }
    }),
};

const rebootCommand: CommandSpec = {
  name: 'reboot',
  group: 'servers',
  summary: 'Reboot servers (soft by default)',
  positionals: [{ name: 'server', required: true, variadic: true, completer: 'server' }],
  options: { hard: { type: 'boolean', help: 'Hard reboot (power cycle)' }, wait: WAIT },
  mutating: true,
  examples: ['novash reboot vm1', 'novash reboot --hard --wait vm1'],
  run: (ctx, input) =>
    eachServer(ctx, list(input.args.server), 'reboot', async (m, s) => {
      await m.servers.reboot(s.id, input.options.hard === true);
      if (input.options.wait) {
        await waitForServer(m, s.id, `reboot ${s.name}`, idle('ACTIVE'), ctx.progress, { signal: ctx.signal });
        return `Server ${s.name} (${s.id}) rebooted.`;
      }
    }),
};

const lockCommand: CommandSpec = {
  name: 'lock',
  group: 'servers',
  summary: 'Lock servers (non-admins can no longer act on them)',
  positionals: [{ name: 'server', required: true, variadic: true, completer: 'server' }],
  options: { reason: { type: 'string', help: 'Why (compute API 2.73 or later)', valueName: 'TEXT' } },
  mutating: true,
  examples: ['novash lock vm1 --reason "under investigation"'],
  run: (ctx, input) =>
    eachServer(ctx, list(input.args.server), 'lock', async (m, s) => {
      await m.servers.lock(s.id, str(input.options.reason));
    }),
};

const resizeCommand: CommandSpec = {
  name: 'resize',
  group: 'servers',
  summary: 'Resize a server to another flavor (then resize-confirm or resize-revert)',
  positionals: [{ name: 'server', required: true, completer: 'server' }, { name: 'flavor', required: true, completer: 'flavor' }],
  options: { wait: { type: 'boolean', help: 'Wait until VERIFY_RESIZE, showing progress' } },
  mutating: true,
  examples: ['novash resize --wait vm1 m1.small', 'novash resize-confirm vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const [s, flavor] = await Promise.all([m.servers.find(String(input.args.server)), m.flavors.find(String(input.args.flavor))]);
    await m.servers.resize(s.id, flavor.id);
    if (input.options.wait) {
      await waitForServer(m, s.id, `resize ${s.name}`, idle('VERIFY_RESIZE'), ctx.progress, { signal: ctx.signal });
      return { kind: 'message', text: `Server ${s.name} is in VERIFY_RESIZE on ${flavor.name}: run 'novash resize-confirm ${s.name}' or 'novash resize-revert ${s.name}'.` };
    }
    return { kind: 'message', text: `Request to resize server ${s.name} (${s.id}) to ${flavor.name} has been accepted.` };
  },
};

function resizeFinish(name: string, verb: string, summary: string, call: (m: Managers, id: string) => Promise<unknown>): CommandSpec {
  return {
    name,
    group: 'servers',
    summary,
    positionals: [{ name: 'server', required: true, variadic: true, completer: 'server' }],
    options: { wait: WAIT },
    mutating: true,
    run: (ctx, input) =>
      eachServer(ctx, list(input.args.server), verb, async (m, s) => {
        if (s.status !== 'VERIFY_RESIZE') throw new UsageError(`it is ${s.status}, not VERIFY_RESIZE`);
        await call(m, s.id);
        if (input.options.wait) {
          const done = await waitForServer(m, s.id, `${verb} ${s.name}`, (x) => x.status !== 'VERIFY_RESIZE' && x.status !== 'REVERT_RESIZE' && !x.taskState, ctx.progress, { signal: ctx.signal });
          return `Server ${s.name} (${s.id}): ${verb} done, ${done.status} on ${done.flavor.name ?? done.flavor.id}.`;
        }
      }),
  };
}

const rebuildCommand: CommandSpec = {
  name: 'rebuild',
  group: 'servers',
  summary: 'Rebuild a server from an image (its disk is replaced)',
  positionals: [{ name: 'server', required: true, completer: 'server' }, { name: 'image', required: true, completer: 'image' }],
  options: { name: { type: 'string', help: 'New name', valueName: 'NAME' }, wait: WAIT },
  mutating: true,
  examples: ['novash rebuild --wait vm1 tiny-image'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const [s, image] = await Promise.all([m.servers.find(String(input.args.server)), m.images.find(String(input.args.image))]);
    await m.servers.rebuild(s.id, image.id, { name: str(input.options.name) });
    if (input.options.wait) {
      await waitForServer(m, s.id, `rebuild ${s.name}`, idle('ACTIVE'), ctx.progress, { signal: ctx.signal });
    }
    return serverRecord(m, await m.servers.get(s.id));
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
      rows: actions.map((a) => [a.action, a.requestId, a.message ?? '', a.startTime, a.updatedAt ?? '']),
      data: actions,
    };
  },
};

export const serverCommands: CommandSpec[] = [
  listCommand,
  showCommand,
  bootCommand,
  deleteCommand,
  rebootCommand,
  ...POWER_ACTIONS.map(powerCommand),
  lockCommand,
  resizeCommand,
  resizeFinish('resize-confirm', 'confirm the resize of', 'Confirm a resize (VERIFY_RESIZE -> ACTIVE on the new flavor)', (m, id) => m.servers.confirmResize(id)),
  resizeFinish('resize-revert', 'revert the resize of', 'Revert a resize (back to the old flavor)', (m, id) => m.servers.revertResize(id)),
  rebuildCommand,
  consoleLogCommand,
  instanceActionListCommand,
];
