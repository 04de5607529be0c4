/** The `fields:` of a resource and the `arguments:` of a server action, as the file writes them. */
import { FIELD_TYPES, type DeclaredField, type FieldType, type FieldValue } from './types.js';
import type { At, YamlReader } from './yamlReader.js';

export const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_:-]*$/;
export const KEY_RULE = 'letters, digits, _, - and : (a JSON key), starting with a letter or _';
export const CLI_NAME = { pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, describe: 'lower-case words joined by -, e.g. disk-format' };

const COMMON_KEYS: Record<string, string> = {
  type: `the value's type: ${FIELD_TYPES.join(', ')} (default string)`,
  required: 'true when it must be given',
  positional: 'true for a positional argument (in declaration order) instead of an option',
  help: 'one line for help and forms',
  title: 'the column and form title',
  cli_name: "the name on the command line (default: the key with '_' as '-')",
  max_length: 'strings: at most this many characters',
  min_length: 'strings: at least this many characters',
  min: 'integers and numbers: the smallest allowed',
  max: 'integers and numbers: the largest allowed',
  choices: 'strings: the allowed values',
  default: 'the value used when none is given',
};

export const FIELD_KEYS: Record<string, string> = {
  ...COMMON_KEYS,
  create: 'false when create does not send it (default true)',
  update: 'false when update cannot change it (default true, false for the id)',
  readonly: 'true for a field the cloud sets (shown, never sent)',
};

export const ARGUMENT_KEYS: Record<string, string> = COMMON_KEYS;

/** "created_at" -> "Created At", "id" -> "ID": the openstack CLI's column titles. */
export function titleOf(key: string): string {
  if (key === 'id') return 'ID';
  return key
    .split(/[_-]+/)
    .filter(Boolean)
    .map((w) => (w === 'id' ? 'ID' : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

function checkDefault(r: YamlReader, at: At, type: FieldType, choices?: readonly string[]): FieldValue {
  const v = r.value(at) as FieldValue;
  const ok =
    type === 'string'
      ? typeof v === 'string'
      : type === 'integer'
        ? typeof v === 'number' && Number.isInteger(v)
        : type === 'number'
          ? typeof v === 'number'
          : type === 'boolean'
            ? typeof v === 'boolean'
            : type === 'list'
              ? Array.isArray(v) && v.every((x) => typeof x === 'string')
              : type === 'map'
                ? !!v && typeof v === 'object' && !Array.isArray(v)
                : true;
  if (!ok) r.fail(at, `the default must be a ${type} value`);
  if (choices && typeof v === 'string' && !choices.includes(v))
    r.fail(at, `the default '${v}' is not one of the choices (${choices.join(', ')})`);
  return v;
}

/** One field or argument; `forResource` adds create/update/readonly. */
export function readField(r: YamlReader, key: string, at: At, forResource: boolean): DeclaredField {
  // `name: {}` and a bare `name:` (null) both mean "a string, with the defaults".
  const keys = at.node === null || at.node === undefined ? new Map<string, At>() : r.map(at, forResource ? FIELD_KEYS : ARGUMENT_KEYS);
  const get = (k: string) => keys.get(k);
  const bool = (k: string, dflt: boolean) => (get(k) ? r.boolean(get(k)!) : dflt);
  const type = get('type') ? r.oneOf(get('type')!, FIELD_TYPES) : 'string';
  const onlyFor = (k: string, types: FieldType[]) => {
    if (get(k) && !types.includes(type)) r.fail(get(k)!, `only for ${types.join(' and ')} fields (this one is ${type})`);
  };
  onlyFor('max_length', ['string']);
  onlyFor('min_length', ['string']);
  onlyFor('choices', ['string']);
  onlyFor('min', ['integer', 'number']);
  onlyFor('max', ['integer', 'number']);
  const readonly = forResource && bool('readonly', false);
  if (readonly) {
    for (const k of ['create', 'update', 'required', 'positional'])
      if (get(k) && r.boolean(get(k)!)) r.fail(get(k)!, `a readonly field is never sent: '${k}: true' contradicts it`);
  }
  const num = (k: string) => (get(k) ? (type === 'integer' ? r.integer(get(k)!) : r.number(get(k)!)) : undefined);
  const choices = get('choices') ? r.strings(get('choices')!) : undefined;
  if (choices && choices.length === 0) r.fail(get('choices')!, 'needs at least one choice');
  const field: DeclaredField = {
    key,
    name: get('cli_name') ? r.string(get('cli_name')!, CLI_NAME) : key.toLowerCase().replace(/[_:]+/g, '-'),
    type,
    required: bool('required', false),
    positional: bool('positional', false),
    create: !readonly && bool('create', true),
    update: !readonly && bool('update', true),
    title: get('title') ? r.string(get('title')!) : titleOf(key),
    help: get('help') ? r.string(get('help')!) : undefined,
    maxLength: get('max_length') ? r.integer(get('max_length')!, 1) : undefined,
    minLength: get('min_length') ? r.integer(get('min_length')!, 0) : undefined,
    min: num('min'),
    max: num('max'),
    choices,
  };
  if (!CLI_NAME.pattern.test(field.name)) {
    r.fail({ node: at.node, path: at.path }, `'${key}' does not make a command-line name; give one with cli_name (${CLI_NAME.describe})`);
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max)
    r.fail(get('max')!, `max (${field.max}) is below min (${field.min})`);
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
    r.fail(get('max_length')!, `max_length (${field.maxLength}) is below min_length (${field.minLength})`);
  if (get('default')) field.default = checkDefault(r, get('default')!, type, choices);
  if (field.required && field.default !== undefined)
    r.fail(get('default')!, 'a required value needs no default (or make it required: false)');
  if (field.positional && (type === 'boolean' || type === 'map'))
    r.fail(get('positional')!, `a ${type} cannot be positional; leave it an option`);
  return field;
}

/** Positionals in order: a required one after an optional one could never be told apart. */
export function checkPositionalOrder(r: YamlReader, fields: Array<{ field: DeclaredField; at: At }>): void {
  let optional: string | undefined;
  for (const { field, at } of fields) {
    if (!field.positional) continue;
    if (field.required && optional)
      r.fail(at, `the required positional '${field.key}' comes after the optional positional '${optional}'; put required ones first`);
    if (!field.required) optional = field.key;
  }
}

/** A field that becomes an option must not shadow one of novash's own (--format, --help, ...). */
export function checkOptionName(r: YamlReader, field: DeclaredField, at: At, globalOptions: ReadonlySet<string>, isOption: boolean): void {
  if (isOption && globalOptions.has(field.name)) {
    r.fail(at, `the option --${field.name} is one of novash's global options; give '${field.key}' another cli_name`);
  }
}
