import type { AbsoluteLimit } from '../managers/types.js';
import { UsageError } from '../session/errors.js';
import { limitCell, shown } from './cell.js';
import type { Cell, CommandSpec } from './types.js';

/** Max is Nova's number (-1: unlimited); Remaining is null when unlimited (and may be negative over quota). */
function limitRow(name: string, l: AbsoluteLimit): Cell[] {
  return [name, l.used, limitCell(l.max), limitCell(Number.isFinite(l.remaining) ? l.remaining : null)];
}

const limitsCommand: CommandSpec = {
  name: 'limits',
  group: 'cloud',
  summary: 'Show your quota: used, max and remaining',
  positionals: [],
  options: { tenant: { type: 'string', help: 'Another project id (admin)', valueName: 'PROJECT_ID' } },
  mutating: false,
  examples: ['novash limits'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const l = await m.limits.get({ tenantId: input.options.tenant as string | undefined });
    return {
      kind: 'table',
      columns: ['Name', 'Used', 'Max', 'Remaining'],
      rows: [
        limitRow('Instances', l.instances),
        limitRow('Cores', l.cores),
        limitRow('RAM (MiB)', l.ram),
        limitRow('Keypairs', l.keypairs),
        limitRow('Server groups', l.serverGroups),
      ],
      data: l,
    };
  },
};

const zonesCommand: CommandSpec = {
  name: 'availability-zone-list',
  group: 'cloud',
  summary: 'List availability zones',
  positionals: [],
  options: {},
  mutating: false,
  async run(ctx) {
    const m = await ctx.managers();
    const zones = await m.zones.list();
    m.cache.replace(
      'zone',
      zones.filter((z) => z.available).map((z) => ({ id: z.name, name: z.name })),
    );
    // One word either way, so -f value keeps one field per column.
    return {
      kind: 'table',
      columns: ['Name', 'Status'],
      rows: zones.map((z) => [z.name, z.available ? 'available' : 'unavailable']),
      data: zones,
    };
  },
};

const networkListCommand: CommandSpec = {
  name: 'network-list',
  group: 'cloud',
  summary: 'List networks (from Neutron, when the cloud has it)',
  positionals: [],
  options: {},
  mutating: false,
  async run(ctx) {
    const m = await ctx.managers();
    if (!(await m.networks.available())) throw new UsageError('This cloud has no network service in its catalog.');
    const nets = await m.networks.list();
    m.cache.replace(
      'network',
      nets.map((n) => ({ id: n.id, name: n.name })),
    );
    return {
      kind: 'table',
      columns: ['ID', 'Name', 'Status', 'Shared', 'External', 'Subnets'],
      rows: nets.map((n) => [n.id, n.name, n.status, n.shared, n.external, n.subnets]),
      data: nets,
    };
  },
};

const whoamiCommand: CommandSpec = {
  name: 'whoami',
  group: 'cloud',
  summary: 'Show the cloud, region, project, user and compute microversion in use',
  positionals: [],
  options: {},
  mutating: false,
  async run(ctx) {
    const m = await ctx.managers();
    const info = await m.session.info();
    return {
      kind: 'record',
      fields: [
        ['cloud', info.cloud ?? shown(null, '(from OS_* / flags)')],
        ['auth_url', m.session.config.auth.authUrl ?? null],
        ['region', info.region ?? null],
        ['project', info.project ?? null],
        ['project_id', info.projectId ?? null],
        ['user', info.user ?? null],
        ['user_id', info.userId ?? null],
        ['roles', info.roles],
        ['compute_api_version', info.microversion ?? null],
      ],
      data: info,
    };
  },
};

export const cloudCommands: CommandSpec[] = [limitsCommand, zonesCommand, networkListCommand, whoamiCommand];
