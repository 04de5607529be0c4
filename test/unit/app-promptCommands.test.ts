import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commonPrefix, interpretPromptLine, promptCandidates, quoteWord, wordsBeforeCursor } from '../../src/app/promptCommands.js';
import { CompletionCache } from '../../src/cache/completionCache.js';
import { UsageError } from '../../src/session/errors.js';

const rw = { readOnly: false };

test("jumps, switches and quit are the app's own commands", () => {
  assert.deepEqual(interpretPromptLine(':servers', rw), { kind: 'jump', screen: 'servers' });
  assert.deepEqual(interpretPromptLine('flavors', rw), { kind: 'jump', screen: 'flavors' });
  assert.deepEqual(interpretPromptLine('limits', rw), { kind: 'jump', screen: 'limits' });
  assert.deepEqual(interpretPromptLine('cloud devcloud', rw), { kind: 'switch-cloud', name: 'devcloud' });
  assert.deepEqual(interpretPromptLine('project', rw), { kind: 'switch-project', name: undefined });
  assert.deepEqual(interpretPromptLine('q', rw), { kind: 'quit' });
  assert.equal(interpretPromptLine('   ', rw), undefined);
  assert.throws(() => interpretPromptLine('servers extra', rw), UsageError);
});

test('one-shot commands are parsed exactly as on the command line', () => {
  const a = interpretPromptLine('list --status ERROR -f json', rw);
  assert.equal(a?.kind, 'run');
  if (a?.kind !== 'run') return;
  assert.equal(a.command.name, 'list');
  assert.equal(a.input.options.status, 'ERROR');
  assert.equal(a.format, 'json');
  const lim = interpretPromptLine('limits --tenant abc', rw);
  assert.equal(lim?.kind === 'run' && lim.command.name, 'limits');
  assert.throws(() => interpretPromptLine('nosuch', rw), /'nosuch' is not a command/);
  assert.throws(() => interpretPromptLine('reboot', rw), /missing <server>/);
  assert.throws(() => interpretPromptLine('list --os-cloud x', rw), /:cloud NAME/);
  const help = interpretPromptLine('reboot --help', rw);
  assert.equal(help?.kind, 'text');
});

test("a usage error in the prompt points at :help, the app's help, not at the shell's novash help", () => {
  assert.throws(
    () => interpretPromptLine('list --stauts ERROR', rw),
    (e: unknown) => e instanceof UsageError && e.message.includes("See ':help list'") && !e.message.includes('novash help'),
  );
});

test('boot with no arguments and backup/resize/rebuild/image-create with only a server open the forms', () => {
  assert.deepEqual(interpretPromptLine('boot', rw), { kind: 'form', form: 'boot', server: undefined });
  assert.deepEqual(interpretPromptLine('backup vm1', rw), { kind: 'form', form: 'backup', server: 'vm1' });
  assert.deepEqual(interpretPromptLine('backup', rw), { kind: 'form', form: 'backup', server: undefined });
  assert.deepEqual(interpretPromptLine('resize vm1', rw), { kind: 'form', form: 'resize', server: 'vm1' });
  assert.deepEqual(interpretPromptLine('image-create vm1', rw), { kind: 'form', form: 'snapshot', server: 'vm1' });
  assert.equal(interpretPromptLine('resize vm1 m1.small', rw)?.kind, 'run');
  assert.equal(interpretPromptLine('backup vm1 b daily 2', rw)?.kind, 'run');
});

test('--read-only refuses every command and form that changes the cloud', () => {
  const ro = { readOnly: true };
  assert.throws(() => interpretPromptLine('reboot vm1', ro), /--read-only/);
  assert.throws(() => interpretPromptLine('boot', ro), /--read-only/);
  assert.equal(interpretPromptLine('list', ro)?.kind, 'run');
});

test('Tab candidates: command names (app ones too), options, and names from the completion caches', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-cc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cache = new CompletionCache(dir);
  cache.replace('server', [
    { id: '11111111-2222-4333-8444-555555555555', name: 'web-1', humanId: 'web-1' },
    { id: 'abc', name: 'db one', humanId: 'db-one' },
  ]);
  cache.replace('flavor', [{ id: '1', name: 'm1.tiny', humanId: 'm1-tiny' }]);
  const src = { cache, readOnly: false, clouds: ['devcloud', 'devcloud-demo'], keypairs: ['mykey'] };
  assert.deepEqual(promptCandidates('fla', src), ['flavor-list', 'flavor-show', 'flavors']);
  assert.deepEqual(promptCandidates(':server-g', src), [
    'server-group-create',
    'server-group-delete',
    'server-group-list',
    'server-group-show',
    'server-groups',
  ]);
  assert.deepEqual(promptCandidates(':servi', src), ['service-list', 'services']);
  // A ':' typed again is not part of the name: the same candidates as without it.
  assert.ok(promptCandidates(':ser', src).includes('servers'));
  assert.deepEqual(promptCandidates(':ser', src), promptCandidates('ser', src));
  assert.deepEqual(promptCandidates('reboot --h', src), ['--hard', '--help']);
  assert.deepEqual(promptCandidates('reboot w', src), ['web-1']);
  // A name with a space is offered too: the prompt quotes what it inserts.
  assert.deepEqual(promptCandidates('show ', src), ['11111111-2222-4333-8444-555555555555', 'abc', 'db one', 'db-one', 'web-1']);
  assert.deepEqual(promptCandidates('resize web-1 m', src), ['m1-tiny', 'm1.tiny']);
  assert.deepEqual(promptCandidates('boot --key-name m', src), ['mykey']);
  assert.deepEqual(promptCandidates('cloud dev', src), ['devcloud', 'devcloud-demo']);
  assert.ok(!promptCandidates('re', { ...src, readOnly: true }).includes('reboot'));
  assert.ok(promptCandidates('re', src).includes('reboot'));
});

test('helpers: words before the cursor, common prefix, quoting', () => {
  assert.deepEqual(wordsBeforeCursor('show '), ['show', '']);
  assert.deepEqual(wordsBeforeCursor("show 'my vm"), ['show', "'my", 'vm']);
  assert.deepEqual(wordsBeforeCursor(''), ['']);
  assert.equal(commonPrefix(['flavor-list', 'flavor-show', 'flavors']), 'flavor');
  assert.equal(commonPrefix([]), '');
  assert.equal(quoteWord('web-1'), 'web-1');
  assert.equal(quoteWord('my vm'), "'my vm'");
});
