import { UsageError } from '../session/errors.js';
import { GLOBAL_OPTIONS, usageLine } from './parse.js';
import { bashScript, zshScript } from './complete.js';
import type { CommandSpec } from './types.js';

const GROUP_TITLES: Record<string, string> = {
  servers: 'Servers',
  images: 'Images, backups and snapshots',
  flavors: 'Flavors',
  keypairs: 'Key pairs',
  cloud: 'Quota and cloud',
  shell: 'Shell',
  app: "In the app (type ':' then the command)",
};

function optionLines(options: Record<string, { type: string; short?: string; help: string; valueName?: string }>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(38)} ${o.help}`;
  });
}

/** `novash help` and `novash help CMD`; the table is passed in to avoid an import cycle. */
export function helpText(commands: CommandSpec[], name?: string): string {
  if (name) {
    const c = commands.find((x) => x.name === name || x.aliases?.includes(name));
    if (!c) throw new UsageError(`novash: '${name}' is not a command. See 'novash help' for the list.`);
    const lines = [`usage: ${usageLine(c)}`, '', c.summary];
    if (c.positionals.length) {
      lines.push('', 'Arguments:');
      for (const p of c.positionals) lines.push(`  <${p.name}>`.padEnd(40) + ` ${p.help ?? ''}`);
    }
    if (Object.keys(c.options).length) lines.push('', 'Options:', ...optionLines(c.options));
    if (c.examples?.length) lines.push('', 'Examples:', ...c.examples.map((e) => `  ${e}`));
    if (c.mutating) lines.push('', 'Changes the cloud: refused with --read-only.');
    return lines.join('\n');
  }
  const lines = [
    'usage: novash [global options] <command> [arguments]',
    '       novash                  (on a terminal: the interactive app)',
    '',
    'A terminal shell for OpenStack Compute (Nova).',
  ];
  for (const group of Object.keys(GROUP_TITLES)) {
    const cs = commands.filter((c) => c.group === group && !c.hidden);
    if (!cs.length) continue;
    lines.push('', `${GROUP_TITLES[group]}:`);
    for (const c of cs) lines.push(`  ${c.name.padEnd(22)} ${c.summary}`);
  }
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  lines.push('', "See 'novash help <command>' for a command's arguments and options.");
  return lines.join('\n');
}

let tableRef: CommandSpec[] = [];
/** The registry hands its table over once built (help lists every command). */
export function registerTable(commands: CommandSpec[]): void {
  tableRef = commands;
}

const helpCommand: CommandSpec = {
  name: 'help',
  group: 'shell',
  summary: 'Show the commands, or the usage of one',
  positionals: [{ name: 'command', completer: 'command' }],
  options: {},
  mutating: false,
  async run(_ctx, input) {
    return { kind: 'text', text: helpText(tableRef, input.args.command as string | undefined) };
  },
};

const completionCommand: CommandSpec = {
  name: 'completion',
  group: 'shell',
  summary: 'Print a shell completion script: eval "$(novash completion bash)"',
  positionals: [{ name: 'shell', required: true, completer: ['bash', 'zsh'] }],
  options: {},
  mutating: false,
  examples: ['eval "$(novash completion bash)"', 'novash completion zsh > ~/.zsh/novash.zsh'],
  async run(_ctx, input) {
    const shell = input.args.shell;
    if (shell === 'bash') return { kind: 'text', text: bashScript() };
    if (shell === 'zsh') return { kind: 'text', text: zshScript() };
    throw new UsageError(`novash completion: unknown shell '${shell}'; use bash or zsh.`);
  },
};

export const shellCommands: CommandSpec[] = [helpCommand, completionCommand];
