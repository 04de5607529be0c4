import { UsageError } from '../session/errors.js';
import type { Cell, CommandResult } from './types.js';

export type OutputFormat = 'table' | 'json' | 'value';

/** -f: table by default, on a terminal or not, as the openstack CLI does. */
export function parseFormat(value: unknown): OutputFormat {
  if (value === undefined) return 'table';
  if (value === 'table' || value === 'json' || value === 'value') return value;
  throw new UsageError(`Unknown output format '${String(value)}': use table, json or value.`);
}

/** A cell as text: objects as key=value lists (as the openstack CLI prints them), null as ''. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (Array.isArray(cell)) return cell.map((c) => cellText(c as Cell)).join(', ');
  return Object.entries(cell).map(([k, v]) => `${k}='${cellText(v as Cell)}'`).join(', ');
}

function jsonValue(cell: Cell): unknown {
  return cell === undefined ? null : cell;
}

/** Picks the asked-for columns (-c), matching case-insensitively; names a wrong one. */
function selectColumns(names: string[], wanted: string[] | undefined): number[] {
  if (!wanted?.length) return names.map((_, i) => i);
  return wanted.map((w) => {
    const i = names.findIndex((n) => n.toLowerCase() === w.toLowerCase());
    if (i < 0) throw new UsageError(`No column '${w}'. Columns: ${names.join(', ')}.`);
    return i;
  });
}

function boxTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.max(...r[i]!.split('\n').map((l) => l.length)))));
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (cells: string[]) => {
    const split = cells.map((c) => c.split('\n'));
    const height = Math.max(...split.map((s) => s.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++) out.push('| ' + split.map((s, i) => (s[l] ?? '').padEnd(widths[i]!)).join(' | ') + ' |');
    return out.join('\n');
  };
  return [sep, line(header), sep, ...rows.map(line), sep].join('\n');
}

/** Renders a result as the openstack CLI would: box table, JSON, or bare values. */
export function formatResult(result: CommandResult, format: OutputFormat, columns?: string[]): string {
  switch (result.kind) {
    case 'table': {
      const idx = selectColumns(result.columns, columns);
      const cols = idx.map((i) => result.columns[i]!);
      if (format === 'json') {
        const objs = result.rows.map((r) => Object.fromEntries(idx.map((i) => [result.columns[i]!, jsonValue(r[i])])));
        return JSON.stringify(objs, null, 2);
      }
      const rows = result.rows.map((r) => idx.map((i) => cellText(r[i])));
      if (format === 'value') return rows.map((r) => r.join(' ')).join('\n');
      return boxTable(cols, rows);
    }
    case 'record': {
      const names = result.fields.map(([k]) => k);
      const idx = selectColumns(names, columns);
      const fields = idx.map((i) => result.fields[i]!);
      if (format === 'json') return JSON.stringify(Object.fromEntries(fields.map(([k, v]) => [k, jsonValue(v)])), null, 2);
      if (format === 'value') return fields.map(([, v]) => cellText(v)).join('\n');
      return boxTable(['Field', 'Value'], fields.map(([k, v]) => [k, cellText(v)]));
    }
    case 'text':
      return format === 'json' ? JSON.stringify({ output: result.text }, null, 2) : result.text.replace(/\n$/, '');
    case 'message':
      return result.text;
  }
}
