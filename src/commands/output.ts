/**
 * Printing a result the way the openstack CLI (cliff) does: -f table|json|value|yaml|csv|shell,
 * -c to pick columns, --sort-column with --sort-ascending/--sort-descending, --fit-width and
 * --max-width for tables, --noindent for json, --quote for csv, --prefix for shell, --print-empty.
 * Results hold machine values (cell.ts); only the table turns them into display text.
 */
import { UsageError } from '../session/errors.js';
import { safeLines, safeText } from '../util/terminalText.js';
import { type Align, boxTable } from './boxTable.js';
import { Shown } from './cell.js';
import { CSV_QUOTES, type CsvQuote, OUTPUT_FORMATS, type OutputFormat } from './formats.js';
import { csvText, jsonText, machineValue, shellText, valueRows, yamlText } from './machineFormats.js';
import type { Cell, CommandResult, OptionValues } from './types.js';

export { OUTPUT_FORMATS, type OutputFormat };

export interface OutputOptions {
  format: OutputFormat;
  /** -c: only these columns (matched as cliff does: case, spaces and underscores aside), in the result's order. */
  columns?: string[];
  /** --sort-column: the first one given sorts first; columns that do not exist are ignored (with a warning). */
  sortColumns?: string[];
  sortDescending?: boolean;
  /** Fit tables into this many terminal columns (--max-width, or the terminal's width). */
  width?: number;
  /** --print-empty: an empty list still prints its header (cliff prints nothing). */
  printEmpty?: boolean;
  /** --noindent: json on one line. */
  noindent?: boolean;
  /** --quote for csv (cliff's default: nonnumeric). */
  quote?: CsvQuote;
  /** --prefix for the shell format's variable names. */
  prefix?: string;
  /** stdout is a terminal: console text (kind 'text') has its control characters made visible. */
  tty?: boolean;
  /** Where a note about ignored -c / --sort-column names goes (stderr in the CLI). */
  warn?: (message: string) => void;
}

/** -f: table by default, on a terminal or not, as the openstack CLI does. */
export function parseFormat(value: unknown): OutputFormat {
  if (value === undefined) return 'table';
  if (typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError(
    `Unknown output format '${String(value)}': use ${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS.at(-1)}.`,
  );
}

export interface TerminalInfo {
  isTTY?: boolean;
  columns?: number;
  env?: NodeJS.ProcessEnv;
}

function strings(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/**
 * The global output options, checked before the command runs (a bad -f never follows a create).
 * Tables fit the terminal when stdout is one, or with --fit-width; --max-width N fits them to N
 * anywhere; CLIFF_MAX_TERM_WIDTH and CLIFF_FIT_WIDTH=1 set the defaults, as for the openstack CLI.
 */
export function outputOptions(globals: OptionValues, terminal: TerminalInfo = {}, warn?: (m: string) => void): OutputOptions {
  const env = terminal.env ?? {};
  if (globals['sort-ascending'] && globals['sort-descending'])
    throw new UsageError('--sort-ascending and --sort-descending cannot be combined.');
  const maxText = typeof globals['max-width'] === 'string' ? globals['max-width'] : env.CLIFF_MAX_TERM_WIDTH;
  let maxWidth = 0;
  if (maxText !== undefined && maxText !== '') {
    if (!/^-?\d+$/.test(maxText.trim()))
      throw new UsageError(`--max-width must be a whole number of columns (got '${maxText}'); 0 turns fitting off.`);
    maxWidth = Number(maxText);
  }
  const fitWidth = globals['fit-width'] === true || env.CLIFF_FIT_WIDTH === '1';
  let width: number | undefined;
  if (maxWidth > 0) width = maxWidth;
  else if (terminal.isTTY || fitWidth) {
    const columns = terminal.isTTY ? terminal.columns : undefined;
    const fromEnv = Number(env.COLUMNS);
    width = columns && columns > 0 ? columns : fitWidth && Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
  }
  const quote = globals.quote;
  if (quote !== undefined && !(CSV_QUOTES as readonly unknown[]).includes(quote)) {
    throw new UsageError(`--quote must be ${CSV_QUOTES.slice(0, -1).join(', ')} or ${CSV_QUOTES.at(-1)} (got '${String(quote)}').`);
  }
  return {
    format: parseFormat(globals.format),
    columns: strings(globals.column),
    sortColumns: strings(globals['sort-column']),
    sortDescending: globals['sort-descending'] === true,
    width,
    printEmpty: globals['print-empty'] === true,
    noindent: globals.noindent === true,
    quote: quote as CsvQuote | undefined,
    prefix: typeof globals.prefix === 'string' ? globals.prefix : undefined,
    tty: terminal.isTTY === true,
    warn,
  };
}

/**
 * A cell as a table shows it: a Shown cell's text; lists comma-separated and mappings as
 * key='value' (the openstack CLI's format_list / format_dict); null as nothing.
 */
export function cellText(cell: Cell | unknown): string {
  if (cell instanceof Shown) return cell.text;
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (Array.isArray(cell)) return cell.map(cellText).join(', ');
  return Object.entries(cell as Record<string, unknown>)
    .map(([k, v]) => `${k}='${cellText(v)}'`)
    .join(', ');
}

/** Table text safe for a terminal: line breaks kept (a cell may span lines), every other control visible. */
function displayCell(cell: Cell): string {
  const text = cellText(cell);
  if (!/[\r\n]/.test(text)) return safeText(text);
  return text.replace(/\r\n?/g, '\n').split('\n').map(safeText).join('\n');
}

const normalize = (name: string) => name.toLowerCase().trim().replace(/ /g, '_');

function quoted(names: string[]): string {
  return names.map((n) => `'${n}'`).join(' or ');
}

/** -c, as cliff: the columns named (in the result's order); unknown names are ignored, none known is an error. */
function selectColumns(names: string[], wanted: string[] | undefined, warn?: (m: string) => void): number[] {
  if (!wanted?.length) return names.map((_, i) => i);
  const asked = new Set(wanted.map(normalize));
  const idx = names.map((_, i) => i).filter((i) => asked.has(normalize(names[i]!)));
  if (!idx.length) throw new UsageError(`No column ${quoted(wanted)}. Columns: ${names.join(', ')}.`);
  const unknown = wanted.filter((w) => !names.some((n) => normalize(n) === normalize(w)));
  if (unknown.length) warn?.(`novash: no column ${quoted(unknown)} (ignored). Columns: ${names.join(', ')}.`);
  return idx;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Sorts as cliff does: by the machine value, nothing (null) after everything else (before, descending). */
function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (kindOf(a) === kindOf(b) && (typeof a === 'number' || typeof a === 'boolean')) return Number(a) - Number(b);
  const [x, y] = typeof a === 'string' && typeof b === 'string' ? [a, b] : [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortRows(columns: string[], rows: Cell[][], options: OutputOptions): Cell[][] {
  const wanted = options.sortColumns ?? [];
  if (!wanted.length) return rows;
  const indexes: number[] = [];
  const unknown: string[] = [];
  for (const w of wanted) {
    const exact = columns.indexOf(w);
    const i = exact >= 0 ? exact : columns.findIndex((c) => normalize(c) === normalize(w));
    if (i >= 0) indexes.push(i);
    else unknown.push(w);
  }
  if (unknown.length) options.warn?.(`novash: no column ${quoted(unknown)} to sort by (ignored). Columns: ${columns.join(', ')}.`);
  const sign = options.sortDescending ? -1 : 1;
  let data = [...rows];
  // The first column given sorts last: a stable sort keeps the order of the ones after it.
  for (const i of [...indexes].reverse()) data = data.sort((r, s) => sign * compareValues(machineValue(r[i]), machineValue(s[i])));
  return data;
}

/** Numbers right, everything else left (a Shown cell too, as cliff aligns a FormattableColumn). */
function alignments(rows: Cell[][], count: number): Align[] {
  return Array.from({ length: count }, (_, i) => {
    const values = rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number') ? 'right' : 'left';
  });
}

function tableResult(result: Extract<CommandResult, { kind: 'table' }>, options: OutputOptions): string {
  const sorted = sortRows(result.columns, result.rows, options);
  const idx = selectColumns(result.columns, options.columns, options.warn);
  const columns = idx.map((i) => result.columns[i]!);
  const rows = sorted.map((r) => idx.map((i) => r[i]));
  const machine = () => rows.map((r) => r.map(machineValue));
  const objects = () => rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, machineValue(r[i])])));
  switch (options.format) {
    case 'json':
      return jsonText(objects(), options.noindent);
    case 'yaml':
      return yamlText(objects()).replace(/\n$/, '');
    case 'csv':
      return csvText(columns, machine(), options.quote);
    case 'value':
      return valueRows(machine());
    case 'shell':
      if (rows.length !== 1)
        throw new UsageError(`-f shell shows one item, and this result is a list of ${rows.length}: use -f json, yaml, csv or value.`);
      return shellText(
        columns.map((c, i) => [c, machineValue(rows[0]![i])]),
        options.prefix,
      );
    case 'table':
      if (!rows.length && !options.printEmpty) return '';
      return boxTable(
        columns.map(safeText),
        rows.map((r) => r.map(displayCell)),
        { width: options.width, align: alignments(rows, columns.length) },
      );
  }
}

function recordResult(result: Extract<CommandResult, { kind: 'record' }>, options: OutputOptions): string {
  const idx = selectColumns(
    result.fields.map(([k]) => k),
    options.columns,
    options.warn,
  );
  const fields = idx.map((i) => result.fields[i]!);
  const machine = fields.map(([k, v]): [string, unknown] => [k, machineValue(v)]);
  switch (options.format) {
    case 'json':
      return jsonText(Object.fromEntries(machine), options.noindent);
    case 'yaml':
      // cliff writes a record field by field, in its order (nested mappings sorted).
      return machine
        .map(([k, v]) => yamlText({ [k]: v }))
        .join('')
        .replace(/\n$/, '');
    case 'csv':
      return csvText(
        machine.map(([k]) => k),
        [machine.map(([, v]) => v)],
        options.quote,
      );
    case 'value':
      return valueRows(machine.map(([, v]) => [v]));
    case 'shell':
      return shellText(machine, options.prefix);
    case 'table':
      return boxTable(
        ['Field', 'Value'],
        fields.map(([k, v]) => [safeText(k), displayCell(v)]),
        { width: options.width },
      );
  }
}

/** Renders a result for stdout (without the final newline). */
export function formatResult(result: CommandResult, format: OutputFormat | OutputOptions, columns?: string[]): string {
  const options: OutputOptions = typeof format === 'string' ? { format, columns } : format;
  switch (result.kind) {
    case 'table':
      return tableResult(result, options);
    case 'record':
      return recordResult(result, options);
    case 'text': {
      if (options.format === 'json') return jsonText({ output: result.text }, options.noindent);
      if (options.format === 'yaml') return yamlText({ output: result.text }).replace(/\n$/, '');
      const text = result.text.replace(/\n$/, '');
      return options.tty ? safeLines(text) : text;
    }
    case 'message': {
      const errors = result.errors ?? [];
      const doc = {
        message: result.text,
        ...(errors.length ? { errors } : {}),
        ...(result.data ? { data: machineValue(result.data) } : {}),
      };
      if (options.format === 'json') return jsonText(doc, options.noindent);
      if (options.format === 'yaml') return yamlText(doc).replace(/\n$/, '');
      return safeLines(result.text);
    }
  }
}
