import { parseArgs } from 'node:util';
import { UsageError } from '../session/errors.js';
import { CSV_QUOTES, OUTPUT_FORMATS } from './formats.js';
import { suggestCommands, suggestOptions } from './suggest.js';
import type { CommandInput, CommandSpec, OptionSpec } from './types.js';

/** The openstack CLI's output options (cliff's), for every command. */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  format: {
    type: 'string',
    short: 'f',
    help: `Output format: ${OUTPUT_FORMATS.join(', ')} (shell: for one item)`,
    valueName: 'FORMAT',
    completer: OUTPUT_FORMATS,
  },
  column: { type: 'string', short: 'c', multiple: true, help: 'Show only this column (repeatable)', valueName: 'COLUMN' },
  'sort-column': {
    type: 'string',
    multiple: true,
    help: 'Sort a list by this column (repeatable; the first sorts first)',
    valueName: 'COLUMN',
  },
  'sort-ascending': { type: 'boolean', help: 'Sort in ascending order (the default)' },
  'sort-descending': { type: 'boolean', help: 'Sort in descending order' },
  'fit-width': { type: 'boolean', help: 'Fit tables to the terminal width (always on a terminal; CLIFF_FIT_WIDTH=1)' },
  'max-width': { type: 'string', help: 'Fit tables to N columns, 0 to turn fitting off (CLIFF_MAX_TERM_WIDTH)', valueName: 'N' },
  'print-empty': { type: 'boolean', help: 'Print the header of an empty list' },
  noindent: { type: 'boolean', help: 'JSON on one line' },
  quote: {
    type: 'string',
    help: `When CSV quotes a field: ${CSV_QUOTES.join(', ')} (default nonnumeric)`,
    valueName: 'WHEN',
    completer: CSV_QUOTES,
  },
  prefix: { type: 'string', help: 'Prefix for the variable names of -f shell', valueName: 'PREFIX' },
};

/** Options every command accepts: connection settings and output controls (the openstack CLI's names). */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  'os-cloud': { type: 'string', help: 'Cloud name in clouds.yaml (OS_CLOUD)', valueName: 'NAME' },
  'os-auth-url': { type: 'string', help: 'Keystone URL (OS_AUTH_URL)', valueName: 'URL' },
  'os-auth-type': { type: 'string', help: 'password, v3applicationcredential or token (OS_AUTH_TYPE)', valueName: 'TYPE' },
  'os-username': { type: 'string', help: 'User name (OS_USERNAME)', valueName: 'NAME' },
  'os-user-id': { type: 'string', help: 'User id (OS_USER_ID)', valueName: 'ID' },
  'os-password': { type: 'string', help: 'Password (OS_PASSWORD); prompted for when missing on a terminal', valueName: 'PASSWORD' },
  'os-user-domain-name': { type: 'string', help: 'User domain name (OS_USER_DOMAIN_NAME)', valueName: 'NAME' },
  'os-user-domain-id': { type: 'string', help: 'User domain id (OS_USER_DOMAIN_ID)', valueName: 'ID' },
  'os-project-name': { type: 'string', help: 'Project name (OS_PROJECT_NAME)', valueName: 'NAME' },
  'os-project-id': { type: 'string', help: 'Project id (OS_PROJECT_ID)', valueName: 'ID' },
  'os-project-domain-name': { type: 'string', help: 'Project domain name (OS_PROJECT_DOMAIN_NAME)', valueName: 'NAME' },
  'os-project-domain-id': { type: 'string', help: 'Project domain id (OS_PROJECT_DOMAIN_ID)', valueName: 'ID' },
  'os-region-name': { type: 'string', help: 'Region (OS_REGION_NAME)', valueName: 'REGION' },
  'os-interface': { type: 'string', help: 'Endpoint interface: public, internal, admin (OS_INTERFACE)', valueName: 'IFACE' },
  'os-cacert': { type: 'string', help: 'CA bundle file (OS_CACERT)', valueName: 'FILE', completer: 'file' },
  insecure: { type: 'boolean', help: 'Do not verify TLS certificates (OS_INSECURE)' },
  'os-application-credential-id': { type: 'string', help: 'Application credential id', valueName: 'ID' },
  'os-application-credential-secret': { type: 'string', help: 'Application credential secret', valueName: 'SECRET' },
  'os-token': { type: 'string', help: 'An existing Keystone token (OS_TOKEN)', valueName: 'TOKEN' },
  'os-compute-api-version': {
    type: 'string',
    help: 'Pin the compute microversion, e.g. 2.79 (OS_COMPUTE_API_VERSION)',
    valueName: 'VERSION',
  },
  ...OUTPUT_OPTIONS,
  debug: { type: 'boolean', help: 'Log every request and response (tokens shown as a hash)' },
  timings: { type: 'boolean', help: 'Print a table of request times at the end' },
  'read-only': { type: 'boolean', help: 'Refuse every command that changes the cloud' },
  timeout: {
    type: 'string',
    help: 'Deadline of each HTTP attempt in seconds (default 10 for a GET, tried 3 times; 30 otherwise)',
    valueName: 'SECONDS',
  },
  help: { type: 'boolean', short: 'h', help: 'Show help' },
  version: { type: 'boolean', help: 'Show the version' },
};

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function toParseArgsOptions(specs: Record<string, OptionSpec>): ParseArgsOptions {
  const out: NonNullable<ParseArgsOptions> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** Index of the command word in argv, skipping global options and their values. */
export function findCommandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!tok.startsWith('-') || tok === '-') return i;
    const name = tok.startsWith('--') ? tok.slice(2).split('=')[0]! : undefined;
    const spec = name !== undefined ? GLOBAL_OPTIONS[name] : Object.values(GLOBAL_OPTIONS).find((o) => o.short === tok.slice(1, 2));
    if (spec?.type === 'string' && !tok.includes('=') && !(name === undefined && tok.length > 2)) i++;
  }
  return -1;
}

export interface ParsedLine {
  command?: CommandSpec;
  commandName?: string;
  globals: Record<string, string | boolean | string[] | undefined>;
  input: CommandInput;
}

let knownCommands: readonly CommandSpec[] = [];
/** The table hands itself over once built (suggestions look through every command). */
export function registerCommands(commands: readonly CommandSpec[]): void {
  knownCommands = commands;
}

function optionNames(command?: CommandSpec): string[] {
  return [...Object.keys(command?.options ?? {}), ...Object.keys(GLOBAL_OPTIONS)];
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : '';
}

function describeParseError(err: unknown, command?: CommandSpec): UsageError {
  const msg = err instanceof Error ? err.message : String(err);
  const where = command ? `novash ${command.name}` : 'novash';
  const helpRef = `See 'novash help${command ? ' ' + command.name : ''}' for the options.`;
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) {
    const hint = didYouMean(suggestOptions(unknown[1]!, optionNames(command)));
    return new UsageError(`${where}: unknown option '${unknown[1]}'.${hint} ${helpRef}`);
  }
  const needsValue = /Option '([^']+)' argument missing/.exec(msg);
  if (needsValue) return new UsageError(`${where}: option '${needsValue[1]!.split(',').pop()!.trim().split(' ')[0]}' needs a value.`);
  const noValue = /Option '([^']+)' does not take an argument/.exec(msg);
  if (noValue) return new UsageError(`${where}: option '${noValue[1]!.split(',').pop()!.trim().split(' ')[0]}' takes no value.`);
  return new UsageError(`${where}: ${msg.split('\n')[0]}`);
}

/** "'server' is not a command", with novash's name for an openstack CLI line, or the nearest names. */
function unknownCommand(words: string[]): UsageError {
  const suggestions = suggestCommands(
    words,
    knownCommands.filter((c) => c.group !== 'app'),
  );
  const mapped = suggestions.some((s) => s.words > 1);
  const hint = suggestions.length
    ? ` Did you mean ${suggestions.map((s) => `'novash ${s.line}'`).join(' or ')}?${mapped ? " (novash uses novaclient's command names.)" : ''}`
    : '';
  return new UsageError(`novash: '${words[0]}' is not a command.${hint} See 'novash help' for the list.`);
}

const NEGATIVE = /^-\d+(\.\d+)?$/;
const MARK = '\u0000neg:';

/**
 * `backup vm1 b daily -1`: a negative number is a value, not an unknown option `-1` (parseArgs
 * would take it for one). Such words travel through parseArgs masked, then come back as they were,
 * so the argument's own check can say what is wrong with it.
 */
function protectNegatives(args: string[], specs: Record<string, OptionSpec>): string[] {
  const shorts = new Set(
    Object.values(specs)
      .map((o) => o.short)
      .filter(Boolean),
  );
  if ([...shorts].some((c) => /\d/.test(c!))) return args;
  let afterDashes = false;
  return args.map((a) => {
    if (a === '--') afterDashes = true;
    return !afterDashes && NEGATIVE.test(a) ? MARK + a : a;
  });
}

function restoreNegatives(values: Record<string, unknown>, positionals: string[]): void {
  const un = (v: string) => (v.startsWith(MARK) ? v.slice(MARK.length) : v);
  positionals.forEach((p, i) => (positionals[i] = un(p)));
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') values[k] = un(v);
    else if (Array.isArray(v)) values[k] = v.map((x) => (typeof x === 'string' ? un(x) : x));
  }
}

/** Parses one command line against the command table; arguments are checked, nothing is sent. */
export function parseCommandLine(argv: string[], lookup: (name: string) => CommandSpec | undefined): ParsedLine {
  const idx = findCommandIndex(argv);
  const commandName = idx >= 0 ? argv[idx] : undefined;
  const command = commandName ? lookup(commandName) : undefined;
  if (commandName && !command) throw unknownCommand(argv.slice(idx));
  const rest = idx >= 0 ? [...argv.slice(0, idx), ...argv.slice(idx + 1)] : argv;
  const specs = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: protectNegatives(rest, specs), options: toParseArgsOptions(specs), allowPositionals: true, strict: true });
  } catch (err) {
    throw describeParseError(err, command);
  }
  restoreNegatives(parsed.values, parsed.positionals);
  const globals: ParsedLine['globals'] = {};
  const options: CommandInput['options'] = {};
  for (const [k, v] of Object.entries(parsed.values)) {
    if (command?.options[k]) options[k] = v as string | boolean | string[];
    else globals[k] = v as string | boolean | string[];
  }
  const args: CommandInput['args'] = {};
  if (command && !globals.help) {
    const pos = [...parsed.positionals];
    for (const p of command.positionals) {
      if (p.variadic) {
        args[p.name] = pos.splice(0);
        if (p.required && (args[p.name] as string[]).length === 0) throw missingArg(command, p.name);
      } else {
        const v = pos.shift();
        if (v === undefined && p.required) throw missingArg(command, p.name);
        args[p.name] = v;
      }
    }
    if (pos.length) throw new UsageError(`novash ${command.name}: unexpected argument '${pos[0]}'. Usage: ${usageLine(command)}`);
    for (const [name, o] of Object.entries(command.options)) {
      if (o.required && options[name] === undefined) {
        throw new UsageError(`novash ${command.name}: --${name} ${o.valueName ?? 'VALUE'} is required. Usage: ${usageLine(command)}`);
      }
    }
  }
  return { command, commandName, globals, input: { args, options } };
}

function missingArg(command: CommandSpec, name: string): UsageError {
  return new UsageError(`novash ${command.name}: missing <${name}>. Usage: ${usageLine(command)}`);
}

/** `novash boot --image IMAGE --flavor FLAVOR [--nic NIC] ... <name>`: required options first, unbracketed. */
export function usageLine(command: CommandSpec): string {
  const parts = [`novash ${command.name}`];
  const entries = Object.entries(command.options);
  for (const [name, o] of [...entries.filter(([, o]) => o.required), ...entries.filter(([, o]) => !o.required)]) {
    const flag = o.type === 'boolean' ? `--${name}` : `--${name} ${o.valueName ?? name.toUpperCase()}`;
    parts.push(o.required ? flag : `[${flag}]`);
  }
  for (const p of command.positionals) {
    const n = `<${p.name}>${p.variadic ? ' [...]' : ''}`;
    parts.push(p.required ? n : `[${n}]`);
  }
  return parts.join(' ');
}

/** `key=value` pairs (--meta, --property): a clear message for anything else. */
export function parseKeyValues(values: string[] | string | undefined, what: string): Record<string, string> {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${what} '${item}' is not of the form key=value.`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** A whole number within bounds, or a message naming the option and what is allowed. */
export function parseInteger(value: string | undefined, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${what} must be a whole number (got '${value}').`);
  const n = Number(value);
  const got = value.trim();
  if (n < min && max === Number.MAX_SAFE_INTEGER) throw new UsageError(`${what} must be at least ${min} (got ${got}).`);
  if (n > max && max === Number.MAX_SAFE_INTEGER) throw new UsageError(`${what} is too large (got ${got}; at most ${max}).`);
  if (n < min || n > max) throw new UsageError(`${what} must be between ${min} and ${max} (got ${got}).`);
  return n;
}

/** Splits a ':' prompt line like a shell would (quotes, backslashes). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
    }
  }
  if (quote) throw new UsageError(`Unclosed ${quote} quote.`);
  if (has || cur) out.push(cur);
  return out;
}
