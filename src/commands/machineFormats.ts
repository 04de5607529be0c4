/**
 * The formats for scripts, as cliff (the openstack CLI) writes them: json, yaml, csv, value and
 * shell. They print machine values (cell.ts): numbers, booleans, null, data as the API gives it.
 *
 * Terminal safety: json and yaml keep the real value, escaped by the serializer (and DEL, C1
 * controls and bidi overrides, which JSON.stringify and the yaml package leave raw, as \uXXXX); csv,
 * value and shell make control characters visible (safeText), so one row stays one line.
 */
import { Document, visit } from 'yaml';
import { safeText } from '../util/terminalText.js';
import { cellValue } from './cell.js';
import type { CsvQuote } from './formats.js';
import type { Cell } from './types.js';

/** What neither JSON.stringify nor the yaml package escapes, but a terminal may act on. */
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeRaw(text: string): string {
  return text.replace(RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A cell's machine value, deep: Shown cells inside lists and mappings too, undefined as null. */
export function machineValue(cell: Cell | unknown): unknown {
  const v = cellValue(cell as Cell);
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(machineValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, machineValue(x)]));
  return v;
}

export function jsonText(value: unknown, noindent = false): string {
  return escapeRaw(JSON.stringify(value, null, noindent ? undefined : 2));
}

/**
 * YAML that both YAML 1.1 readers (PyYAML: `yes`, `on`, dates) and 1.2 readers take back as the
 * same values: strings that 1.1 would read as something else are quoted. Mapping keys sorted,
 * as PyYAML's safe_dump (what cliff uses) sorts them.
 */
export function yamlText(value: unknown): string {
  const doc = new Document(value, { version: '1.1', sortMapEntries: true });
  visit(doc, {
    Scalar(_key, node) {
      // Only a double-quoted scalar can carry the \u escapes added below.
      if (typeof node.value === 'string' && new RegExp(RAW_UNSAFE.source).test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeRaw(doc.toString({ lineWidth: 0 }));
}

/** A value as one word of text: strings made safe, lists and mappings as compact JSON. */
function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return safeText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return safeText(JSON.stringify(v));
}

/**
 * -f value: one row a line, the values separated by one space and printed as they are (as cliff
 * does: a name with spaces is not quoted, so put such a column last or use -f csv/json); null
 * prints as nothing; a list or mapping as compact JSON, so it stays one word of its own.
 */
export function valueRows(rows: unknown[][]): string {
  return rows.map((r) => r.map(plainText).join(' ')).join('\n');
}

function csvField(v: unknown, quote: CsvQuote): string {
  // null is an empty unquoted field, an empty string "" (nonnumeric, all): they stay apart.
  if (v === null || v === undefined) return '';
  const numeric = typeof v === 'number' || typeof v === 'boolean';
  const text = plainText(v);
  if (quote === 'none') return text.replace(/[\\,"]/g, (c) => `\\${c}`);
  // Python's csv writer with cliff's escapechar='\\': a backslash is escaped, a quote doubled.
  const body = text.replace(/\\/g, '\\\\');
  const quoted = quote === 'all' || (quote === 'nonnumeric' && !numeric) || (quote === 'minimal' && /[,"\r\n]/.test(text));
  return quoted ? `"${body.replace(/"/g, '""')}"` : body;
}

/** -f csv (cliff's CSV lister): a header line, then one line a row; --quote picks when to quote. */
export function csvText(columns: string[], rows: unknown[][], quote: CsvQuote = 'nonnumeric'): string {
  const line = (cells: unknown[]) => cells.map((c) => csvField(c, quote)).join(',');
  return [line(columns), ...rows.map(line)].join('\n');
}

/** A field name as a shell variable: lower case, anything but letters, digits and _ made _ (cliff: ' ', ':', '-'). */
export function shellName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * -f shell (cliff's shell formatter): `name="value"` lines for `eval`. Unlike cliff, which escapes
 * only '"', a value can never run anything: \, ", $ and ` are escaped inside the double quotes.
 */
export function shellText(fields: Array<[string, unknown]>, prefix = ''): string {
  return fields.map(([name, v]) => `${prefix}${shellName(name)}="${plainText(v).replace(/[\\"$`]/g, (c) => `\\${c}`)}"`).join('\n');
}
