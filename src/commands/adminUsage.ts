import type { Managers, ProjectUsage, QuotaSet } from '../managers/index.js';
import { FieldError } from '../managers/fieldError.js';
import { UsageError } from '../session/errors.js';
import { adminOnly } from './adminErrors.js';
import { limitCell, shown } from './cell.js';
import type { Cell, CommandResult, CommandSpec, OptionSpec } from './types.js';

/**
 * What a project may use and what it used: quota-show (limit, in use, reserved, and the cloud's
 * defaults), usage (one project over a period) and usage-list (every project: admin). Another
 * project's quota or usage is for admins; a member's 403 is said in words (adminErrors.ts).
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The project of the token, unless --project names another (an ID, or the current project's name). */
async function projectOf(m: Managers, given: string | undefined): Promise<{ id: string; own: boolean }> {
  const info = await m.session.info();
  if (given === undefined || given === info.projectId || given === info.project) {
    if (!info.projectId) throw new UsageError('This login has no project: give --project PROJECT_ID.');
    return { id: info.projectId, own: true };
  }
  if (!given.trim()) throw new UsageError('--project must not be empty (a project ID).');
  return { id: given, own: false };
}

function refusedAs(command: string, project: { id: string; own: boolean }): string {
  return project.own ? `novash ${command}` : `novash ${command} of another project (${project.id})`;
}

const quotaShowCommand: CommandSpec = {
  name: 'quota-show',
  group: 'cloud',
  summary: "Show a project's compute quotas: limit, in use, reserved, and the cloud's default",
  positionals: [],
  options: {
    project: { type: 'string', help: 'Another project (its ID; admin)', valueName: 'PROJECT_ID' },
    defaults: { type: 'boolean', help: "Only the cloud's default quotas (novaclient's quota-defaults)" },
  },
  mutating: false,
  examples: ['novash quota-show', 'novash quota-show --project 6f70656e737461636b20342065766572 -f json', 'novash quota-show --defaults'],
  async run(ctx, input): Promise<CommandResult> {
    const m = await ctx.managers();
    const project = await projectOf(m, str(input.options.project));
    const what = refusedAs('quota-show', project);
    if (input.options.defaults === true) {
      const defaults = await adminOnly(m, what, () => m.quotas.defaults(project.id));
      return {
        kind: 'table',
        columns: ['Quota', 'Limit'],
        rows: Object.entries(defaults.quotas).map(([k, q]) => [k, limitCell(q.limit)]),
        data: defaults.raw,
      };
    }
    const [usage, defaults] = await adminOnly(m, what, () => Promise.all([m.quotas.usage(project.id), m.quotas.defaults(project.id)]));
    return quotaTable(usage, defaults);
  },
};

/** One row per resource: limit (-1 reads "unlimited"), in use, reserved, the default. */
export function quotaTable(usage: QuotaSet, defaults: QuotaSet): CommandResult {
  const rows = Object.entries(usage.quotas).map(([k, q]): Cell[] => [
    k,
    limitCell(q.limit),
    q.inUse ?? null,
    q.reserved ?? null,
    defaults.quotas[k] ? limitCell(defaults.quotas[k].limit) : null,
  ]);
  return {
    kind: 'table',
    columns: ['Quota', 'Limit', 'In Use', 'Reserved', 'Default'],
    rows,
    data: { project_id: usage.projectId, quota_set: usage.raw, defaults: defaults.raw },
  };
}

/** `--start` / `--end`: a date (midnight UTC) or an ISO 8601 time (UTC unless it names a zone). */
export function parseUsageTime(value: string | undefined, flag: string, fallback: Date): Date {
  if (value === undefined) return fallback;
  const v = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`;
  const d = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime()))
    throw new UsageError(`${flag} '${value}' is not a date; use YYYY-MM-DD or an ISO 8601 time (2026-11-01T12:00:00Z).`);
  return d;
}

const PERIOD: Record<string, OptionSpec> = {
  start: { type: 'string', help: 'Start of the period: YYYY-MM-DD or ISO 8601 (default: 4 weeks ago)', valueName: 'DATE' },
  end: { type: 'string', help: 'End of the period (default: now)', valueName: 'DATE' },
};

function period(options: Record<string, unknown>): { start: Date; end: Date } {
  const now = new Date();
  const end = parseUsageTime(str(options.end), '--end', now);
  const start = parseUsageTime(str(options.start), '--start', new Date(end.getTime() - 28 * 86_400_000));
  if (start > end) throw new UsageError(`--start (${start.toISOString()}) is after --end (${end.toISOString()}).`);
  return { start, end };
}

/** Hours x size: the number for machines, two decimals in a table (as novaclient prints them). */
const hoursCell = (v: number): Cell => shown(v, v.toFixed(2));

const usageCommand: CommandSpec = {
  name: 'usage',
  group: 'cloud',
  summary: "Show a project's usage over a period: servers, RAM, CPU and disk hours",
  positionals: [],
  options: { ...PERIOD, project: { type: 'string', help: 'Another project (its ID; admin)', valueName: 'PROJECT_ID' } },
  mutating: false,
  examples: ['novash usage', 'novash usage --start 2026-11-01 --end 2026-12-01 -f json'],
  async run(ctx, input): Promise<CommandResult> {
    const { start, end } = period(input.options);
    const m = await ctx.managers();
    const project = await projectOf(m, str(input.options.project));
    let u: ProjectUsage;
    try {
      u = await adminOnly(m, refusedAs('usage', project), () => m.usage.get(project.id, start, end));
    } catch (err) {
      if (err instanceof FieldError) throw err.as(`--${err.field}`);
      throw err;
    }
    return {
      kind: 'record',
      fields: [
        ['project', u.projectId],
        ['start', start.toISOString()],
        ['end', end.toISOString()],
        ['servers', u.servers?.length ?? 0],
        ['ram_mb_hours', hoursCell(u.totalMemoryMbUsage)],
        ['cpu_hours', hoursCell(u.totalVcpusUsage)],
        ['disk_gb_hours', hoursCell(u.totalLocalGbUsage)],
        ['hours', hoursCell(u.totalHours)],
      ],
      data: u,
    };
  },
};

const usageListCommand: CommandSpec = {
  name: 'usage-list',
  group: 'cloud',
  summary: "Every project's usage over a period (admin)",
  positionals: [],
  options: { ...PERIOD },
  mutating: false,
  examples: ['novash usage-list --start 2026-11-01 --end 2026-12-01'],
  async run(ctx, input): Promise<CommandResult> {
    const { start, end } = period(input.options);
    const m = await ctx.managers();
    const all = await adminOnly(m, 'novash usage-list', () => m.usage.list(start, end, { detailed: true }));
    return {
      kind: 'table',
      columns: ['Project ID', 'Servers', 'RAM MiB-Hours', 'CPU Hours', 'Disk GiB-Hours'],
      rows: all.map((u) => [
        u.projectId,
        u.servers?.length ?? 0,
        hoursCell(u.totalMemoryMbUsage),
        hoursCell(u.totalVcpusUsage),
        hoursCell(u.totalLocalGbUsage),
      ]),
      data: all,
    };
  },
};

export const adminUsageCommands: CommandSpec[] = [quotaShowCommand, usageCommand, usageListCommand];
