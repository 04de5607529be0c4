/**
 * Site extensions in the whole app, against the fixture cloud's site routes: the app loads the
 * extension files of its cloud (the same loader and cloud filter as the CLI), `:documents` opens
 * the resource's screen, declared commands are in the ':' prompt (run, Tab, help, read-only), and
 * declared server actions are in the server's action menu with a generated form.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { NOVA_EXTRAS_YAML, SITE_YAML, siteCloud, type SiteExtensionOptions } from '../support/siteExtensionRoutes.js';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';
import type { OptionValues } from '../../src/commands/types.js';

const WIDE = { columns: 120, rows: 32 };
const DOCS = '/v2.1/os-documents';

async function app(
  t: TestContext,
  options: SiteExtensionOptions & { files?: string[]; globals?: OptionValues; /** Another name for the same cloud. */ alias?: string } = {},
): Promise<Ui & { site: Awaited<ReturnType<typeof siteCloud>>['site'] }> {
  const c = await siteCloud(t, { ...options, env: { NOVASH_POLL_MS: '30' } });
  if (options.alias) {
    const yaml = c.te.env.OS_CLIENT_CONFIG_FILE!;
    const auth = /clouds:\n {2}devcloud:\n([\s\S]*)$/.exec(readFileSync(yaml, 'utf8'))![1]!;
    appendFileSync(yaml, `  ${options.alias}:\n${auth}`);
  }
  c.site.addDocument(1, 'test1');
  c.site.addDocument(2, 'web-docs');
  // The image follow of a declared action polls at the period the environment says.
  const poll = process.env.NOVASH_POLL_MS;
  process.env.NOVASH_POLL_MS = '30';
  t.after(() => (poll === undefined ? delete process.env.NOVASH_POLL_MS : (process.env.NOVASH_POLL_MS = poll)));
  const ui = await startUi(t, { ...WIDE, fx: c.fx, reuseState: c.te, globals: options.globals });
  await ui.waitFor('Servers (');
  return Object.assign(ui, { site: c.site });
}

async function prompt(ui: Ui, line: string): Promise<void> {
  await ui.press(':');
  await ui.waitFor(/^:/m);
  await ui.type(line);
  await ui.press(KEY.enter);
}

test(':documents opens the declared resource: list, create through the form, delete with y; the footer and ? say its keys', async (t) => {
  const ui = await app(t);
  await prompt(ui, 'documents');
  let f = await ui.waitFor('Documents (2)');
  assert.match(f, /Servers › Documents/, 'the breadcrumb');
  assert.match(f, /> +1 +test1/);
  assert.match(f, /Enter open .*c create .*e edit .*d delete/, "the app's footer has the screen's keys");

  await ui.press('?');
  f = await ui.waitFor('Keys on Documents');
  assert.match(f, /c +Create a document \(a form\)/);
  assert.match(f, /From this cloud's extension files: .*document-list.*backup-instance.*:documents/s);
  await ui.press(KEY.esc);

  await ui.press('c');
  await ui.waitFor('New document');
  await ui.type('3');
  await ui.press(KEY.tab);
  await ui.type('third');
  await ui.press(KEY.enter, KEY.enter);
  f = await ui.waitFor('Documents › third');
  assert.match(f, /Created document 3\./, 'said on the status line');
  assert.deepEqual(
    ui.fx.find('POST', DOCS).map((r) => r.json),
    [{ id: 3, name: 'third' }],
  );
  await ui.press(KEY.esc);
  await ui.waitFor('Documents (3)');

  await ui.press('/');
  await ui.type('web');
  await ui.press(KEY.enter);
  f = await ui.waitFor('Documents (1 of 3)');
  assert.match(f, /> +2 +web-docs/);
  await ui.press('d');
  await ui.waitFor('Delete document 2 (web-docs)?');
  await ui.press(KEY.enter);
  await ui.waitForNot('Delete document 2');
  assert.equal(ui.fx.count('DELETE', `${DOCS}/2`), 0, 'Enter keeps it');
  await ui.press('d');
  await ui.waitFor('Delete document 2 (web-docs)?');
  await ui.press('y');
  await ui.waitFor('Deleted document 2 (web-docs).');
  assert.equal(ui.fx.count('DELETE', `${DOCS}/2`), 1);
  assert.equal(ui.site.liveDocument(2), undefined);
  // Esc clears the filter first, then goes back.
  await ui.press(KEY.esc);
  await ui.waitFor('Documents (2)');
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (');
});

test('declared commands in the prompt: Tab completes them, they run as on the CLI, :help knows them', async (t) => {
  const ui = await app(t);
  await ui.press(':');
  await ui.type('docu');
  await ui.press(KEY.tab);
  let f = await ui.waitFor('document-create');
  for (const c of ['document-delete', 'document-list', 'document-show', 'document-update', 'documents']) assert.match(f, new RegExp(c));
  await ui.press(KEY.ctrlU);
  await ui.type('backup-inst');
  await ui.press(KEY.tab);
  await ui.waitFor(/^:backup-instance\s*$/m);
  await ui.press(KEY.esc);

  await prompt(ui, 'document-list');
  f = await ui.waitFor('web-docs');
  assert.match(f, /test1/);
  assert.match(f, /web-docs/);
  await ui.press(KEY.esc);

  await prompt(ui, 'document-create 5 five');
  await ui.waitFor("Run 'document-create 5 five'");
  assert.equal(ui.fx.count('POST', DOCS), 0, 'asked before sending');
  await ui.press('y');
  // As on the CLI: the new item's record.
  await ui.waitFor(/:document-create 5 five\s+id +5\s+name +five/);
  assert.equal(ui.site.liveDocument(5)?.name, 'five');
  await ui.press(KEY.esc);

  // A bad argument is said at once: no question about a line that cannot be sent.
  await prompt(ui, 'document-create 6 ' + 'x'.repeat(46));
  f = await ui.waitFor('novash document-create: <name> must be at most 45 characters (got 46).');
  assert.doesNotMatch(f, /This changes the cloud/);
  assert.equal(ui.fx.count('POST', DOCS), 1, 'the bad one sent nothing');
  await prompt(ui, 'help backup-instance');
  f = await ui.waitFor('usage: novash backup-instance [--wait] <server> <name> <description>');
  assert.match(f, /Back up a server to a new image, with a description kept on the image/);
});

test('read-only: declared commands that write are refused with the one sentence, the menu is closed, reads work', async (t) => {
  const ui = await app(t, { globals: { 'read-only': true } });
  await prompt(ui, 'document-create 5 five');
  await ui.waitFor('novash document-create changes the cloud and --read-only is set; nothing was sent.');
  await prompt(ui, 'backup-instance new-server-test b1 nightly');
  await ui.waitFor('novash backup-instance changes the cloud and --read-only is set; nothing was sent.');
  assert.equal(ui.fx.count('POST', DOCS), 0);
  assert.equal(ui.fx.count('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/backup_instance`), 0);
  await prompt(ui, 'documents');
  const f = await ui.waitFor('Documents (2)');
  assert.doesNotMatch(f, /c create|d delete/, 'nothing that writes is offered');
  await ui.press('c');
  assert.equal(ui.fx.count('POST', DOCS), 0);
});

test("backup-instance in the server's action menu: only in the states it applies to, a generated form, asked, sent once, the image followed", async (t) => {
  const ui = await app(t);
  // VERIFY_RESIZE is not one of its states: not offered.
  await ui.press('/');
  await ui.type('name:resize-me');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> resize-me /m);
  await ui.press('a');
  let f = await ui.waitFor('Actions on resize-me');
  assert.doesNotMatch(f, /Backup instance/);
  await ui.press(KEY.esc);
  await ui.press(KEY.esc);

  await ui.press('/');
  await ui.type('name:new-server-test');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> new-server-test /m);
  await ui.press('a');
  f = await ui.waitFor('Actions on new-server-test');
  // A declared entry gets a free letter of its label, shown like the built-in ones.
  const backupKey = /│ {3}(\w) {2}Backup instance/.exec(f)?.[1];
  assert.ok(backupKey, `a letter for Backup instance:\n${f}`);
  await ui.press(backupKey);
  f = await ui.waitFor('Backup instance: new-server-test');
  assert.match(f, /POST \/servers\/\{id\}\/backup_instance/);
  assert.match(f, /^> Name\*/m);
  assert.match(f, /^ {2}Description\*/m);
  await ui.press(KEY.enter, KEY.enter);
  await ui.waitFor('✗ Name is required');
  await ui.press(KEY.shiftTab);
  await ui.type('b1');
  await ui.press(KEY.tab);
  await ui.type('nightly');
  await ui.press(KEY.enter);
  await ui.waitFor(`Back up server new-server-test (${SAMPLE_SERVER_ID}) to a new image 'b1'?`);
  assert.equal(ui.fx.count('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/backup_instance`), 0, 'nothing sent before the answer');
  await ui.press('y');
  await ui.waitFor(() => ui.fx.images.some((i) => i.name === 'b1'));
  const image = ui.fx.images.find((i) => i.name === 'b1')!;
  // Accepted (with the image id), then the image followed to active, on the status line.
  await ui.waitFor(`Backup instance of new-server-test: image b1 is active (${image.id}).`, 10_000);
  const posts = ui.fx.find('POST', `/v2.1/servers/${SAMPLE_SERVER_ID}/backup_instance`);
  assert.deepEqual(
    posts.map((p) => p.json),
    [{ name: 'b1', description: 'nightly' }],
  );
});

test('an /action-key action with a default: the form starts from it; Esc in the form sends nothing', async (t) => {
  const ui = await app(t, { files: [SITE_YAML, NOVA_EXTRAS_YAML] });
  await ui.press('/');
  await ui.type('name:stopped-vm');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> stopped-vm /m);
  await ui.press('a');
  let f = await ui.waitFor('Actions on stopped-vm');
  assert.match(f, /Reset state/);
  assert.doesNotMatch(f, /Trigger crash dump/, 'trigger-crash-dump applies to ACTIVE servers only');
  assert.doesNotMatch(f, /Backup instance\n[\s\S]*Backup instance/);
  const resetKey = /│ {3}(\w) {2}Reset state/.exec(f)?.[1];
  assert.ok(resetKey, `a letter for Reset state:\n${f}`);
  await ui.press(resetKey);
  f = await ui.waitFor('Reset state: stopped-vm');
  assert.match(f, /State +error/);
  await ui.press(KEY.esc);
  await ui.waitFor('Cancelled; nothing was sent.');
  assert.equal(ui.fx.actions('os-resetState').length, 0);
  await ui.press('a');
  await ui.waitFor('Actions on stopped-vm');
  await ui.press(resetKey);
  await ui.waitFor('Reset state: stopped-vm');
  await ui.press(KEY.ctrlU);
  await ui.type('active');
  await ui.press(KEY.enter);
  await ui.waitFor('Reset the state of server stopped-vm (0e44cc9c-e052-415d-afbf-469b0d384170) to active?');
  await ui.press('y');
  await ui.waitFor(/Request to reset-state server stopped-vm .* has been accepted\./);
  assert.deepEqual(
    ui.fx.actions('os-resetState').map((a) => a.json),
    [{ 'os-resetState': { state: 'active' } }],
  );
});

test('a bad extension file is one message on the status line; the app runs with the others', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-ext-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'broken.yaml');
  writeFileSync(bad, 'resources:\n  - name: gadget\n    pathh: /os-gadgets\n');
  const ui = await app(t, { files: [SITE_YAML, bad] });
  const f = await ui.waitFor('extension file ignored');
  assert.match(f, /broken\.yaml, line 3/);
  await prompt(ui, 'documents');
  await ui.waitFor('Documents (2)');
});

test('switching clouds: the declared set follows the new cloud (site.yaml is for devcloud only)', async (t) => {
  // A second name for the same cloud, which site.yaml's `clouds:` does not list.
  const ui = await app(t, { alias: 'elsewhere' });
  await prompt(ui, 'cloud elsewhere');
  await ui.waitFor(/elsewhere[\s\S]*Servers \(/);
  await prompt(ui, 'documents');
  await ui.waitFor("novash: 'documents' is not a command.");
  await prompt(ui, 'cloud devcloud');
  await ui.waitFor('Servers (');
  await prompt(ui, 'documents');
  await ui.waitFor('Documents (2)');
});
