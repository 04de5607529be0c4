/**
 * The server detail view's edits against the fixture cloud: metadata set/delete, tags add/delete,
 * rename and description, each typed on one line and sent as the command of the table; bad input
 * stays on the line with its reason and sends nothing; the cloud's refusal is said; --read-only
 * hides and refuses the keys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 40 };
const VM = 'new-server-test';

async function openServer(ui: Ui, name: string): Promise<void> {
  await ui.waitFor('Servers (');
  await ui.press('/');
  await ui.type(`name:${name}`);
  await ui.press(KEY.enter);
  await ui.waitFor(new RegExp(`^> ${name} `, 'm'));
  await ui.press(KEY.enter);
  await ui.waitFor(`Server ${name}`);
  await ui.waitFor('Metadata');
}

/** Requests that change something. */
function changes(ui: Ui): string[] {
  return ui.fx.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/auth/tokens').map((r) => `${r.method} ${r.path}`);
}

test('detail view: m sets metadata, M deletes a key; the view shows the change without a manual refresh', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, VM);
  const id = ui.fx.serverByName(VM)!.id;
  let f = ui.frame();
  assert.match(f, /m meta {2}t tag {2}e rename/, 'the footer offers the edits');
  assert.match(f, /My Server Name = Apache1/);
  await ui.press('m');
  await ui.waitFor('Set metadata (key=value …, quote values with spaces):');
  await ui.type('role=web "note=two words"');
  await ui.press(KEY.enter);
  f = await ui.waitFor('role = web');
  assert.match(f, /note = two words/);
  assert.match(f, new RegExp(`Metadata of server ${VM}: set role, note\\.`));
  assert.deepEqual(ui.fx.last('POST', `/v2.1/servers/${id}/metadata`)!.json, { metadata: { role: 'web', note: 'two words' } });
  await ui.press('M');
  await ui.waitFor('Delete metadata keys:');
  await ui.type('note');
  await ui.press(KEY.enter);
  f = await ui.waitForNot('note = two words');
  assert.match(f, /role = web/);
  assert.deepEqual(
    ui.fx.find('DELETE', /\/metadata\//).map((r) => r.path.split('/').pop()),
    ['note'],
  );
  // A key Nova refuses stays on the line with the reason; nothing is sent; Esc leaves it.
  const before = changes(ui).length;
  await ui.press('m');
  await ui.type('a/b=1');
  await ui.press(KEY.enter);
  f = await ui.waitFor("Metadata key 'a/b' is not allowed");
  assert.match(f, /Set metadata .*a\/b=1/, 'the line keeps what was typed');
  await ui.press(KEY.ctrlU);
  await ui.type('novalue');
  await ui.press(KEY.enter);
  await ui.waitFor("Metadata 'novalue' is not of the form key=value.");
  await ui.press(KEY.esc);
  await ui.waitForNot('Set metadata');
  assert.equal(changes(ui).length, before, 'nothing sent');
  // The cloud's refusal: said on the status line, with the request id.
  await ui.press('M');
  await ui.type('ghost');
  await ui.press(KEY.enter);
  await ui.waitFor(/Metadata item was not found \(HTTP 404, request req-/);
  assert.equal(ui.exited(), undefined);
});

test('detail view: t adds tags, T deletes one; e renames; D sets and removes the description', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, VM);
  const id = ui.fx.serverByName(VM)!.id;
  assert.match(ui.frame(), /tags +-/, 'no tags yet (2.26 and later: shown even when empty)');
  assert.match(ui.frame(), /description +-/);
  await ui.press('t');
  await ui.waitFor('Add tags:');
  await ui.type('prod db');
  await ui.press(KEY.enter);
  await ui.waitFor(/tags +prod, db/);
  assert.deepEqual(
    ui.fx.find('PUT', /\/tags\//).map((r) => r.path.split('/').pop()),
    ['prod', 'db'],
  );
  await ui.press('T');
  await ui.type('prod');
  await ui.press(KEY.enter);
  await ui.waitFor(/tags +db$/m);
  // Rename: the line starts with the current name.
  await ui.press('e');
  await ui.waitFor(`New name: ${VM}`);
  await ui.press(KEY.ctrlU);
  await ui.type('web 01');
  await ui.press(KEY.enter);
  await ui.waitFor('Server web 01');
  assert.deepEqual(ui.fx.last('PUT', `/v2.1/servers/${id}`)!.json, { server: { name: 'web 01' } });
  await ui.waitFor(/name +web 01/);
  // A name Nova refuses is refused on the line.
  await ui.press('e');
  await ui.type(' ');
  await ui.press(KEY.enter);
  await ui.waitFor('The new name must not start or end with a space');
  await ui.press(KEY.esc);
  await ui.press('D');
  await ui.waitFor('Description (empty removes it):');
  await ui.type('front end');
  await ui.press(KEY.enter);
  await ui.waitFor(/description +front end/);
  await ui.press('D');
  await ui.waitFor('Description (empty removes it): front end');
  await ui.press(KEY.ctrlU);
  await ui.press(KEY.enter);
  await ui.waitFor(/description +-/);
  assert.deepEqual(ui.fx.last('PUT', `/v2.1/servers/${id}`)!.json, { server: { description: null } });
  assert.equal(ui.fx.count('PUT', `/v2.1/servers/${id}`), 3, 'the refused name was never sent');
});

test('detail view under --read-only: the edit keys are hidden, refused, and send nothing', async (t) => {
  const ui = await startUi(t, { ...WIDE, globals: { 'read-only': true } });
  await openServer(ui, VM);
  assert.doesNotMatch(ui.frame(), /m meta|t tag|e rename/);
  for (const key of ['m', 'M', 't', 'T', 'e', 'D']) {
    await ui.press(key);
    await ui.waitFor(`Read-only mode (--read-only): '${key}' changes the cloud and is disabled.`);
  }
  assert.doesNotMatch(ui.frame(), /Set metadata|Add tags|New name/);
  assert.deepEqual(changes(ui), []);
});

test('detail view: m typed while a metadata delete is on its way opens the next line once it is done', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, VM);
  await ui.press('M');
  await ui.waitFor('Delete metadata keys:');
  await ui.type('"My Server Name"');
  ui.fx.fail({ method: 'DELETE', path: /\/metadata\//, delayMs: 400 });
  // Enter sends; the m right after it comes while the DELETE is still unanswered.
  await ui.press(KEY.enter, 'm');
  await ui.waitFor('Set metadata (key=value …, quote values with spaces):');
  await ui.type('role=db');
  await ui.press(KEY.enter);
  const f = await ui.waitFor('role = db');
  assert.doesNotMatch(f, /My Server Name = Apache1/);
  assert.equal(ui.fx.find('DELETE', /\/metadata\//).length, 1);
});
