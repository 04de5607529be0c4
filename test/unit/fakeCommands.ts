import type { CommandSpec, OptionSpec, PositionalSpec } from '../../src/commands/types.js';

/** A small command table shaped like the real one, so parsing and completion tests do not move with it. */
function command(
  name: string,
  positionals: PositionalSpec[],
  options: Record<string, OptionSpec> = {},
  extra: Partial<CommandSpec> = {},
): CommandSpec {
  return {
    name,
    group: 'servers',
    summary: `${name} things`,
    positionals,
    options,
    mutating: false,
    async run() {
      return { kind: 'message', text: name };
    },
    ...extra,
  };
}

export const FAKE_COMMANDS: CommandSpec[] = [
  command(
    'list',
    [],
    {
      name: { type: 'string', help: 'Filter by name', valueName: 'REGEX' },
      long: { type: 'boolean', help: 'More columns' },
      limit: { type: 'string', help: 'At most N', valueName: 'N' },
    },
    { aliases: ['ls'] },
  ),
  command('show', [{ name: 'server', required: true, completer: 'server' }]),
  command(
    'boot',
    [{ name: 'name', required: true }],
    {
      image: { type: 'string', help: 'Image', valueName: 'IMAGE', completer: 'image' },
      flavor: { type: 'string', help: 'Flavor', valueName: 'FLAVOR', completer: 'flavor' },
      nic: { type: 'string', multiple: true, help: 'NIC', valueName: 'NIC', completer: 'nic' },
      hint: { type: 'string', multiple: true, help: 'Scheduler hint', valueName: 'KEY=VALUE', completer: 'hint' },
      'user-data': { type: 'string', help: 'File', valueName: 'FILE', completer: 'file' },
      meta: { type: 'string', multiple: true, help: 'key=value', valueName: 'KEY=VALUE' },
      wait: { type: 'boolean', help: 'Wait' },
    },
    { mutating: true },
  ),
  command('delete', [{ name: 'server', required: true, variadic: true, completer: 'server' }], {}, { mutating: true }),
  command('resize', [
    { name: 'server', required: true, completer: 'server' },
    { name: 'flavor', required: true, completer: 'flavor' },
  ]),
  command('backup', [
    { name: 'server', required: true, completer: 'server' },
    { name: 'name', required: true },
    { name: 'backup-type', required: true, completer: ['daily', 'weekly'] },
  ]),
  command('help', [{ name: 'command', completer: 'command' }], {}, { group: 'shell' }),
  command('secret-debug', [], {}, { hidden: true }),
];

export function lookup(name: string): CommandSpec | undefined {
  return FAKE_COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
