/**
 * What hangs off one server and is Nova's own: metadata (`meta`), the name and description
 * (`rename`, `server-set`), tags (2.26). novaclient's names; each checks what it is given before
 * anything is sent, and a change made only in part says what was already done.
 */
import { FieldError } from '../managers/fieldError.js';
import type { Managers } from '../managers/index.js';
import { validateName } from '../managers/names.js';
import { checkTag, MAX_SERVER_TAGS } from '../managers/serverTags.js';
import type { Server } from '../managers/types.js';
import { UsageError } from '../session/errors.js';
import { str } from './networkChecks.js';
import { parseKeyValues } from './parse.js';
import type { CommandSpec, CommandResult, PositionalSpec } from './types.js';

const SERVER: PositionalSpec = { name: 'server', required: true, completer: 'server', help: 'Name, human id or ID' };

/** Nova's pattern for a metadata key (nova/api/validation/parameter_types.py `metadata`). */
const METADATA_KEY = /^[a-zA-Z0-9-_:. ]{1,255}$/;

function checkMetadataKey(key: string): void {
  if (!METADATA_KEY.test(key))
    throw new UsageError(
      `Metadata key '${key}' is not allowed: Nova takes 1 to 255 letters, digits, spaces and the characters - _ : . only.`,
    );
}

function words(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A server as the messages and `-f json` of these commands name it. */
function serverData(s: Server): Record<string, unknown> {
  return { id: s.id, name: s.name, description: s.description ?? null, metadata: s.metadata, tags: s.tags ?? null };
}

/** Runs `steps` in order; a failure after some succeeded names them, so nothing is retried blindly. */
async function inOrder<T>(items: T[], step: (item: T) => Promise<void>, done: string): Promise<void> {
  const finished: T[] = [];
  for (const item of items) {
    try {
      await step(item);
    } catch (err) {
      if (finished.length && err instanceof Error) err.message = `${err.message} (already ${done}: ${finished.join(', ')})`;
      throw err;
    }
    finished.push(item);
  }
}

const metaCommand: CommandSpec = {
  name: 'meta',
  group: 'servers',
  summary: 'Set or delete metadata of a server',
  positionals: [
    SERVER,
    { name: 'action', required: true, completer: ['set', 'delete'], help: 'set or delete' },
    { name: 'metadata', required: true, variadic: true, help: 'key=value to set; key (or key=value) to delete' },
  ],
  options: {},
  mutating: true,
  examples: ['novash meta vm1 set role=web tier=2', 'novash meta vm1 delete tier'],
  async run(ctx, input) {
    const action = String(input.args.action);
    const items = words(input.args.metadata);
    if (action !== 'set' && action !== 'delete')
      throw new UsageError(
        `novash meta: the action must be 'set' or 'delete' (got '${action}'). Usage: novash meta <server> set key=value ...`,
      );
    let keys: string[];
    let toSet: Record<string, string> = {};
    if (action === 'set') {
      toSet = parseKeyValues(items, 'Metadata');
      keys = Object.keys(toSet);
      for (const [k, v] of Object.entries(toSet)) {
        checkMetadataKey(k);
        if ([...v].length > 255)
          throw new UsageError(`Metadata value of '${k}' is ${[...v].length} characters long; at most 255 are allowed.`);
      }
    } else {
      // novaclient's habit: `delete a=1` deletes a.
      keys = [...new Set(items.map((i) => (i.includes('=') ? i.slice(0, i.indexOf('=')) : i)))];
      for (const k of keys) checkMetadataKey(k);
    }
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    if (action === 'set') {
      const metadata = await m.serverMetadata.set(s.id, toSet);
      return { kind: 'message', text: `Metadata of server ${s.name}: set ${keys.join(', ')}.`, data: { id: s.id, metadata } };
    }
    await m.serverMetadata.delete(s.id, keys);
    return {
      kind: 'message',
      text: `Metadata of server ${s.name}: deleted ${keys.join(', ')}.`,
      data: { id: s.id, metadata: await m.serverMetadata.list(s.id) },
    };
  },
};

/** PUT /servers/{id}; the message names the server as it was called before the change. */
async function update(
  m: Managers,
  server: string,
  changes: { name?: string; description?: string },
  what: (after: Server) => string,
): Promise<CommandResult> {
  const before = await m.servers.find(server);
  let after: Server;
  try {
    after = await m.servers.update(before.id, changes);
  } catch (err) {
    if (err instanceof FieldError && err.field === 'description') throw err.as('--description');
    throw err;
  }
  return { kind: 'message', text: `Server ${before.name}: ${what(after)}.`, data: serverData(after) };
}

const renameCommand: CommandSpec = {
  name: 'rename',
  group: 'servers',
  summary: 'Rename a server',
  positionals: [SERVER, { name: 'name', required: true, help: 'The new name' }],
  options: {},
  mutating: true,
  examples: ['novash rename vm1 web-01'],
  async run(ctx, input) {
    const name = String(input.args.name);
    const problem = validateName(name, 'The new name');
    if (problem) throw new UsageError(problem);
    const m = await ctx.managers();
    return update(m, String(input.args.server), { name }, (s) => `renamed to ${s.name}`);
  },
};

const serverSetCommand: CommandSpec = {
  name: 'server-set',
  group: 'servers',
  summary: "Change a server's name or description",
  positionals: [SERVER],
  options: {
    name: { type: 'string', help: 'A new name', valueName: 'NAME' },
    description: { type: 'string', help: "A new description (compute API 2.19 or later; '' removes it)", valueName: 'TEXT' },
  },
  mutating: true,
  examples: ['novash server-set vm1 --description "front end, team web"', 'novash server-set vm1 --name web-01'],
  async run(ctx, input) {
    const name = str(input.options.name);
    const description = str(input.options.description);
    if (name === undefined && description === undefined)
      throw new UsageError('novash server-set: give --name NAME and/or --description TEXT; there is nothing to change.');
    if (name !== undefined) {
      const problem = validateName(name, '--name');
      if (problem) throw new UsageError(problem);
    }
    const m = await ctx.managers();
    return update(m, String(input.args.server), { name, description }, (s) =>
      [
        name !== undefined ? `name ${s.name}` : '',
        description === undefined ? '' : description === '' ? 'description removed' : 'description set',
      ]
        .filter(Boolean)
        .join(', '),
    );
  },
};

function checkTags(tags: string[]): string[] {
  const unique = [...new Set(tags)];
  for (const t of unique) {
    try {
      checkTag(t);
    } catch (err) {
      if (err instanceof FieldError) throw new UsageError(`Tag ${err.problem} (Nova's rule: 1 to 60 characters, neither '/' nor ',')`);
      throw err;
    }
  }
  if (unique.length > MAX_SERVER_TAGS) throw new UsageError(`${unique.length} tags given; a server holds at most ${MAX_SERVER_TAGS}.`);
  return unique;
}

const tagListCommand: CommandSpec = {
  name: 'server-tag-list',
  group: 'servers',
  summary: 'List the tags of a server (compute API 2.26 or later)',
  positionals: [SERVER],
  options: {},
  mutating: false,
  examples: ['novash server-tag-list vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const tags = await m.serverTags.list(s.id);
    return { kind: 'table', columns: ['Tag'], rows: tags.map((t) => [t]), data: tags };
  },
};

const tagAddCommand: CommandSpec = {
  name: 'server-tag-add',
  group: 'servers',
  summary: 'Add tags to a server (compute API 2.26 or later)',
  positionals: [SERVER, { name: 'tag', required: true, variadic: true, help: 'Tags to add' }],
  options: {},
  mutating: true,
  examples: ['novash server-tag-add vm1 prod web'],
  async run(ctx, input) {
    const tags = checkTags(words(input.args.tag));
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    const had: string[] = [];
    await inOrder(
      tags,
      async (t) => {
        if (!(await m.serverTags.add(s.id, t))) had.push(t);
      },
      'added',
    );
    const added = tags.filter((t) => !had.includes(t));
    const text = [
      added.length ? `added ${added.join(', ')}` : '',
      had.length ? `${had.join(', ')} ${had.length > 1 ? 'were' : 'was'} there already` : '',
    ];
    return {
      kind: 'message',
      text: `Tags of server ${s.name}: ${text.filter(Boolean).join('; ')}.`,
      data: { id: s.id, tags: await m.serverTags.list(s.id) },
    };
  },
};

const tagDeleteCommand: CommandSpec = {
  name: 'server-tag-delete',
  group: 'servers',
  summary: 'Delete tags from a server (compute API 2.26 or later)',
  positionals: [SERVER, { name: 'tag', required: true, variadic: true, help: 'Tags to delete' }],
  options: {},
  mutating: true,
  examples: ['novash server-tag-delete vm1 prod'],
  async run(ctx, input) {
    const tags = checkTags(words(input.args.tag));
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    await inOrder(tags, (t) => m.serverTags.delete(s.id, t), 'deleted');
    return {
      kind: 'message',
      text: `Tags of server ${s.name}: deleted ${tags.join(', ')}.`,
      data: { id: s.id, tags: await m.serverTags.list(s.id) },
    };
  },
};

const tagDeleteAllCommand: CommandSpec = {
  name: 'server-tag-delete-all',
  group: 'servers',
  summary: 'Delete every tag of a server (compute API 2.26 or later)',
  positionals: [SERVER],
  options: {},
  mutating: true,
  examples: ['novash server-tag-delete-all vm1'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const s = await m.servers.find(String(input.args.server));
    await m.serverTags.clear(s.id);
    return { kind: 'message', text: `Tags of server ${s.name}: all deleted.`, data: { id: s.id, tags: [] } };
  },
};

export const serverPartCommands: CommandSpec[] = [
  metaCommand,
  renameCommand,
  serverSetCommand,
  tagListCommand,
  tagAddCommand,
  tagDeleteCommand,
  tagDeleteAllCommand,
];
