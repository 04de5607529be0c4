/**
 * Keys that arrive in one terminal read (a paste, fast typing, `tmux send-keys ':flavors' Enter`):
 * every test here writes its burst with ONE stdin.write, so Ink hands it over as one input event,
 * and checks that each key did what it does when typed alone, in order, nothing dropped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFixtureServer } from '../support/fixtureServer.js';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };

/** One write: one terminal read. */
async function burst(ui: Ui, keys: string): Promise<void> {
  await ui.press(keys);
}

const deletes = (ui: Ui) => ui.fx.count('DELETE', /\/servers\/[^/]+$/);

/** Puts the cursor on the server of that name (through the filter, in one burst). */
async function select(ui: Ui, name: string): Promise<void> {
  await burst(ui, `/name:${name}\r`);
  await ui.waitFor((f) => f.includes(`filter: name:${name}   (/ edits`) && new RegExp(`^> ${name} `, 'm').test(f));
}

test('bursts: `:flavors` and Enter in one read open the flavors screen', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await burst(ui, ':flavors\r');
  const f = await ui.waitFor(/Flavors \(\d+\)/);
  assert.match(f, /^ Servers › Flavors$/m);
  assert.doesNotMatch(f, /^:/m, 'the prompt closed: Enter ran the line');
});

test('bursts: `/web` and Enter in one read filter the list and close the filter field', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await burst(ui, '/web\r');
  const f = await ui.waitFor('Servers (1 of 6)');
  assert.match(f, /Web Server 1/);
  await ui.waitFor('filter: web   (/ edits, Esc clears)');
  // The field is closed: the next key is the list's again (Esc clears the filter).
  await burst(ui, KEY.esc);
  await ui.waitFor('Servers (6)');
});

test('bursts: `jjq` in one read moves the cursor twice, then quits', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await burst(ui, 'jjq');
  const exit = await Promise.race([ui.exit, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 5000).unref())]);
  assert.notEqual(exit, 'still running', 'q quit the app');
  assert.equal(exit !== 'still running' && exit.code, 0);
  assert.match(ui.frame(), /^> new-server-test /m, 'both j moved the cursor before q quit');
});

test('bursts: a paste into the prompt is one edit, and keys after Enter go to the screen it opened', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await burst(ui, ':keypairs\r/my\r');
  // The filter field took `my` and closed on the second Enter.
  const f = await ui.waitFor(/filter: my {3}\(\/ edits/);
  assert.match(f, /Key pairs \(1 of 2\)/);
  assert.match(f, /mykey/);
});

test('bursts: what is typed right after `:boot` Enter lands in the boot form that is opening', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  // The form is still loading images, flavors, quota... when these keys arrive: they wait for it.
  await burst(ui, ':boot\rweb-01\t');
  const f = await ui.waitFor('type to filter');
  assert.match(f, /Boot a new server/);
  assert.match(f, /1 Details ✓/, 'the name was typed into Details, then Tab went on to Source');
  await burst(ui, KEY.shiftTab);
  await ui.waitFor(/› Name +web-01/);
  assert.equal(ui.fx.find('POST', /\/servers$/).length, 0);
});

test('bursts: keys typed after `:backup SERVER` Enter wait while the server is looked up, then go to the form', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  // Ctrl-U clears the default name; then a name of our own and Tab to Type.
  await burst(ui, `:backup stopped-vm\r${KEY.ctrlU}weekly-vm\r`);
  const f = await ui.waitFor(/› Type/);
  assert.match(f, /Back up server stopped-vm/);
  assert.match(f, /Name +weekly-vm/);
  assert.equal(ui.fx.actions('createBackup').length, 0);
});

test('bursts: Delete then Enter, Enter in the menu deletes nothing; Esc neither; y deletes once', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await select(ui, 'stopped-vm');
  // a, d, Enter, Enter in one read: the menu, Delete, and Enter on the destructive confirmation = no.
  await burst(ui, 'ad\r\r');
  await ui.waitFor('Cancelled; nothing was sent.');
  // The second Enter went to the list: it opened the server.
  await ui.waitFor('Server stopped-vm');
  assert.equal(deletes(ui), 0);
  await burst(ui, 'ad');
  const f = await ui.waitFor('y to delete, any other key to cancel');
  assert.match(f, /Delete server stopped-vm \(/);
  await burst(ui, KEY.esc);
  await ui.waitFor('Cancelled; nothing was sent.');
  assert.equal(deletes(ui), 0);
  await burst(ui, 'adn');
  await ui.waitForNot('y to delete');
  assert.equal(deletes(ui), 0);
  await burst(ui, 'ady');
  await ui.waitFor('Request to delete server stopped-vm');
  await ui.waitFor(() => deletes(ui) === 1);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(deletes(ui), 1, 'exactly one delete');
});

test('bursts: a non-destructive confirmation keeps Enter for yes', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await select(ui, 'Web Server 1');
  await burst(ui, 'ao\r');
  await ui.waitFor(/> Web Server 1 +SHUTOFF/);
  assert.equal(ui.fx.actions('os-stop').length, 1);
});

test('bursts: keys typed while the app is still connecting wait for it', async (t) => {
  const fx = await startFixtureServer();
  t.after(() => fx.close());
  // Keystone answers the login late: the keys below arrive while "Connecting…" is on the screen.
  fx.fail({ method: 'POST', path: /\/v3\/auth\/tokens$/, delayMs: 500 });
  const ui = await startUi(t, { ...WIDE, fx });
  await ui.waitFor('Connecting to');
  await burst(ui, ':flavors\r');
  await ui.waitFor(/Flavors \(\d+\)/, 10_000);
});

test('bursts: the password asked for over an open form takes the keys; the form gets none of them', async (t) => {
  // A first run leaves a cached token; the second has no password configured and starts on it.
  const first = await startUi(t, WIDE);
  await first.waitFor('Servers (6)');
  first.unmount();
  const ui = await startUi(t, { ...WIDE, fx: first.fx, env: { OS_PASSWORD: undefined }, reuseState: first.te });
  await ui.waitFor('Servers (6)');
  await burst(ui, 'n');
  await ui.waitFor('› Name');
  ui.fx.revokeTokens();
  // Ctrl-R reloads what the form offers: the cloud refuses the token, the session asks for the password.
  await burst(ui, KEY.ctrlR);
  await ui.waitFor('The session expired. Password for demo');
  await burst(ui, `${ui.fx.options.password}\r`);
  await ui.waitFor((f) => f.includes('Boot a new server') && !f.includes('Password for'));
  const f = await ui.waitFor('› Name');
  assert.match(f, /› Name +e\.g\. web-01/, 'nothing typed for the password reached the name field');
});

test('bursts: a bracketed paste (ESC[200~ ... ESC[201~) into the filter and the prompt types only the text between the markers', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await burst(ui, '/\u001b[200~web\u001b[201~\r');
  let f = await ui.waitFor('filter: web   (/ edits, Esc clears)');
  assert.match(f, /Servers \(1 of 6\)/);
  assert.doesNotMatch(f, /200~|201~/);
  await burst(ui, KEY.esc);
  await ui.waitFor('Servers (6)');
  await burst(ui, ':\u001b[200~flavors\u001b[201~\r');
  f = await ui.waitFor(/Flavors \(\d+\)/);
  assert.match(f, /^ Servers › Flavors$/m);
});
