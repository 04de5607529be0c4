import type { Managers } from '../managers/index.js';
import { FieldError } from '../managers/fieldError.js';
import { SERVER_GROUP_POLICIES, type ServerGroup } from '../managers/serverGroups.js';
import { ResolveError, UsageError, describeError } from '../session/errors.js';
import { LostAnswerError, answerLost } from './lostAnswer.js';
import { parseInteger, parseKeyValues } from './parse.js';
import type { Cell, CommandSpec } from './types.js';

/** The manager's field names as the command line spells them. */
const CREATE_FLAGS: Record<string, string> = { name: '<name>', policy: '<policy>', rules: '--rule' };

/** What the completion cache keeps of a group (its name completes; find resolves it). */
function cacheEntry(g: ServerGroup): { id: string; name: string } {
  return { id: g.id, name: g.name };
}

/**
 * A group by ID or name (novaclient's order, see find.ts). A name two groups share is refused
 * with the groups it could mean, so the user can pick one by its ID.
 */
export async function findServerGroup(m: Managers, nameOrId: string): Promise<ServerGroup> {
  try {
    return await m.serverGroups.find(nameOrId);
  } catch (err) {
    if (!(err instanceof ResolveError) || err.reason !== 'multiple') throw err;
    const value = nameOrId.trim();
    const all = await m.serverGroups.list();
    const byName = all.filter((g) => g.name === value);
    const matches = byName.length > 1 ? byName : all.filter((g) => g.humanId === value);
    const listed = matches.map((g) => `${g.id} (${g.policy}, ${g.members.length} member${g.members.length === 1 ? '' : 's'})`);
    throw new ResolveError(
      `Multiple server group matches found for '${value}', use an ID to be more specific: ${listed.join('; ')}.`,
      'multiple',
    );
  }
}

/** `policies` (a list) before 2.64, `policy` and `rules` from 2.64: the answer says which. */
function hasPolicyField(g: ServerGroup): boolean {
  return typeof g.raw.policy === 'string';
}

const serverGroupListCommand: CommandSpec = {
  name: 'server-group-list',
  group: 'servers',
  summary: 'List server groups',
  positionals: [],
  options: {
    'all-projects': { type: 'boolean', help: 'Server groups of every project (admin)' },
    limit: { type: 'string', help: 'At most this many server groups', valueName: 'N' },
    offset: { type: 'string', help: 'Skip this many server groups first', valueName: 'N' },
    long: { type: 'boolean', help: 'Also show the rules, project and user' },
  },
  mutating: false,
  examples: ['novash server-group-list', 'novash server-group-list --all-projects -f json'],
  async run(ctx, input) {
    const o = input.options;
    const limit = parseInteger(o.limit as string | undefined, '--limit', 1);
    const offset = parseInteger(o.offset as string | undefined, '--offset', 0);
    const allProjects = o['all-projects'] === true;
    const m = await ctx.managers();
    const groups = await m.serverGroups.list({ allProjects, limit, offset, signal: ctx.signal });
    // Only a whole listing of one's own groups may rewrite the cache; a part of it only adds.
    if (!allProjects && limit === undefined && !offset) m.cache.replace('server-group', groups.map(cacheEntry));
    else if (!allProjects) m.cache.add('server-group', groups.map(cacheEntry));
    const columns = ['ID', 'Name', 'Policy', 'Members'];
    if (o.long) columns.push('Rules', 'Project_ID', 'User_ID');
    const rows = groups.map((g): Cell[] => {
      const row: Cell[] = [g.id, g.name, g.policy, g.members];
      if (o.long) row.push(g.rules, g.projectId ?? null, g.userId ?? null);
      return row;
    });
    return { kind: 'table', columns, rows, data: groups };
  },
};

function groupRecord(g: ServerGroup): Extract<Awaited<ReturnType<CommandSpec['run']>>, { kind: 'record' }> {
  const fields: Array<[string, Cell]> = [
    ['id', g.id],
    ['name', g.name],
  ];
  if (hasPolicyField(g)) fields.push(['policy', g.policy], ['rules', g.rules]);
  else fields.push(['policies', Array.isArray(g.raw.policies) ? (g.raw.policies as unknown[]) : [g.policy]]);
  fields.push(['members', g.members]);
  if (g.projectId !== undefined) fields.push(['project_id', g.projectId]);
  if (g.userId !== undefined) fields.push(['user_id', g.userId]);
  const { raw: _raw, humanId: _humanId, ...data } = g;
  return { kind: 'record', fields, data };
}

const serverGroupShowCommand: CommandSpec = {
  name: 'server-group-show',
  group: 'servers',
  summary: 'Show a server group: its policy (policies before 2.64), rules and members',
  positionals: [{ name: 'group', required: true, completer: 'server-group', help: 'Name or ID' }],
  options: {},
  mutating: false,
  examples: ['novash server-group-show db-spread', 'novash server-group-show db-spread -c members -f json'],
  async run(ctx, input) {
    const m = await ctx.managers();
    return groupRecord(await findServerGroup(m, String(input.args.group)));
  },
};

/** `--rule max_server_per_host=N` (the only rule Nova knows, 2.64 and later). */
function parseRules(values: string[] | undefined): { max_server_per_host?: number } | undefined {
  if (!values?.length) return undefined;
  const rules: { max_server_per_host?: number } = {};
  for (const [key, value] of Object.entries(parseKeyValues(values, '--rule'))) {
    if (key !== 'max_server_per_host') throw new UsageError(`--rule: unknown rule '${key}'; Nova knows only max_server_per_host=N.`);
    rules.max_server_per_host = parseInteger(value, '--rule max_server_per_host', 1);
  }
  return rules;
}

/** A create whose answer was lost: the groups of that name the cloud shows now (they may include the new one). */
async function lostGroupMessage(m: Managers, err: Error, name: string): Promise<string> {
  const why = describeError(err);
  const check = `check with 'novash server-group-list' before creating it again`;
  const found = await m.serverGroups.list().then(
    (all) => all.filter((g) => g.name === name),
    () => undefined,
  );
  if (!found?.length)
    return `${why}. The create request was sent and may have made the server group '${name}'; nothing was sent again: ${check}.`;
  const ids = found.map((g) => `${g.id} (${g.policy})`).join(', ');
  return `${why}. The create request was sent; server groups named '${name}' now: ${ids}. Nothing was sent again: ${check}.`;
}

const serverGroupCreateCommand: CommandSpec = {
  name: 'server-group-create',
  group: 'servers',
  summary: 'Create a server group',
  positionals: [
    { name: 'name', required: true, help: 'Name of the new server group' },
    { name: 'policy', required: true, completer: SERVER_GROUP_POLICIES, help: SERVER_GROUP_POLICIES.join(', ') + ' (soft-* from 2.15)' },
  ],
  options: {
    rule: {
      type: 'string',
      multiple: true,
      help: 'A rule of the anti-affinity policy: max_server_per_host=N (compute API 2.64 and later)',
      valueName: 'KEY=VALUE',
      completer: ['max_server_per_host='],
    },
  },
  mutating: true,
  examples: ['novash server-group-create db-spread anti-affinity --rule max_server_per_host=2', 'novash server-group-create web affinity'],
  async run(ctx, input) {
    const rules = parseRules(input.options.rule as string[] | undefined);
    const m = await ctx.managers();
    let g: ServerGroup;
    try {
      g = await m.serverGroups.create({ name: String(input.args.name), policy: String(input.args.policy), rules });
    } catch (err) {
      if (err instanceof FieldError) throw err.as(CREATE_FLAGS[err.field] ?? err.field);
      // Never sent again: say what may have been made, and what the cloud shows under that name now.
      if (answerLost(err)) throw new LostAnswerError(await lostGroupMessage(m, err as Error, String(input.args.name)), err as Error);
      throw err;
    }
    m.cache.add('server-group', [cacheEntry(g)]);
    return groupRecord(g);
  },
};

const serverGroupDeleteCommand: CommandSpec = {
  name: 'server-group-delete',
  group: 'servers',
  summary: 'Delete server groups',
  positionals: [{ name: 'group', required: true, variadic: true, completer: 'server-group', help: 'Names or IDs' }],
  options: {},
  mutating: true,
  examples: ['novash server-group-delete db-spread'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const lines: string[] = [];
    const errors: string[] = [];
    for (const nameOrId of input.args.group as string[]) {
      try {
        const g = await findServerGroup(m, nameOrId);
        await m.serverGroups.delete(g.id);
        m.cache.remove('server-group', [g.id]);
        lines.push(`Server group ${g.name || g.id} (${g.id}) deleted.`);
      } catch (err) {
        errors.push(`Cannot delete server group '${nameOrId}': ${describeError(err)}`);
      }
    }
    return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
  },
};

export const serverGroupCommands: CommandSpec[] = [
  serverGroupListCommand,
  serverGroupShowCommand,
  serverGroupCreateCommand,
  serverGroupDeleteCommand,
];
