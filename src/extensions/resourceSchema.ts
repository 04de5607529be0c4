/** One entry of `resources:` -> a DeclaredResource, every rule checked with its position. */
import { CLI_NAME, KEY_PATTERN, KEY_RULE, checkOptionName, checkPositionalOrder, readField, titleOf } from './fieldSchema.js';
import { OPERATIONS, type BodyShape, type DeclaredField, type DeclaredResource, type Operation } from './types.js';
import type { At, YamlReader } from './yamlReader.js';

export const MICROVERSION = { pattern: /^2\.\d+$/, describe: 'a compute microversion like 2.64, written as text ("2.64")' };
const PATH = {
  pattern: /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/,
  describe: 'a path under the service endpoint, e.g. /os-documents (no trailing /)',
};
const JSON_KEY = { pattern: KEY_PATTERN, describe: KEY_RULE };

const RESOURCE_KEYS: Record<string, string> = {
  name: 'the singular name, e.g. document: commands document-list, document-show, ...',
  plural: 'the plural, e.g. documents: the :documents screen (default: name + s)',
  title: 'the screen title (default from plural)',
  summary: 'one line for help',
  service: 'the catalog service: compute (default), image or network',
  path: 'the collection path, e.g. /os-documents',
  list_key: 'the key of the list answer, e.g. document for {"document": [...]} (default: plural with _)',
  show_key: 'the key of the show answer, e.g. document (default: name with _)',
  id_field: 'the field holding the id (default id)',
  name_field: 'the field holding the name (default name, when declared)',
  client_chosen_id: 'true when create sends the id (os-documents), false when the cloud chooses it',
  body: 'bare ({"name": ...}) or wrapped ({"<wrap_key>": {"name": ...}})',
  wrap_key: 'for body: wrapped, the key around the body (default: show_key)',
  operations: `which of ${OPERATIONS.join(', ')} the cloud offers (default all)`,
  fields: 'the fields, each with its type',
  columns: 'the fields shown as list columns, in order',
  min_microversion: 'the lowest compute microversion it needs, e.g. "2.64"',
  commands: `command names per operation (default <name>-list, ...)`,
};

export function readResource(r: YamlReader, at: At, globalOptions: ReadonlySet<string>): DeclaredResource & { positions: Map<string, At> } {
  const keys = r.map(at, RESOURCE_KEYS, ['name', 'path', 'fields']);
  const get = (k: string) => keys.get(k);
  const name = r.string(get('name')!, CLI_NAME);
  const plural = get('plural') ? r.string(get('plural')!, CLI_NAME) : `${name}s`;
  if (plural === name) r.fail(get('plural')!, `the plural must differ from the name '${name}'`);
  const service = get('service') ? r.oneOf(get('service')!, ['compute', 'image', 'network'] as const) : 'compute';
  const path = r.string(get('path')!, PATH);
  const fieldsAt = get('fields')!;
  const entries = r.entries(fieldsAt, KEY_PATTERN, KEY_RULE);
  if (!entries.length) r.fail(fieldsAt, 'declare at least the id field');
  const fields: Array<{ field: DeclaredField; at: At }> = entries.map((e) => ({
    field: readField(r, e.key, e.at, true),
    at: { node: e.keyNode, path: e.at.path },
  }));
  const byKey = new Map(fields.map((f) => [f.field.key, f]));
  const fieldRef = (k: string, dflt: string | undefined, what: string): string | undefined => {
    const a = get(k);
    const v = a ? r.string(a, JSON_KEY) : dflt;
    if (v !== undefined && !byKey.has(v)) {
      if (a || k === 'id_field')
        r.fail(
          a ?? fieldsAt,
          `${a ? `'${v}'` : `the ${what} field '${v}'`} is not one of the fields (${[...byKey.keys()].join(', ')})${a ? '' : '; declare it, or name another with id_field'}`,
        );
      return undefined;
    }
    return v;
  };
  const idField = fieldRef('id_field', 'id', 'id')!;
  const nameField = fieldRef('name_field', 'name', 'name');
  const clientChosenId = get('client_chosen_id') ? r.boolean(get('client_chosen_id')!) : false;
  const idEntry = byKey.get(idField)!;
  // The id goes into a create body only when the client chooses it; it is never updated.
  idEntry.field.create = clientChosenId;
  idEntry.field.update = false;
  if (clientChosenId) idEntry.field.required = true;
  const operations = new Set<Operation>(get('operations') ? r.list(get('operations')!).map((o) => r.oneOf(o, OPERATIONS)) : OPERATIONS);
  if (get('operations') && !operations.size) r.fail(get('operations')!, `name at least one of ${OPERATIONS.join(', ')}`);
  const bodyStyle = get('body') ? r.oneOf(get('body')!, ['bare', 'wrapped'] as const) : 'bare';
  const listKey = get('list_key') ? r.string(get('list_key')!, JSON_KEY) : plural.replace(/-/g, '_');
  const showKey = get('show_key') ? r.string(get('show_key')!, JSON_KEY) : name.replace(/-/g, '_');
  if (get('wrap_key') && bodyStyle !== 'wrapped') r.fail(get('wrap_key')!, "only with 'body: wrapped'");
  const body: BodyShape =
    bodyStyle === 'wrapped'
      ? { style: 'wrapped', key: get('wrap_key') ? r.string(get('wrap_key')!, JSON_KEY) : showKey }
      : { style: 'bare' };
  for (const { field, at: fat } of fields) {
    if (field.required && !field.create && field.key !== idField)
      r.fail(fat, `'${field.key}' is required but never sent on create (create: false or readonly)`);
  }
  checkPositionalOrder(
    r,
    fields.filter((f) => f.field.create),
  );
  for (const { field, at: fat } of fields) {
    const createOption = field.create && !field.positional && operations.has('create');
    checkOptionName(r, field, fat, globalOptions, createOption || (field.update && operations.has('update')));
  }
  let columns: string[];
  if (get('columns')) {
    const list = r.list(get('columns')!);
    columns = list.map((c) => {
      const k = r.string(c, JSON_KEY);
      if (!byKey.has(k)) r.fail(c, `'${k}' is not one of the fields (${[...byKey.keys()].join(', ')})`);
      return k;
    });
    if (!columns.length) r.fail(get('columns')!, 'name at least one field');
  } else {
    columns = [
      idField,
      ...(nameField && nameField !== idField ? [nameField] : []),
      ...fields.map((f) => f.field.key).filter((k) => k !== idField && k !== nameField),
    ].slice(0, 6);
  }
  const commands: Partial<Record<Operation, string>> = {};
  const commandAts = new Map<string, At>();
  const overrides = get('commands')
    ? r.map(get('commands')!, Object.fromEntries(OPERATIONS.map((o) => [o, `the command for ${o}`])))
    : new Map<string, At>();
  for (const op of OPERATIONS) {
    if (!operations.has(op)) {
      if (overrides.has(op)) r.fail(overrides.get(op)!, `'${op}' is not in operations`);
      continue;
    }
    const o = overrides.get(op);
    commands[op] = o ? r.string(o, CLI_NAME) : `${name}-${op}`;
    commandAts.set(commands[op]!, o ?? get('name')!);
  }
  const { line, column } = r.pos(at.node);
  return {
    kind: 'resource',
    name,
    plural,
    title: get('title') ? r.string(get('title')!) : titleOf(plural),
    summary: get('summary') ? r.string(get('summary')!) : titleOf(plural),
    service,
    path,
    listKey,
    showKey,
    idField,
    nameField,
    clientChosenId,
    body,
    operations,
    fields: fields.map((f) => f.field),
    columns,
    minMicroversion: get('min_microversion') ? r.string(get('min_microversion')!, MICROVERSION) : undefined,
    commands,
    source: { file: '', line, column },
    positions: commandAts,
  };
}
