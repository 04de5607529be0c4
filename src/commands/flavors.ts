import type { Flavor } from '../managers/types.js';
import { UsageError } from '../session/errors.js';
import { blankIfZero } from './cell.js';
import { parseInteger } from './parse.js';
import type { Cell, CommandSpec } from './types.js';

function flavorRow(f: Flavor, extraSpecs?: Record<string, string>): Cell[] {
  const row: Cell[] = [f.id, f.name, f.ram, f.disk, f.ephemeral, blankIfZero(f.swap), f.vcpus, f.rxtxFactor ?? 1, f.isPublic];
  if (extraSpecs) row.push(extraSpecs);
  return row;
}

const flavorListCommand: CommandSpec = {
  name: 'flavor-list',
  group: 'flavors',
  summary: 'List flavors',
  positionals: [],
  options: {
    all: { type: 'boolean', help: 'Public and private flavors (admins see every private flavor)' },
    private: { type: 'boolean', help: 'Only private flavors' },
    'extra-specs': { type: 'boolean', help: 'Show extra specs' },
    'min-disk': { type: 'string', help: 'Only flavors with at least this disk (GB)', valueName: 'GB' },
    'min-ram': { type: 'string', help: 'Only flavors with at least this RAM (MiB)', valueName: 'MIB' },
    limit: { type: 'string', help: 'At most this many flavors', valueName: 'N' },
  },
  mutating: false,
  examples: ['novash flavor-list', 'novash flavor-list --all --extra-specs'],
  async run(ctx, input) {
    const o = input.options;
    if (o.all && o.private) throw new UsageError('--all and --private cannot be combined.');
    const m = await ctx.managers();
    const flavors = await m.flavors.list({
      visibility: o.all ? 'all' : o.private ? 'private' : 'public',
      minDisk: parseInteger(o['min-disk'] as string | undefined, '--min-disk', 0),
      minRam: parseInteger(o['min-ram'] as string | undefined, '--min-ram', 0),
      limit: parseInteger(o.limit as string | undefined, '--limit', 1),
    });
    const columns = ['ID', 'Name', 'Memory_MiB', 'Disk', 'Ephemeral', 'Swap', 'VCPUs', 'RXTX_Factor', 'Is_Public'];
    let specs: Array<Record<string, string> | undefined> = flavors.map(() => undefined);
    if (o['extra-specs']) {
      columns.push('extra_specs');
      specs = await Promise.all(flavors.map((f) => m.flavors.extraSpecs(f)));
    }
    return { kind: 'table', columns, rows: flavors.map((f, i) => flavorRow(f, specs[i])), data: flavors };
  },
};

const flavorShowCommand: CommandSpec = {
  name: 'flavor-show',
  group: 'flavors',
  summary: 'Show a flavor, with its extra specs',
  positionals: [{ name: 'flavor', required: true, completer: 'flavor' }],
  options: {},
  mutating: false,
  examples: ['novash flavor-show m1.small'],
  async run(ctx, input) {
    const m = await ctx.managers();
    const f = await m.flavors.find(String(input.args.flavor));
    const extraSpecs = await m.flavors.extraSpecs(f);
    const fields: Array<[string, Cell]> = [
      ['id', f.id],
      ['name', f.name],
      ['vcpus', f.vcpus],
      ['ram', f.ram],
      ['disk', f.disk],
      ['OS-FLV-EXT-DATA:ephemeral', f.ephemeral],
      ['swap', blankIfZero(f.swap)],
      ['rxtx_factor', f.rxtxFactor ?? 1],
      ['os-flavor-access:is_public', f.isPublic],
      ['OS-FLV-DISABLED:disabled', f.disabled],
      ['description', f.description ?? null],
      ['extra_specs', extraSpecs],
    ];
    return { kind: 'record', fields, data: { ...f, extraSpecs } };
  },
};

export const flavorCommands: CommandSpec[] = [flavorListCommand, flavorShowCommand];
