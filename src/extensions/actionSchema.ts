/** One entry of `server_actions:` -> a DeclaredServerAction, every rule checked with its position. */
import type { OptionSpec, PositionalSpec } from '../commands/types.js';
import { optionOf, positionalOf } from './cliValues.js';
import { CLI_NAME, KEY_PATTERN, KEY_RULE, checkOptionName, checkPositionalOrder, readField, titleOf } from './fieldSchema.js';
import { MICROVERSION } from './resourceSchema.js';
import type { DeclaredField, DeclaredServerAction, ResponseHolds } from './types.js';
import type { At, YamlReader } from './yamlReader.js';

const ACTION_KEYS: Record<string, string> = {
  name: 'the command name, e.g. backup-instance',
  summary: 'one line for help',
  label: "the label in the app's action menu (default from name)",
  hotkey: "the action menu's letter for it (default: a free letter of the label)",
  path: 'a member path: POST /servers/{id}/<path>, e.g. backup_instance',
  action: 'an /action key: POST /servers/{id}/action {"<action>": ...}, e.g. os-resetState',
  arguments: 'the arguments, each with its type (none: the /action body is {"<action>": null})',
  changes_cloud: 'false for an action that only reads (default true)',
  confirm: 'the confirmation text; {server} and {<argument>} are filled in',
  applies_to: 'the server states it applies to: status, task_state, locked',
  min_microversion: 'the lowest compute microversion it needs, e.g. "2.64"',
  response: 'what the answer holds: key and holds (image, text or record)',
  settled_status: 'with --wait: the server statuses that mean done',
};

const STATUS = { pattern: /^[A-Z][A-Z_]*$/, describe: 'a Nova server status in capitals, e.g. ACTIVE or SHUTOFF' };
const HOLDS: readonly ResponseHolds[] = ['image', 'text', 'record'];
/** Names the CLI already gives a meaning to in an action command. */
const TAKEN_ARGUMENTS = ['server', 'wait'];

function labelOf(name: string): string {
  const words = name.split('-');
  return [words[0]![0]!.toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

function checkTemplate(r: YamlReader, at: At, text: string, names: string[]): void {
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const ref = m[1]!;
    if (ref !== 'server' && !names.includes(ref)) {
      r.fail(at, `{${ref}} names nothing: use {server}${names.length ? ` or one of ${names.map((n) => `{${n}}`).join(', ')}` : ''}`);
    }
  }
}

export function readServerAction(r: YamlReader, at: At, globalOptions: ReadonlySet<string>): DeclaredServerAction & { nameAt: At } {
  const keys = r.map(at, ACTION_KEYS, ['name']);
  const get = (k: string) => keys.get(k);
  const name = r.string(get('name')!, CLI_NAME);
  const path = get('path')
    ? r.string(get('path')!, { pattern: /^[A-Za-z0-9._~-]+$/, describe: 'one path segment after /servers/{id}/, e.g. backup_instance' })
    : undefined;
  const actionKey = get('action') ? r.string(get('action')!, { pattern: KEY_PATTERN, describe: KEY_RULE }) : undefined;
  if (path && actionKey) r.fail(get('action')!, "give 'path' (a member path) or 'action' (an /action key), not both");
  if (!path && !actionKey)
    r.fail(at, "missing 'path' (a member path: POST /servers/{id}/<path>) or 'action' (an /action key: POST /servers/{id}/action)");
  if (path === 'action') r.fail(get('path')!, "'action' is Nova's action URL: declare 'action: <key>' instead");

  const args: Array<{ field: DeclaredField; at: At }> = get('arguments')
    ? r
        .entries(get('arguments')!, KEY_PATTERN, KEY_RULE)
        .map((e) => ({ field: readField(r, e.key, e.at, false), at: { node: e.keyNode, path: e.at.path } }))
    : [];
  for (const { field, at: aat } of args) {
    if (TAKEN_ARGUMENTS.includes(field.name))
      r.fail(aat, `'${field.name}' is taken by the command itself (<server>, --wait); give the argument another cli_name`);
    checkOptionName(r, field, aat, globalOptions, !field.positional);
  }
  checkPositionalOrder(r, args);
  const argNames = args.map((a) => a.field.key);

  let response: DeclaredServerAction['response'];
  if (get('response')) {
    const rk = r.map(
      get('response')!,
      { key: 'the key of the answer holding the value, e.g. id', holds: `what it holds: ${HOLDS.join(', ')}` },
      ['key', 'holds'],
    );
    response = { key: r.string(rk.get('key')!, { pattern: KEY_PATTERN, describe: KEY_RULE }), holds: r.oneOf(rk.get('holds')!, HOLDS) };
  }
  const appliesTo: DeclaredServerAction['appliesTo'] = { taskStateIdle: false };
  if (get('applies_to')) {
    const ak = r.map(get('applies_to')!, {
      status: 'the server statuses it applies to, e.g. [ACTIVE, SHUTOFF]',
      task_state: 'idle (no task running) or any (default any)',
      locked: 'true, false or any (default any)',
    });
    if (ak.get('status')) {
      appliesTo.statuses = r.strings(ak.get('status')!, STATUS);
      if (!appliesTo.statuses.length) r.fail(ak.get('status')!, 'name at least one status');
    }
    if (ak.get('task_state')) appliesTo.taskStateIdle = r.oneOf(ak.get('task_state')!, ['idle', 'any'] as const) === 'idle';
    if (ak.get('locked')) {
      const l = r.oneOf(ak.get('locked')!, ['true', 'false', 'any'] as const);
      if (l !== 'any') appliesTo.locked = l === 'true';
    }
  }
  const settledStatuses = get('settled_status') ? r.strings(get('settled_status')!, STATUS) : undefined;
  const confirm = get('confirm') ? r.string(get('confirm')!) : undefined;
  if (confirm) checkTemplate(r, get('confirm')!, confirm, argNames);

  const canWait = response?.holds === 'image' || !!settledStatuses?.length;
  const positionalArgs = args.filter((a) => a.field.positional).map((a) => a.field);
  const positionals: PositionalSpec[] = [
    // Without positional arguments an action takes several servers, like novaclient's.
    { name: 'server', required: true, variadic: positionalArgs.length === 0, completer: 'server', help: 'Name, human id or ID' },
    ...positionalArgs.map((f) => positionalOf(f)),
  ];
  const options: Record<string, OptionSpec> = {};
  for (const { field: f } of args) if (!f.positional) options[f.name] = optionOf(f, f.required);
  if (canWait) {
    options.wait = {
      type: 'boolean',
      help:
        response?.holds === 'image'
          ? 'Wait until the image is active, showing progress on stderr'
          : `Wait until the server is ${settledStatuses!.join(' or ')}`,
    };
  }
  const { line, column } = r.pos(at.node);
  return {
    kind: 'server-action',
    name,
    summary: get('summary') ? r.string(get('summary')!) : titleOf(name),
    label: get('label') ? r.string(get('label')!) : labelOf(name),
    ...(get('hotkey') ? { hotkey: r.string(get('hotkey')!, { pattern: /^[A-Za-z]$/, describe: 'one letter, a-z or A-Z' }) } : {}),
    request: path ? { style: 'member', path } : { style: 'action', key: actionKey! },
    arguments: args.map((a) => a.field),
    positionals,
    options,
    mutating: get('changes_cloud') ? r.boolean(get('changes_cloud')!) : true,
    confirm,
    appliesTo,
    minMicroversion: get('min_microversion') ? r.string(get('min_microversion')!, MICROVERSION) : undefined,
    response,
    settledStatuses,
    source: { file: '', line, column },
    nameAt: get('name')!,
  };
}
