/**
 * The one-shot commands of a declared resource: <name>-list, -show, -create, -update, -delete,
 * as CommandSpecs of the one table (help, -f formats, completion and --read-only come with it).
 */
import type { Cell, CommandContext, CommandInput, CommandResult, CommandSpec, OptionSpec, PositionalSpec } from '../commands/types.js';
import { DeclaredResourceManager, cacheKindOf, type DeclaredItem } from '../managers/declared.js';
import { NotFoundError, UsageError, describeError } from '../session/errors.js';
import { cliError, inputValues, optionOf, positionalOf } from './cliValues.js';
import type { DeclaredField, DeclaredResource } from './types.js';

/** The manager of a declared resource over the command's session and completion cache. */
export async function declaredManager(ctx: CommandContext, resource: DeclaredResource): Promise<DeclaredResourceManager> {
  const m = await ctx.managers();
  return new DeclaredResourceManager(m.session, resource, m.cache);
}

/** One item as a Field/Value record: declared fields first, in order, then whatever else the cloud sent. */
export function itemRecord(resource: DeclaredResource, item: DeclaredItem): CommandResult {
  const keys = [
    ...resource.fields.map((f) => f.key).filter((k) => k in item.raw),
    ...Object.keys(item.raw).filter((k) => !resource.fields.some((f) => f.key === k)),
  ];
  return { kind: 'record', fields: keys.map((k) => [k, item.raw[k] as Cell]), data: item.raw };
}

export function itemLabel(resource: DeclaredResource, item: Pick<DeclaredItem, 'id' | 'name'>): string {
  return `${resource.name} ${item.id}${item.name && item.name !== item.id ? ` (${item.name})` : ''}`;
}

function label(resource: DeclaredResource): string {
  return resource.name.replace(/-/g, ' ');
}

function itemPositional(resource: DeclaredResource, variadic = false): PositionalSpec {
  return {
    name: resource.name,
    required: true,
    variadic,
    completer: cacheKindOf(resource),
    help: resource.nameField ? `${label(resource)} name or ID` : `${label(resource)} ID`,
  };
}

/** After a create or update that answered nothing: show the item, if the cloud shows it yet. */
async function shown(
  resource: DeclaredResource,
  manager: DeclaredResourceManager,
  id: string | undefined,
  fallback: string,
): Promise<CommandResult> {
  if (id !== undefined && resource.operations.has('show')) {
    try {
      return itemRecord(resource, await manager.get(id));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  return { kind: 'message', text: fallback, data: id !== undefined ? { [resource.idField]: id } : undefined };
}

function listCommand(r: DeclaredResource, name: string): CommandSpec {
  const titles = r.columns.map((k) => r.fields.find((f) => f.key === k)?.title ?? k);
  return {
    name,
    group: 'cloud',
    summary: `List ${r.plural.replace(/-/g, ' ')}${r.summary !== r.title ? ` — ${r.summary}` : ''}`,
    positionals: [],
    options: {},
    mutating: false,
    examples: [`novash ${name}`, `novash ${name} -f json`],
    async run(ctx) {
      const items = await (await declaredManager(ctx, r)).list({ signal: ctx.signal });
      return {
        kind: 'table',
        columns: titles,
        rows: items.map((i) => r.columns.map((k) => i.raw[k] as Cell)),
        data: items.map((i) => i.raw),
      };
    },
  };
}

function showCommand(r: DeclaredResource, name: string): CommandSpec {
  return {
    name,
    group: 'cloud',
    summary: `Show the details of a ${label(r)}`,
    positionals: [itemPositional(r)],
    options: {},
    mutating: false,
    examples: [`novash ${name} 1`],
    async run(ctx, input) {
      const manager = await declaredManager(ctx, r);
      return itemRecord(r, await manager.show(String(input.args[r.name])));
    },
  };
}

function createCommand(r: DeclaredResource, name: string): CommandSpec {
  const fields = r.fields.filter((f) => f.create);
  const positional = (f: DeclaredField) => f.positional;
  const options: Record<string, OptionSpec> = {};
  for (const f of fields) if (!f.positional) options[f.name] = optionOf(f, f.required && f.default === undefined);
  return {
    name,
    group: 'cloud',
    summary: `Create a ${label(r)}`,
    positionals: fields.filter(positional).map((f) => positionalOf(f)),
    options,
    mutating: true,
    examples: [
      `novash ${[name, ...fields.filter(positional).map((f) => `<${f.name}>`), ...fields.filter((f) => !f.positional && f.required).map((f) => `--${f.name} ${f.key.toUpperCase()}`)].join(' ')}`,
    ],
    check: (input) => void inputValues(name, fields, input, positional),
    async run(ctx, input) {
      const values = inputValues(name, fields, input, positional);
      const manager = await declaredManager(ctx, r);
      let result;
      try {
        result = await manager.create(values, { signal: ctx.signal });
      } catch (err) {
        throw cliError(name, fields, positional, err);
      }
      if (result.item) return itemRecord(r, result.item);
      return shown(
        r,
        manager,
        result.id,
        `Request to create ${label(r)}${result.id !== undefined ? ` ${result.id}` : ''} has been accepted.`,
      );
    },
  };
}

function updateCommand(r: DeclaredResource, name: string): CommandSpec {
  const fields = r.fields.filter((f) => f.update);
  const options: Record<string, OptionSpec> = {};
  for (const f of fields) options[f.name] = optionOf(f);
  const never = () => false;
  const changes = (input: CommandInput) => {
    const values = inputValues(name, fields, input, never);
    if (!Object.keys(values).length)
      throw new UsageError(`novash ${name}: nothing to change; give at least one of ${fields.map((f) => `--${f.name}`).join(', ')}.`);
    return values;
  };
  return {
    name,
    group: 'cloud',
    summary: `Change a ${label(r)} (${fields.map((f) => `--${f.name}`).join(', ')})`,
    positionals: [itemPositional(r)],
    options,
    mutating: true,
    examples: fields[0] ? [`novash ${name} 1 --${fields[0].name} ${fields[0].key.toUpperCase()}`] : [],
    check: (input) => void changes(input),
    async run(ctx, input) {
      const values = changes(input);
      const manager = await declaredManager(ctx, r);
      let item: DeclaredItem | undefined;
      const target = await manager.find(String(input.args[r.name]));
      try {
        item = await manager.update(target.id, values, { signal: ctx.signal });
      } catch (err) {
        throw cliError(name, fields, never, err);
      }
      if (item) return itemRecord(r, item);
      return shown(r, manager, target.id, `Request to update ${itemLabel(r, target)} has been accepted.`);
    },
  };
}

function deleteCommand(r: DeclaredResource, name: string): CommandSpec {
  return {
    name,
    group: 'cloud',
    summary: `Delete ${r.plural.replace(/-/g, ' ')}`,
    positionals: [itemPositional(r, true)],
    options: {},
    mutating: true,
    examples: [`novash ${name} 1`],
    async run(ctx, input) {
      const manager = await declaredManager(ctx, r);
      const names = input.args[r.name];
      const lines: string[] = [];
      const errors: string[] = [];
      // Each one tried, every failure reported (novaclient's habit for deletes).
      for (const n of Array.isArray(names) ? names : [String(names)]) {
        try {
          const item = await manager.find(n);
          await manager.delete(item.id, { signal: ctx.signal });
          lines.push(`Request to delete ${itemLabel(r, item)} has been accepted.`);
        } catch (err) {
          errors.push(`Cannot delete ${label(r)} '${n}': ${describeError(err)}`);
        }
      }
      return { kind: 'message', text: lines.join('\n'), errors, failed: errors.length > 0 };
    },
  };
}

const BUILDERS = { list: listCommand, show: showCommand, create: createCommand, update: updateCommand, delete: deleteCommand } as const;

/** The commands of one declared resource, one per operation it offers. */
export function declaredResourceCommands(resource: DeclaredResource): CommandSpec[] {
  return (Object.keys(BUILDERS) as Array<keyof typeof BUILDERS>)
    .filter((op) => resource.operations.has(op) && resource.commands[op])
    .map((op) => BUILDERS[op](resource, resource.commands[op]!));
}
