import type { InstanceActionDetail, InstanceActionEvent, Migration } from '../managers/index.js';
import { FieldError } from '../managers/fieldError.js';
import { ApiError, UsageError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import { adminOnly } from './adminErrors.js';
import { dashIfNone, shown } from './cell.js';
import { parseInteger } from './parse.js';
import type { Cell, CommandResult, CommandSpec } from './types.js';

/**
 * What happened to a server and how to reach it: one instance action with its events,
 * a console URL, and the cloud's migrations (admin).
 */

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** An event as Nova names its fields (for -f json), only those the cloud sent. */
function eventValue(e: InstanceActionEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {
    event: e.event,
    start_time: e.startTime,
    finish_time: e.finishTime ?? null,
    result: e.result ?? null,
  };
  if (e.traceback !== undefined) out.traceback = e.traceback;
  if (e.host !== undefined) out.host = e.host;
  if (e.hostId !== undefined) out.hostId = e.hostId;
  if (e.details !== undefined) out.details = e.details;
  return out;
}

/** One line per event, its traceback (admins) indented below it. */
function eventsText(events: InstanceActionEvent[]): string {
  return events
    .map((e) => {
      const when = `${e.startTime} → ${e.finishTime ?? 'running'}`;
      const where = e.host ? ` on ${e.host}` : '';
      const lines = [`${e.event}: ${e.result ?? 'running'} (${when})${where}`];
      if (e.details) lines.push(`  details: ${e.details}`);
      if (e.traceback)
        lines.push(
          ...e.traceback
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => `  ${l}`),
        );
      return lines.join('\n');
    })
    .join('\n');
}

export function instanceActionFields(a: InstanceActionDetail): Array<[string, Cell]> {
  const events: Cell =
    a.events === undefined
      ? shown(null, '(not shown to non-admins before compute API 2.51)')
      : shown(a.events.map(eventValue), a.events.length ? eventsText(a.events) : '(none)');
  return [
    ['action', a.action],
    ['instance_uuid', a.instanceUuid ?? null],
    ['request_id', a.requestId],
    ['user_id', dashIfNone(a.userId)],
    ['project_id', dashIfNone(a.projectId)],
    ['start_time', a.startTime],
    ['updated_at', dashIfNone(a.updatedAt)],
    ['message', dashIfNone(a.message)],
    ['events', events],
  ];
}

const instanceActionCommand: CommandSpec = {
  name: 'instance-action',
  group: 'servers',
  summary: 'Show one action on a server with its events (tracebacks for admins)',
  positionals: [
    { name: 'server', required: true, completer: 'server', help: 'Name, human id or ID' },
    { name: 'request-id', required: true, help: "The action's request ID (req-..., from instance-action-list)" },
  ],
  options: {},
  mutating: false,
  examples: ['novash instance-action vm1 req-3293a3f1-b44c-4609-b8d2-d81b105636b8'],
  async run(ctx, input): Promise<CommandResult> {
    const requestId = String(input.args['request-id'] ?? '');
    if (!requestId.trim())
      throw new UsageError("novash instance-action: <request-id> is required (see 'novash instance-action-list SERVER').");
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const a = await m.servers.instanceAction(s.id, requestId);
    return { kind: 'record', fields: instanceActionFields(a), data: a.raw };
  },
};

/** `--type`'s words: novaclient's console types, `spice` for spice-html5. */
const CONSOLE_TYPE_WORDS = ['novnc', 'serial', 'spice', 'spice-html5', 'rdp-html5', 'xvpvnc', 'webmks'];

const consoleUrlCommand: CommandSpec = {
  name: 'console-url',
  group: 'servers',
  summary: "Get a URL for a server's remote console (noVNC by default)",
  positionals: [{ name: 'server', required: true, completer: 'server', help: 'Name, human id or ID' }],
  options: {
    type: {
      type: 'string',
      help: 'novnc (default), serial, spice (spice-html5), rdp-html5, xvpvnc or webmks',
      valueName: 'TYPE',
      completer: CONSOLE_TYPE_WORDS,
    },
  },
  mutating: false,
  examples: ['novash console-url vm1', 'novash console-url --type serial vm1 -f value -c url'],
  async run(ctx, input): Promise<CommandResult> {
    const type = str(input.options.type) ?? 'novnc';
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    try {
      const c = await m.consoles.create(s.id, type);
      return {
        kind: 'record',
        fields: [
          ['type', c.type],
          ['protocol', c.protocol],
          ['url', c.url],
        ],
        data: c,
      };
    } catch (err) {
      if (err instanceof FieldError) throw err.as('--type');
      // Nova's ConsoleTypeUnavailable: the cloud runs no proxy for that kind of console.
      if (err instanceof ApiError && err.status === 400 && /unavailable console type/i.test(err.message)) {
        throw err.reworded(
          `This cloud offers no ${type} console (no console proxy of that kind is enabled), so there is no URL for server ${s.name}: ` +
            `Nova said "${err.message}". Try another --type, or read the console log with 'novash console-log ${s.name}'.`,
        );
      }
      throw err;
    }
  },
};

const MIGRATION_TYPES = ['migration', 'live-migration', 'resize', 'evacuation'];

function checkTime(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && Number.isNaN(Date.parse(value)))
    throw new UsageError(`${flag} '${value}' is not a time; use ISO 8601, e.g. 2026-11-22T10:00:00Z.`);
  return value;
}

/** novaclient's migration-list columns, with those of the cloud's microversion (uuid 2.59, type 2.23, project and user 2.80). */
function migrationTable(list: Migration[], mv: string): CommandResult {
  const withUuid = atLeast(mv, '2.59');
  const withType = atLeast(mv, '2.23');
  const withOwner = atLeast(mv, '2.80');
  const columns = [
    'Id',
    ...(withUuid ? ['UUID'] : []),
    'Source Node',
    'Dest Node',
    'Source Compute',
    'Dest Compute',
    'Dest Host',
    'Status',
    'Instance UUID',
    'Old Flavor',
    'New Flavor',
    'Created At',
    'Updated At',
    ...(withType ? ['Type'] : []),
    ...(withOwner ? ['Project ID', 'User ID'] : []),
  ];
  const rows = list.map((x): Cell[] => [
    x.number,
    ...(withUuid ? [x.uuid ?? null] : []),
    dashIfNone(x.sourceNode),
    dashIfNone(x.destNode),
    dashIfNone(x.sourceCompute),
    dashIfNone(x.destCompute),
    dashIfNone(x.destHost),
    x.status,
    x.serverId,
    x.oldFlavorId ?? null,
    x.newFlavorId ?? null,
    x.createdAt,
    dashIfNone(x.updatedAt),
    ...(withType ? [x.migrationType ?? null] : []),
    ...(withOwner ? [x.projectId ?? null, x.userId ?? null] : []),
  ]);
  return { kind: 'table', columns, rows, data: list.map((x) => x.raw) };
}

const migrationListCommand: CommandSpec = {
  name: 'migration-list',
  group: 'cloud',
  summary: 'List migrations, resizes and evacuations of every project (admin)',
  positionals: [],
  options: {
    server: { type: 'string', help: "Only this server's migrations (name or ID)", valueName: 'SERVER', completer: 'server' },
    host: { type: 'string', help: 'Only migrations from or to this host', valueName: 'HOST' },
    status: { type: 'string', help: 'Only migrations with this status (migrating, completed, error, ...)', valueName: 'STATUS' },
    'migration-type': {
      type: 'string',
      help: `Only this type: ${MIGRATION_TYPES.join(', ')}`,
      valueName: 'TYPE',
      completer: MIGRATION_TYPES,
    },
    'changes-since': { type: 'string', help: 'Only migrations changed since this ISO 8601 time (compute API 2.59)', valueName: 'TIME' },
    'changes-before': { type: 'string', help: 'Only migrations changed before this time (compute API 2.66)', valueName: 'TIME' },
    project: { type: 'string', help: "Only this project's migrations (project ID, compute API 2.80)", valueName: 'PROJECT_ID' },
    user: { type: 'string', help: "Only this user's migrations (user ID, compute API 2.80)", valueName: 'USER_ID' },
    limit: { type: 'string', help: 'At most this many migrations', valueName: 'N' },
  },
  mutating: false,
  examples: ['novash migration-list', 'novash migration-list --server vm1 --migration-type live-migration -f json'],
  async run(ctx, input): Promise<CommandResult> {
    const o = input.options;
    const migrationType = str(o['migration-type']);
    if (migrationType !== undefined && !MIGRATION_TYPES.includes(migrationType))
      throw new UsageError(`--migration-type '${migrationType}' is not a migration type; use one of: ${MIGRATION_TYPES.join(', ')}.`);
    const changesSince = checkTime(str(o['changes-since']), '--changes-since');
    const changesBefore = checkTime(str(o['changes-before']), '--changes-before');
    const limit = parseInteger(str(o.limit), '--limit', 1);
    const m = await ctx.managers();
    const server = str(o.server) ? await m.servers.find(str(o.server)!) : undefined;
    const filters = {
      host: str(o.host),
      status: str(o.status),
      serverId: server?.id,
      migrationType,
      changesSince,
      changesBefore,
      projectId: str(o.project),
      userId: str(o.user),
    };
    const flags: Record<string, string> = {
      changesSince: '--changes-since',
      changesBefore: '--changes-before',
      projectId: '--project',
      userId: '--user',
    };
    try {
      const list = await adminOnly(m, 'novash migration-list', () => m.migrations.list(filters, { limit }));
      return migrationTable(list, await m.session.computeMicroversion());
    } catch (err) {
      if (err instanceof FieldError) throw err.as(flags[err.field] ?? err.field);
      throw err;
    }
  },
};

export const adminServerCommands: CommandSpec[] = [instanceActionCommand, consoleUrlCommand, migrationListCommand];
