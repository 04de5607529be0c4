/**
 * Extension files: what a good one becomes, and every message a bad one gets — the file, the
 * line and column, the key, and what is allowed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadExtensions } from '../../src/extensions/load.js';
import type { LoadedExtensions } from '../../src/extensions/types.js';

const dir = mkdtempSync(join(tmpdir(), 'novash-ext-schema-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function load(texts: string[], options: Parameters<typeof loadExtensions>[0] = {}): LoadedExtensions & { paths: string[] } {
  const paths = texts.map((t) => {
    const p = join(dir, `ext-${++n}.yaml`);
    writeFileSync(p, t);
    return p;
  });
  return { ...loadExtensions({ reservedCommands: ['list', 'show', 'backup'], cacheDir: false, ...options, paths }), paths };
}

/** The one message of a bad file. */
function problem(text: string): string {
  const r = load([text]);
  assert.equal(r.files.length, 1);
  const e = r.files[0]!.error;
  assert.ok(e, `expected an error for:\n${text}`);
  assert.ok(e.startsWith(r.paths[0]!), `names the file: ${e}`);
  assert.equal(r.resources.length + r.actions.length, 0, 'a bad file adds nothing');
  return e.slice(r.paths[0]!.length);
}

const DOC = `resources:
  - name: document
    path: /os-documents
    list_key: document
    fields:
      id: { type: integer, positional: true }
      name: { type: string, max_length: 45, required: true, positional: true }
`;

test('a good file: resources and server actions with their defaults', () => {
  const r = load([
    `${DOC}    client_chosen_id: true
server_actions:
  - name: backup-instance
    path: backup_instance
    arguments:
      name: { required: true, positional: true }
      description: { required: true, positional: true }
    response: { key: id, holds: image }
    applies_to: { status: [ACTIVE, SHUTOFF], task_state: idle }
  - name: reset-state
    action: os-resetState
    arguments:
      state: { choices: [active, error], default: error }
  - name: crash
    action: trigger_crash_dump
    min_microversion: 2.10
`,
  ]);
  assert.equal(r.files[0]!.error, undefined);
  const [doc] = r.resources;
  assert.equal(doc!.plural, 'documents');
  assert.equal(doc!.listKey, 'document');
  assert.equal(doc!.showKey, 'document');
  assert.deepEqual(doc!.body, { style: 'bare' });
  assert.deepEqual([...doc!.operations], ['list', 'show', 'create', 'update', 'delete']);
  assert.deepEqual(doc!.commands, {
    list: 'document-list',
    show: 'document-show',
    create: 'document-create',
    update: 'document-update',
    delete: 'document-delete',
  });
  assert.deepEqual(doc!.columns, ['id', 'name']);
  const id = doc!.fields[0]!;
  assert.equal(id.create, true, 'client_chosen_id: the id goes into the create body');
  assert.equal(id.update, false);
  assert.equal(id.required, true);
  assert.deepEqual(r.files[0]!.adds, [
    'document-list',
    'document-show',
    'document-create',
    'document-update',
    'document-delete',
    'backup-instance',
    'reset-state',
    'crash',
  ]);
  const [backup, reset, crash] = r.actions;
  assert.deepEqual(backup!.request, { style: 'member', path: 'backup_instance' });
  assert.deepEqual(
    backup!.positionals.map((p) => p.name),
    ['server', 'name', 'description'],
  );
  assert.equal(backup!.positionals[0]!.variadic, false);
  assert.ok(backup!.options.wait, 'an image to follow: --wait');
  assert.deepEqual(backup!.appliesTo, { taskStateIdle: true, statuses: ['ACTIVE', 'SHUTOFF'] });
  assert.equal(backup!.label, 'Backup instance');
  assert.deepEqual(reset!.request, { style: 'action', key: 'os-resetState' });
  assert.equal(reset!.positionals[0]!.variadic, true, 'no positional arguments: several servers');
  assert.deepEqual(reset!.options.state?.completer, ['active', 'error']);
  assert.equal(reset!.options.wait, undefined);
  assert.equal(crash!.minMicroversion, '2.10', 'written 2.10, kept as 2.10 (not the number 2.1)');
  assert.equal(crash!.mutating, true);
});

test('a wrapped body defaults its key to the show key; clouds limit a file', () => {
  const wrapped = `clouds: [devcloud]
resources:
  - name: server-group
    path: /os-server-groups
    body: wrapped
    operations: [list, show, create, delete]
    fields:
      id: {}
      name: { required: true }
      policy: { choices: [affinity, anti-affinity] }
`;
  const mine = load([wrapped], { cloud: 'devcloud' });
  const sg = mine.resources[0]!;
  assert.deepEqual(sg.body, { style: 'wrapped', key: 'server_group' });
  assert.equal(sg.listKey, 'server_groups');
  assert.equal(sg.commands.update, undefined);
  assert.equal(sg.fields[0]!.create, false, 'the cloud chooses the id');
  const other = load([wrapped], { cloud: 'prod' });
  assert.equal(other.resources.length, 0);
  assert.match(other.files[0]!.skipped!, /only for devcloud \(this is prod\)/);
  // The cloud is looked up only when a file names clouds.
  let asked = 0;
  load([DOC], { cloud: () => (asked++, 'x') });
  assert.equal(asked, 0);
});

test('every problem gets one message: line, column, key and what is allowed', () => {
  const cases: Array<[string, RegExp]> = [
    ['resources: [\n', /^, line 2, column 1: not valid YAML/],
    ['resources: []\nresources: []\n', /^, line 2, column 1: not valid YAML: Map keys must be unique/],
    ['', /^, line 1, column 1: the file is empty; it may hold clouds, resources, server_actions$/],
    [
      'resource: []\n',
      /^, line 1, column 1: resource: unknown key 'resource'; did you mean 'resources'\? Allowed here: clouds, resources, server_actions\.$/,
    ],
    ['clouds: [devcloud]\n', /^, line 1, column 1: declares nothing: add 'resources:' or 'server_actions:'$/],
    ['resources: {name: x}\n', /^, line 1, column 12: resources: must be a list/],
    [
      'resources:\n  - name: document\n    fields: {id: {}}\n',
      /^, line 2, column 5: resources\[0\]: missing 'path' \(the collection path, e\.g\. \/os-documents\)$/,
    ],
    [
      'resources:\n  - name: Document\n    path: /d\n    fields: {id: {}}\n',
      /^, line 2, column 11: resources\[0\]\.name: 'Document' is not allowed: lower-case words joined by -/,
    ],
    [
      'resources:\n  - name: d\n    path: d\n    fields: {id: {}}\n',
      /^, line 3, column 11: resources\[0\]\.path: 'd' is not allowed: a path under the service endpoint, e\.g\. \/os-documents/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    service: volume\n    fields: {id: {}}\n',
      /^, line 4, column 14: resources\[0\]\.service: 'volume' is not allowed\. Allowed: compute, image, network\.$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      name: {max_lenght: 4}\n',
      /^, line 6, column 14: resources\[0\]\.fields\.name\.max_lenght: unknown key 'max_lenght'; did you mean 'max_length'\? Allowed here: type, required, /,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {type: str}\n',
      /^, line 5, column 18: resources\[0\]\.fields\.id\.type: 'str' is not allowed; did you mean 'string'\? Allowed: string, integer, number, boolean, list, map, json\.$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {type: integer, max_length: 4}\n',
      /^, line 5, column 39: resources\[0\]\.fields\.id\.max_length: only for string fields \(this one is integer\)$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      uuid: {}\n',
      /^, line 5, column 7: resources\[0\]\.fields: the id field 'id' is not one of the fields \(uuid\); declare it, or name another with id_field$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    id_field: key\n    fields:\n      id: {}\n',
      /^, line 4, column 15: resources\[0\]\.id_field: 'key' is not one of the fields \(id\)$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    columns: [id, nmae]\n    fields:\n      id: {}\n      name: {}\n',
      /^, line 4, column 19: resources\[0\]\.columns\[1\]: 'nmae' is not one of the fields \(id, name\)$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    body: wrap\n    fields: {id: {}}\n',
      /^, line 4, column 11: resources\[0\]\.body: 'wrap' is not allowed; did you mean 'wrapped'\? Allowed: bare, wrapped\.$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    wrap_key: d\n    fields: {id: {}}\n',
      /^, line 4, column 15: resources\[0\]\.wrap_key: only with 'body: wrapped'$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    operations: [list, remove]\n    fields: {id: {}}\n',
      /^, line 4, column 24: resources\[0\]\.operations\[1\]: 'remove' is not allowed\. Allowed: list, show, create, update, delete\.$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    min_microversion: latest\n    fields: {id: {}}\n',
      /^, line 4, column 23: resources\[0\]\.min_microversion: 'latest' is not allowed: a compute microversion like 2\.64/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    commands: {list: list}\n    fields: {id: {}}\n',
      /^, line 4, column 22: resources\[0\]\.commands\.list: the command 'list' is already taken by novash itself; choose another name$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    commands: {lst: d-ls}\n    fields: {id: {}}\n',
      /^, line 4, column 16: resources\[0\]\.commands\.lst: unknown key 'lst'; did you mean 'list'\?/,
    ],
    [
      'resources:\n  - name: d\n    plural: servers\n    path: /d\n    fields: {id: {}}\n',
      /^, line 2, column 5: resources\[0\]: the plural 'servers' is already taken by novash itself; choose another name$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      made: {readonly: true, required: true}\n',
      /^, line 6, column 40: resources\[0\]\.fields\.made\.required: a readonly field is never sent: 'required: true' contradicts it$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      size: {type: integer, default: big}\n',
      /^, line 6, column 38: resources\[0\]\.fields\.size\.default: the default must be a integer value$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      a: {positional: true}\n      b: {positional: true, required: true}\n',
      /^, line 7, column 7: resources\[0\]\.fields\.b: the required positional 'b' comes after the optional positional 'a'; put required ones first$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      format: {}\n',
      /^, line 6, column 7: resources\[0\]\.fields\.format: the option --format is one of novash's global options; give 'format' another cli_name$/,
    ],
    [
      'resources:\n  - name: d\n    path: /d\n    fields:\n      id: {}\n      a b: {}\n',
      /^, line 6, column 7: resources\[0\]\.fields\.a b: 'a b' is not allowed as a name: letters, digits/,
    ],
    [
      'server_actions:\n  - name: x\n',
      /^, line 2, column 5: server_actions\[0\]: missing 'path' \(a member path: POST \/servers\/\{id\}\/<path>\) or 'action' \(an \/action key: POST \/servers\/\{id\}\/action\)$/,
    ],
    [
      'server_actions:\n  - name: x\n    path: x\n    action: y\n',
      /^, line 4, column 13: server_actions\[0\]\.action: give 'path' \(a member path\) or 'action' \(an \/action key\), not both$/,
    ],
    [
      'server_actions:\n  - name: x\n    path: action\n',
      /^, line 3, column 11: server_actions\[0\]\.path: 'action' is Nova's action URL: declare 'action: <key>' instead$/,
    ],
    [
      'server_actions:\n  - name: x\n    path: a/b\n',
      /^, line 3, column 11: server_actions\[0\]\.path: 'a\/b' is not allowed: one path segment after \/servers\/\{id\}\//,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    arguments: {server: {}}\n',
      /^, line 4, column 17: server_actions\[0\]\.arguments\.server: 'server' is taken by the command itself \(<server>, --wait\); give the argument another cli_name$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    arguments: {state: {}}\n    confirm: "Set {server} to {stat}?"\n',
      /^, line 5, column 14: server_actions\[0\]\.confirm: \{stat\} names nothing: use \{server\} or one of \{state\}$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    response: {key: id, holds: imageid}\n',
      /^, line 4, column 32: server_actions\[0\]\.response\.holds: 'imageid' is not allowed; did you mean 'image'\? Allowed: image, text, record\.$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    response: {holds: image}\n',
      /^, line 4, column 15: server_actions\[0\]\.response: missing 'key' \(the key of the answer holding the value, e\.g\. id\)$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    applies_to: {status: [active]}\n',
      /^, line 4, column 27: server_actions\[0\]\.applies_to\.status\[0\]: 'active' is not allowed: a Nova server status in capitals, e\.g\. ACTIVE or SHUTOFF$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    applies_to: {task_state: busy}\n',
      /^, line 4, column 30: server_actions\[0\]\.applies_to\.task_state: 'busy' is not allowed\. Allowed: idle, any\.$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    applies_to: {locked: maybe}\n',
      /^, line 4, column 26: server_actions\[0\]\.applies_to\.locked: 'maybe' is not allowed\. Allowed: true, false, any\.$/,
    ],
    [
      'server_actions:\n  - name: x\n    action: y\n    changes_cloud: no\n',
      /^, line 4, column 20: server_actions\[0\]\.changes_cloud: must be true or false$/,
    ],
    [
      'server_actions:\n  - name: backup\n    action: y\n',
      /^, line 2, column 11: server_actions\[0\]\.name: the command 'backup' is already taken by novash itself; choose another name$/,
    ],
  ];
  for (const [text, expected] of cases) assert.match(problem(text), expected, text);
});

test('one bad file does not stop the others; a name two files declare is named with the first file', () => {
  const r = load([DOC, 'resources:\n  - name: x\n    path: /x\n    fields: {id: {type: str}}\n', DOC.replace('/os-documents', '/other')]);
  assert.equal(r.files[0]!.error, undefined);
  assert.match(r.files[1]!.error!, /'str' is not allowed/);
  assert.equal(
    r.files[2]!.error,
    `${r.paths[2]}, line 2, column 11: resources[0].name: the command 'document-list' is already declared in ${r.paths[0]}; choose another name`,
  );
  assert.equal(r.resources.length, 1, "the first file's resource only");
});

test('NOVASH_EXTENSIONS: files and directories; a missing one is reported, the rest load', () => {
  const sub = mkdtempSync(join(dir, 'sub-'));
  writeFileSync(join(sub, 'a.yaml'), DOC);
  writeFileSync(join(sub, 'notes.txt'), 'not yaml');
  const conf = mkdtempSync(join(dir, 'conf-'));
  const r = loadExtensions({
    env: { NOVASH_CONFIG_DIR: conf, NOVASH_CACHE_DIR: conf, NOVASH_EXTENSIONS: `${sub}:${join(dir, 'missing.yaml')}` },
  });
  assert.deepEqual(
    r.files.map((f) => f.path),
    [join(sub, 'a.yaml'), join(dir, 'missing.yaml')],
  );
  assert.equal(r.files[1]!.error, `${join(dir, 'missing.yaml')}: does not exist (named in NOVASH_EXTENSIONS)`);
  assert.equal(r.resources.length, 1);
  // Nothing anywhere: nothing read, nothing parsed.
  assert.deepEqual(loadExtensions({ env: { NOVASH_CONFIG_DIR: conf } }), { resources: [], actions: [], files: [] });
});

test('a checked file is kept between runs: no YAML parse until the file changes', () => {
  const cacheDir = mkdtempSync(join(dir, 'cache-'));
  const p = join(dir, 'cached.yaml');
  writeFileSync(p, DOC);
  const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  utimesSync(p, mtime, mtime);
  const first = loadExtensions({ paths: [p], cacheDir });
  assert.equal(first.resources[0]!.name, 'document');
  // Same size and mtime, other content: what is read is the cache (a parse would find 'dacument').
  writeFileSync(p, DOC.replace('name: document', 'name: dacument'));
  utimesSync(p, mtime, mtime);
  const cached = loadExtensions({ paths: [p], cacheDir });
  assert.equal(cached.resources[0]!.name, 'document');
  assert.ok(cached.resources[0]!.operations.has('update'), 'operations come back as a set');
  // A new mtime: parsed again.
  utimesSync(p, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
  assert.equal(loadExtensions({ paths: [p], cacheDir }).resources[0]!.name, 'dacument');
  // A cached file whose name is now taken by another file gets its positioned message from a real parse.
  const q = join(dir, 'first.yaml');
  writeFileSync(q, DOC.replace('name: document', 'name: dacument').replace('/os-documents', '/other'));
  const both = loadExtensions({ paths: [q, p], cacheDir });
  assert.match(both.files[1]!.error!, /, line 2, column 11: resources\[0\]\.name: the command 'dacument-list' is already declared in /);
});
