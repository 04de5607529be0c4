/**
 * Values of declared fields and arguments: text typed by a user (CLI, form) -> a typed value, and a
 * typed value checked against its declaration. Messages name the field; callers that know the
 * flag or the form field (FieldError.field) say it their way.
 */
import { UsageError } from '../session/errors.js';
import type { DeclaredField, FieldValue } from './types.js';

/** A value that does not fit its declaration: which field, and what is wrong with it. */
export class FieldError extends UsageError {
  override name = 'FieldError';
  constructor(
    /** The field's key (the JSON key). */
    readonly field: string,
    /** e.g. "must be at most 45 characters (got 50)". */
    readonly problem: string,
  ) {
    super(`${field} ${problem}.`);
  }
}

function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function typeProblem(field: DeclaredField, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? undefined : `must be a text (got ${shown(value)})`;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : `must be a whole number (got ${shown(value)})`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number (got ${shown(value)})`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false (got ${shown(value)})`;
    case 'list':
      return Array.isArray(value) && value.every((x) => typeof x === 'string')
        ? undefined
        : `must be a list of texts (got ${shown(value)})`;
    case 'map':
      return value && typeof value === 'object' && !Array.isArray(value) ? undefined : `must be key=value pairs (got ${shown(value)})`;
    case 'json':
      return undefined;
  }
}

/** The problem with a typed value, or undefined when it fits the declaration. */
export function valueProblem(field: DeclaredField, value: unknown): string | undefined {
  const t = typeProblem(field, value);
  if (t) return t;
  if (typeof value === 'string') {
    const n = [...value].length;
    if (field.maxLength !== undefined && n > field.maxLength) return `must be at most ${field.maxLength} characters (got ${n})`;
    if (field.minLength !== undefined && n < field.minLength) return `must be at least ${field.minLength} characters (got ${n})`;
    if (field.choices && !field.choices.includes(value)) return `must be one of ${field.choices.join(', ')} (got '${shown(value)}')`;
  }
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min) return `must be at least ${field.min} (got ${value})`;
    if (field.max !== undefined && value > field.max) return `must be at most ${field.max} (got ${value})`;
  }
  return undefined;
}

export function checkValue(field: DeclaredField, value: unknown): FieldValue {
  const problem = valueProblem(field, value);
  if (problem) throw new FieldError(field.key, problem);
  return value as FieldValue;
}

function splitList(texts: string | string[]): string[] {
  return (Array.isArray(texts) ? texts : [texts])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Text (one value, or the values of a repeated option) -> the field's type; then checked.
 * Throws FieldError naming the field.
 */
export function parseValue(field: DeclaredField, texts: string | string[]): FieldValue {
  const text = Array.isArray(texts) ? texts.join(',') : texts;
  let value: unknown;
  switch (field.type) {
    case 'string':
      value = Array.isArray(texts) ? texts.at(-1) : texts;
      break;
    case 'integer':
      if (!/^\s*-?\d+\s*$/.test(text)) throw new FieldError(field.key, `must be a whole number (got '${shown(text)}')`);
      value = Number(text);
      break;
    case 'number':
      value = text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new FieldError(field.key, `must be a number (got '${shown(text)}')`);
      break;
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (!['true', 'false', 'yes', 'no', '1', '0'].includes(t))
        throw new FieldError(field.key, `must be true or false (got '${shown(text)}')`);
      value = t === 'true' || t === 'yes' || t === '1';
      break;
    }
    case 'list':
      value = splitList(texts);
      break;
    case 'map': {
      const out: Record<string, string> = {};
      for (const item of splitList(texts)) {
        const eq = item.indexOf('=');
        if (eq <= 0) throw new FieldError(field.key, `takes key=value pairs ('${shown(item)}' is not one)`);
        out[item.slice(0, eq)] = item.slice(eq + 1);
      }
      value = out;
      break;
    }
    case 'json':
      try {
        value = JSON.parse(text);
      } catch {
        throw new FieldError(field.key, `must be JSON, e.g. {"key": 1} (got '${shown(text)}')`);
      }
      break;
  }
  return checkValue(field, value);
}

/** A typed value as text again (forms start from it; cells show it). */
export function valueText(field: DeclaredField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'list' && Array.isArray(value)) return value.join(',');
  if (field.type === 'map' && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
