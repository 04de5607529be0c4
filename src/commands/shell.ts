import { UsageError } from '../session/errors.js';
import { displayWidth, padEndWidth, wrapWidth } from '../util/displayWidth.js';
import { bashScript, fishScript, zshScript } from './complete.js';
import { GLOBAL_OPTIONS, OUTPUT_OPTIONS, registerCommands, usageLine } from './parse.js';
import type { CommandSpec, OptionSpec } from './types.js';

const GROUP_TITLES: Record<string, string> = {
  servers: 'Servers',
  images: 'Images, backups and snapshots',
  flavors: 'Flavors',
  keypairs: 'Key pairs',
  cloud: 'Quota and cloud',
  shell: 'Shell',
  app: "In the app (type ':' then the command)",
};

/** The width help is wrapped to: the terminal's (COLUMNS, or stdout's); 100 at most, and on a pipe. */
export function helpWidth(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  const fromEnv = Number(env.COLUMNS);
  const columns = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : stdout.isTTY && stdout.columns ? stdout.columns : 100;
  return Math.max(40, Math.min(100, columns));
}

/** `head` then `text` wrapped to `width`, the text in a column of its own when the head leaves room for one. */
function hanging(head: string, text: string, column: number, width: number): string[] {
  const room = width - column;
  if (room < 20) return [head, ...wrapWidth(text, width - 4).map((l) => `    ${l}`)];
  const lines = wrapWidth(text, room);
  const first = displayWidth(head) < column ? `${padEndWidth(head, column)}${lines[0] ?? ''}` : head;
  const rest = displayWidth(head) < column ? lines.slice(1) : lines;
  return [first.trimEnd(), ...rest.map((l) => `${' '.repeat(column)}${l}`)];
}

function optionLines(options: Record<string, OptionSpec>, width: number): string[] {
  const column = Math.min(40, Math.floor(width / 2));
  return Object.entries(options).flatMap(([name, o]) => {
    const flag = `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return hanging(flag, o.required ? `${o.help} (required)` : o.help, column, width);
  });
}

/** The usage line wrapped, continuation lines under the first argument. */
function usageLines(command: CommandSpec, width: number): string[] {
  const line = usageLine(command);
  const head = `usage: novash ${command.name} `;
  const words = line.slice(`novash ${command.name} `.length).split(/ (?=[[<-])/);
  const out: string[] = [];
  let cur = head.trimEnd();
  for (const w of words) {
    if (!w) continue;
    if (displayWidth(cur) + 1 + displayWidth(w) > width && cur.trim() !== head.trim()) {
      out.push(cur);
      cur = ' '.repeat(head.length) + w;
    } else {
      cur += ` ${w}`;
    }
  }
  out.push(cur);
  return out;
}

/** `novash help` and `novash help CMD`, wrapped to `width`; the table is passed in to avoid an import cycle. */
export function helpText(commands: CommandSpec[], name?: string, width = helpWidth()): string {
  if (name) {
    const c = commands.find((x) => x.name === name || x.aliases?.includes(name));
    if (!c) throw new UsageError(`novash: '${name}' is not a command. See 'novash help' for the list.`);
    const lines = [...usageLines(c, width), '', ...wrapWidth(c.summary, width)];
    if (c.aliases?.length) lines.push('', `Also: ${c.aliases.join(', ')}`);
    if (c.positionals.length) {
      lines.push('', 'Arguments:');
      for (const p of c.positionals) {
        const text = `${p.help ?? ''}${p.required ? '' : ' (optional)'}${p.variadic ? ' (one or more)' : ''}`.trim();
        lines.push(...hanging(`  <${p.name}>`, text, Math.min(40, Math.floor(width / 2)), width));
      }
    }
    if (Object.keys(c.options).length) lines.push('', 'Options:', ...optionLines(c.options, width));
    if (c.examples?.length) lines.push('', 'Examples:', ...c.examples.map((e) => `  ${e}`));
    if (c.mutating) lines.push('', 'Changes the cloud: refused with --read-only.');
    lines.push('', ...wrapWidth("Output options (-f, -c, --sort-column, ...) and connection options: see 'novash help'.", width));
    return lines.join('\n');
  }
  const lines = [
    'usage: novash [global options] <command> [arguments]',
    '       novash   (on a terminal: the interactive app)',
    '',
    'A terminal shell for OpenStack Compute (Nova).',
  ];
  const column = Math.min(25, Math.floor(width / 3));
  for (const group of Object.keys(GROUP_TITLES)) {
    const cs = commands.filter((c) => c.group === group && !c.hidden);
    if (!cs.length) continue;
    lines.push('', `${GROUP_TITLES[group]}:`);
    for (const c of cs) lines.push(...hanging(`  ${c.name}`, c.summary, column, width));
  }
  const output = Object.fromEntries(Object.entries(GLOBAL_OPTIONS).filter(([k]) => k in OUTPUT_OPTIONS));
  const others = Object.fromEntries(Object.entries(GLOBAL_OPTIONS).filter(([k]) => !(k in OUTPUT_OPTIONS)));
  lines.push('', 'Global options:', ...optionLines(others, width));
  lines.push('', 'Output options (as the openstack CLI):', ...optionLines(output, width));
  lines.push(
    '',
    ...wrapWidth(
      "-f json and -f yaml hold machine values (numbers, booleans, null, sizes in bytes). -f value prints a row's values separated by spaces, as they are: a name with spaces stays as it is, so put such a column last (or use -f csv or json); lists and mappings print as compact JSON.",
      width,
    ),
    '',
    ...wrapWidth("See 'novash help <command>' for a command's arguments and options.", width),
  );
  return lines.join('\n');
}

let tableRef: CommandSpec[] = [];
/** The registry hands its table over once built (help lists every command, "did you mean" searches it). */
export function registerTable(commands: CommandSpec[]): void {
  tableRef = commands;
  registerCommands(commands);
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

const SHELLS = ['bash', 'zsh', 'fish'] as const;

const completionCommand: CommandSpec = {
  name: 'completion',
  group: 'shell',
  summary: 'Print a shell completion script (bash, zsh or fish)',
  positionals: [{ name: 'shell', required: true, completer: SHELLS, help: 'bash, zsh or fish' }],
  options: {},
  mutating: false,
  examples: [
    'eval "$(novash completion bash)"               # in ~/.bashrc',
    'novash completion zsh > "${fpath[1]}/_novash"   # zsh, then a new shell',
    'novash completion fish > ~/.config/fish/completions/novash.fish',
  ],
  async run(_ctx, input) {
    const shell = input.args.shell;
    if (shell === 'bash') return { kind: 'text', text: bashScript() };
    if (shell === 'zsh') return { kind: 'text', text: zshScript() };
    if (shell === 'fish') return { kind: 'text', text: fishScript() };
    throw new UsageError(`novash completion: unknown shell '${shell}'; use bash, zsh or fish.`);
  },
};

export const shellCommands: CommandSpec[] = [helpCommand, completionCommand];
