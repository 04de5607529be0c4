/** Command-line input -> declared values, with messages that name the flag or the positional. */
import type { CommandInput, OptionSpec, PositionalSpec } from '../commands/types.js';
import { UsageError } from '../session/errors.js';
import type { DeclaredField, FieldValue } from './types.js';
import { FieldError, parseValue } from './values.js';

export function cliLabel(field: DeclaredField, positional: boolean): string {
  return positional ? `<${field.name}>` : `--${field.name}`;
}

/** A FieldError from anywhere below (values, manager) said with the command's own words. */
export function withCliNames<T>(command: string, fields: DeclaredField[], positional: (f: DeclaredField) => boolean, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw cliError(command, fields, positional, err);
  }
}

export function cliError(command: string, fields: DeclaredField[], positional: (f: DeclaredField) => boolean, err: unknown): unknown {
  if (!(err instanceof FieldError)) return err;
  const f = fields.find((x) => x.key === err.field);
  return new UsageError(`novash ${command}: ${f ? cliLabel(f, positional(f)) : err.field} ${err.problem}.`);
}

/** The values given on the command line, typed and checked; absent ones stay absent. */
export function inputValues(
  command: string,
  fields: DeclaredField[],
  input: CommandInput,
  positional: (f: DeclaredField) => boolean,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) {
    const raw = positional(f) ? input.args[f.name] : input.options[f.name];
    if (raw === undefined || typeof raw === 'boolean') continue;
    out[f.key] = withCliNames(command, fields, positional, () => parseValue(f, raw));
  }
  return out;
}

export function positionalOf(f: DeclaredField, required = f.required): PositionalSpec {
  return { name: f.name, required, help: f.help ?? f.title, ...(f.choices ? { completer: f.choices } : {}) };
}

export function optionOf(f: DeclaredField, required = false): OptionSpec {
  const notes = [
    required ? 'required' : '',
    f.default !== undefined ? `default ${JSON.stringify(f.default)}` : '',
    f.maxLength !== undefined ? `at most ${f.maxLength} characters` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    type: 'string',
    help: `${f.help ?? f.title}${notes ? ` (${notes})` : ''}`,
    valueName: f.type === 'map' ? 'KEY=VALUE' : f.type === 'json' ? 'JSON' : f.key.toUpperCase(),
    ...(f.type === 'list' || f.type === 'map' ? { multiple: true } : {}),
    ...(f.choices ? { completer: f.choices } : f.type === 'boolean' ? { completer: ['true', 'false'] } : {}),
  };
}
