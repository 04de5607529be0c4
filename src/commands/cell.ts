/**
 * Typed cells. A result holds machine values (numbers, booleans, null, sizes in bytes, dates as the
 * API gives them); `-f json|yaml|csv|value|shell` print those. Only the table format turns a value
 * into display text, and a cell that needs more than the default (a size in KiB/MiB, a power state
 * name, '-' for nothing) carries that text with it: a `Shown` cell, like cliff's FormattableColumn
 * (machine_readable for the machine formats, human_readable for the table).
 */
import { POWER_STATES } from '../managers/types.js';
import type { Cell } from './types.js';

export class Shown {
  constructor(
    /** What json, yaml, csv, value and shell print, and what --sort-column sorts by. */
    readonly value: Cell,
    /** What the table shows. */
    readonly text: string,
  ) {}
}

export function shown(value: Cell, text: string): Shown {
  return new Shown(value, text);
}

/** The machine value of a cell. */
export function cellValue(cell: Cell): Cell {
  return cell instanceof Shown ? cell.value : cell;
}

export function sizeText(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** A size in bytes: the number for machines, KiB/MiB/GiB in a table. */
export function bytesCell(bytes: number | null | undefined): Shown {
  return shown(bytes ?? null, sizeText(bytes));
}

/** Nova's power_state number: the number for machines, its name (Running, Shutdown...) in a table. */
export function powerStateCell(state: number | null | undefined): Shown {
  const value = state ?? null;
  return shown(value, value === null ? '' : (POWER_STATES[value] ?? String(value)));
}

/** Nothing is null for machines and '-' in a table (novaclient's habit, e.g. for the task state). */
export function dashIfNone(value: string | null | undefined): Cell {
  return value === null || value === undefined || value === '' ? shown(null, '-') : value;
}

/** A quota: -1 (Nova's "unlimited") or null stays so for machines, and reads "unlimited" in a table. */
export function limitCell(value: number | null): Cell {
  return value === null || value < 0 ? shown(value, 'unlimited') : value;
}

/** Zero is 0 for machines and blank in a table (a flavor's swap, as novaclient shows it). */
export function blankIfZero(value: number): Cell {
  return value === 0 ? shown(0, '') : value;
}
