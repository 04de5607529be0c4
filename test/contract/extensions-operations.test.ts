/**
 * Declared server actions as rows of the one table of server operations, and the table of a cloud
 * with its extension files: the row (states, confirmation, what --wait follows), the action menu
 * built from it, the ':' prompt parsing and completing with it, and the table's lost-answer rule
 * for the one-shot command (a POST whose answer is lost is never sent again).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { interpretPromptLine, promptCandidates } from '../../src/app/promptCommands.js';
import { COMMANDS } from '../../src/commands/table.js';
import { declarationOf, declaredServerOperation } from '../../src/extensions/actionOperation.js';
import { loadExtensions } from '../../src/extensions/load.js';
import { extensionsFor } from '../../src/extensions/table.js';
import type { Server } from '../../src/managers/types.js';
import { actionsFor } from '../../screens/servers/serverActions.js';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { NOVA_EXTRAS_YAML, SITE_YAML, siteCloud } from '../support/siteExtensionRoutes.js';

// site.yaml is for devcloud and devcloud-demo only.
const loaded = loadExtensions({ paths: [SITE_YAML, NOVA_EXTRAS_YAML], cacheDir: false, cloud: 'devcloud' });
const table = extensionsFor('devcloud', COMMANDS, { NOVASH_EXTENSIONS: `${SITE_YAML}:${NOVA_EXTRAS_YAML}` }, { screens: true }).commands;
const server = (status: string, extra: Partial<Server> = {}) =>
  ({ id: 'a1b2', name: 'vm1', status, taskState: null, locked: false, ...extra }) as unknown as Server;

test('a declared action is a server-operation row: its states, its question, what --wait follows', () => {
  const backup = declaredServerOperation(loaded.actions.find((a) => a.name === 'backup-instance')!);
  assert.deepEqual(backup.appliesTo, { status: ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'], idle: true });
  assert.equal(backup.changesCloud, true);
  assert.equal(backup.makesImage, true, 'its answer is an image id');
  assert.ok(backup.follow, '--wait follows the image');
  assert.deepEqual(backup.settle, { status: ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR'] });
  assert.equal(backup.many, false, 'it has positional arguments: one server');
  assert.deepEqual(
    backup.positionals?.map((p) => p.name),
    ['name', 'description'],
  );
  assert.equal(declarationOf(backup)?.name, 'backup-instance');

  const reset = declaredServerOperation(loaded.actions.find((a) => a.name === 'reset-state')!);
  assert.equal(reset.many, true, 'no positional arguments: several servers');
  assert.deepEqual(reset.settle, { immediate: true });
  assert.equal(reset.makesImage, false);
  assert.equal(reset.confirm?.question, 'Reset the state of server {server} to error?', 'the default filled in');
  const crash = declaredServerOperation(loaded.actions.find((a) => a.name === 'trigger-crash-dump')!);
  assert.deepEqual(crash.appliesTo, { status: ['ACTIVE'], locked: false });
  assert.equal(declarationOf(COMMANDS.find((c) => c.operation)!.operation!), undefined, 'built-in rows have no declaration');
});

test('the action menu of the extended table: declared rows only where they apply, none under --read-only', () => {
  const labels = (s: Server, readOnly = false) => actionsFor(s, { commands: table, readOnly }).map((a) => a.label);
  assert.ok(labels(server('ACTIVE')).includes('Backup instance'));
  assert.ok(labels(server('ACTIVE')).includes('Trigger crash dump'));
  assert.ok(labels(server('SHUTOFF')).includes('Backup instance'));
  assert.ok(!labels(server('SHUTOFF')).includes('Trigger crash dump'), 'ACTIVE only');
  assert.ok(!labels(server('ACTIVE', { locked: true })).includes('Trigger crash dump'), 'unlocked only');
  assert.ok(!labels(server('VERIFY_RESIZE')).includes('Backup instance'));
  assert.ok(!labels(server('ACTIVE', { taskState: 'image_snapshot' } as Partial<Server>)).includes('Backup instance'), 'task idle');
  assert.ok(labels(server('ERROR')).includes('Reset state'), 'reset-state applies to any state');
  assert.deepEqual(labels(server('ACTIVE'), true), []);
  // The built-in table alone does not have them.
  assert.ok(!actionsFor(server('ACTIVE')).some((a) => a.label === 'Backup instance'));
  const entry = actionsFor(server('ACTIVE'), { commands: table }).find((a) => a.label === 'Backup instance')!;
  assert.equal(entry.declared?.arguments.length, 2, 'the app asks for its arguments in a form');
  assert.ok(entry.confirm, 'it changes the cloud: asked first');
});

test("the ':' prompt with the cloud's table: declared commands parse, complete and are refused under --read-only", () => {
  assert.deepEqual(interpretPromptLine(':documents', { readOnly: false, commands: table }), {
    kind: 'resource',
    plural: 'documents',
    title: 'Documents',
  });
  assert.deepEqual(interpretPromptLine(':aggregates', { readOnly: true, commands: table }), {
    kind: 'resource',
    plural: 'aggregates',
    title: 'Aggregates',
  });
  const run = interpretPromptLine('backup-instance vm1 b1 nightly --wait', { readOnly: false, commands: table });
  assert.equal(run?.kind, 'run');
  assert.deepEqual(run?.kind === 'run' ? run.input : undefined, {
    args: { server: 'vm1', name: 'b1', description: 'nightly' },
    options: { wait: true },
  });
  assert.throws(() => interpretPromptLine('document-delete 1', { readOnly: true, commands: table }), {
    message: 'novash document-delete changes the cloud and --read-only is set; nothing was sent.',
  });
  // Checked before the app asks, with the CLI's words.
  assert.throws(() => interpretPromptLine('backup-instance vm1 ' + 'n'.repeat(256) + ' x', { readOnly: false, commands: table }), {
    message: 'novash backup-instance: <name> must be at most 255 characters (got 256).',
  });
  assert.throws(() => interpretPromptLine('reset-state --state broken vm1', { readOnly: false, commands: table }), {
    message: "novash reset-state: --state must be one of active, error (got 'broken').",
  });
  assert.throws(() => interpretPromptLine('document-update 1', { readOnly: false, commands: table }), /nothing to change/);
  assert.throws(() => interpretPromptLine('documents', { readOnly: false }), /'documents' is not a command/, 'not in the built-in table');
  assert.deepEqual(promptCandidates('aggr', { readOnly: false, commands: table }), [
    'aggregate-create',
    'aggregate-delete',
    'aggregate-list',
    'aggregate-show',
    'aggregate-update',
    'aggregates',
  ]);
  assert.deepEqual(promptCandidates('aggr', { readOnly: true, commands: table }), ['aggregate-list', 'aggregate-show', 'aggregates']);
  assert.deepEqual(promptCandidates('reset-state --state ', { readOnly: false, commands: table }), ['active', 'error']);
  const help = interpretPromptLine('reset-state --help', { readOnly: false, commands: table });
  assert.match(help?.kind === 'text' ? help.text : '', /usage: novash reset-state \[--state STATE\] <server> \[\.\.\.\]$/m);
});

test('a lost answer to backup-instance is never sent again, and says an image may have started', async (t) => {
  const { fx, run } = await siteCloud(t);
  const path = `/v2.1/servers/${SAMPLE_SERVER_ID}/backup_instance`;
  fx.fail({ method: 'POST', path, reset: true });
  const r = await run('backup-instance', 'new-server-test', 'b1', 'nightly', '--wait');
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /The backup-instance request was sent and may have started an image: check with 'novash image-list --server new-server-test' before trying again\.\n$/,
  );
  assert.doesNotMatch(r.stderr, /may or may not have reached Nova/, 'said once');
  assert.equal(fx.count('POST', path), 1, 'sent once');
});

test('a lost answer to reset-state (no image) says the request may have reached Nova; sent once per server', async (t) => {
  const { fx, run } = await siteCloud(t, { files: [SITE_YAML, NOVA_EXTRAS_YAML] });
  fx.fail({ method: 'POST', path: `/v2.1/servers/${SAMPLE_SERVER_ID}/action`, reset: true });
  const r = await run('reset-state', 'new-server-test');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The reset-state request may or may not have reached Nova: check the server before trying again\./);
  assert.equal(fx.count('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/action`), 1, 'sent once');
});

test("a declaration's own hotkey: kept when free, given up for a built-in row's letter, refused when not one letter", () => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-hotkey-'));
  const file = join(dir, 'keys.yaml');
  writeFileSync(
    file,
    [
      'server_actions:',
      '  - name: reset-state',
      '    action: os-resetState',
      '    hotkey: Z',
      '    arguments:',
      '      state: { choices: [active, error], default: error }',
      '  - name: trigger-crash-dump',
      '    action: trigger_crash_dump',
      '    hotkey: d', // Delete's letter
      '',
    ].join('\n'),
  );
  const mine = extensionsFor('devcloud', COMMANDS, { NOVASH_EXTENSIONS: file }, { screens: true }).commands;
  const menu = actionsFor(server('ACTIVE'), { commands: mine });
  const key = (label: string) => menu.find((a) => a.label === label)?.hotkey;
  assert.equal(key('Reset state'), 'Z', 'a free letter is kept');
  assert.equal(key('Delete'), 'd', "a built-in row's letter stays its own");
  const crash = key('Trigger crash dump');
  assert.ok(crash && crash !== 'd', `another letter for the clashing one (${crash})`);
  assert.equal(new Set(menu.map((a) => a.hotkey)).size, menu.length, 'one letter per entry');

  writeFileSync(file, 'server_actions:\n  - name: reset-state\n    action: os-resetState\n    hotkey: ctrl-x\n');
  const bad = loadExtensions({ paths: [file], cacheDir: false, cloud: 'devcloud' });
  assert.equal(bad.actions.length, 0);
  assert.match(
    bad.files[0]?.error ?? '',
    /keys\.yaml, line 4, column \d+: server_actions\[0\]\.hotkey: 'ctrl-x' is not allowed: one letter, a-z or A-Z/,
  );
});
