import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };

/** Puts the cursor on the server of that name (through the filter, then clears it). */
async function select(ui: Ui, name: string): Promise<void> {
  await ui.waitFor('Servers (');
  await ui.press('/');
  await ui.type(`name:${name}`);
  await ui.press(KEY.enter);
  await ui.waitFor(new RegExp(`^> ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm'));
}

async function openServer(ui: Ui, name: string): Promise<void> {
  await select(ui, name);
  await ui.press(KEY.enter);
  await ui.waitFor(`Server ${name}`);
}

/** Opens the actions menu of the selected or open server. */
async function menu(ui: Awaited<ReturnType<typeof startUi>>, name: string): Promise<string> {
  await ui.press('a');
  return ui.waitFor(`Actions on ${name}`);
}

test('actions: reboot from the detail screen asks first, naming the server, then shows REBOOT and ACTIVE without a refresh', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, 'new-server-test');
  const id = ui.fx.serverByName('new-server-test')!.id;
  await ui.press('a');
  let f = await ui.waitFor('Actions on new-server-test');
  assert.match(f, /r {2}Reboot \(soft\)/);
  assert.match(f, /d {2}Delete/);
  assert.doesNotMatch(f, /Start|Unpause|Confirm resize/, 'only what makes sense for an ACTIVE server');
  await ui.press('r');
  f = await ui.waitFor('[y/Enter] reboot (soft)');
  assert.match(f, new RegExp(`Reboot server new-server-test \\(${id}\\)\\?`));
  assert.equal(ui.fx.actions('reboot').length, 0, 'nothing sent before the confirmation');
  await ui.press('y');
  await ui.waitFor(/Server new-server-test {2}REBOOT {2}rebooting/);
  assert.equal(ui.fx.actions('reboot', id)[0]!.json && JSON.stringify(ui.fx.actions('reboot', id)[0]!.json), '{"reboot":{"type":"SOFT"}}');
  await ui.waitFor(/Server new-server-test {2}ACTIVE(?! {2}rebooting)/);
  assert.match(ui.frame(), /accepted/);
});

test('actions: n in the confirmation sends nothing', async (t) => {
  const ui = await startUi(t, WIDE);
  await select(ui, 'Web Server 1');
  await menu(ui, 'Web Server 1');
  await ui.press('o');
  await ui.waitFor('Stop server Web Server 1');
  await ui.press('n');
  await ui.waitFor('Cancelled; nothing was sent.');
  assert.equal(ui.fx.actions('os-stop').length, 0);
});

test('actions: stop and start from the list; the row follows the state', async (t) => {
  const ui = await startUi(t, WIDE);
  await select(ui, 'Web Server 1');
  await menu(ui, 'Web Server 1');
  await ui.press('o');
  await ui.waitFor('Stop server Web Server 1');
  await ui.press(KEY.enter);
  await ui.waitFor(/> Web Server 1 +SHUTOFF/);
  await menu(ui, 'Web Server 1');
  await ui.press('s');
  await ui.waitFor(/> Web Server 1 +ACTIVE/);
  assert.equal(ui.fx.actions('os-start').length, 1);
});

test('actions: a VERIFY_RESIZE server offers confirm and revert; revert asks first', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, 'resize-me');
  const f = await menu(ui, 'resize-me');
  assert.match(f, /c {2}Confirm resize/);
  assert.match(f, /v {2}Revert resize/);
  await ui.press('v');
  await ui.waitFor('Revert the resize of server resize-me');
  await ui.press('y');
  await ui.waitFor(/Server resize-me {2}ACTIVE/);
  assert.equal(ui.fx.actions('revertResize').length, 1);
});

test('actions: lock, then the menu offers unlock', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, 'stopped-vm');
  await menu(ui, 'stopped-vm');
  await ui.press('l');
  await ui.waitFor('Request to lock server stopped-vm');
  await ui.waitFor(/locked +yes/);
  const f = await menu(ui, 'stopped-vm');
  assert.match(f, /L {2}Unlock/);
  assert.doesNotMatch(f, /l {2}Lock/);
});

test('actions: delete asks (cannot be undone), goes back to the list, and the server disappears', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, 'stopped-vm');
  await menu(ui, 'stopped-vm');
  await ui.press('d');
  const f = await ui.waitFor('cannot be undone');
  assert.match(f, /Delete server stopped-vm \(/);
  await ui.press('y');
  await ui.waitFor(/^ Servers$/m);
  await ui.press(KEY.esc);
  await ui.waitFor((fr) => fr.includes('Servers (5)') && !/^[> ] stopped-vm/m.test(fr));
  assert.equal(ui.fx.count('DELETE', /\/servers\/[^/]+$/), 1);
});

test('actions: resize opens the resize form; the app ignores its own keys while a form is open', async (t) => {
  const ui = await startUi(t, WIDE);
  await openServer(ui, 'new-server-test');
  await menu(ui, 'new-server-test');
  await ui.press('z');
  await ui.waitFor('Resize server new-server-test');
  await ui.press('q', ':', '?');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(ui.exited(), undefined, 'q did not quit');
  assert.match(ui.frame(), /Resize server new-server-test/);
  assert.doesNotMatch(ui.frame(), /Keys on/);
  // The form's own Esc (it may clear its filter first) closes it and gives the keys back.
  for (let i = 0; i < 3 && ui.frame().includes('Resize server'); i++) {
    await ui.press(KEY.esc);
    await new Promise((r) => setTimeout(r, 50));
  }
  await ui.waitFor((f) => !f.includes('Resize server') && f.includes('Server new-server-test'));
  await ui.press('?');
  await ui.waitFor('Keys on new-server-test');
});

test('actions: n on the servers list opens the boot form', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press('n');
  await ui.waitFor('Boot a new server');
  await ui.press(KEY.esc);
});

test('--read-only: no action keys in the footer, a and n refused, nothing sent', async (t) => {
  const ui = await startUi(t, { ...WIDE, globals: { 'read-only': true } });
  let f = await ui.waitFor('Servers (6)');
  assert.match(f, /READ-ONLY/);
  assert.doesNotMatch(f, /a actions/);
  assert.doesNotMatch(f, /n new/);
  await ui.press('a');
  await ui.waitFor("Read-only mode (--read-only): 'a' changes the cloud and is disabled.");
  await ui.press('n');
  await ui.waitFor("Read-only mode (--read-only): 'n' changes the cloud and is disabled.");
  await ui.press(KEY.enter);
  await ui.waitFor('1/2/3 tabs');
  f = ui.frame();
  assert.doesNotMatch(f, /a actions/);
  // ':' clears the last message (Esc closes the prompt): the refusal below is the detail screen's own.
  await ui.press(':', KEY.esc);
  await ui.waitForNot('changes the cloud and is disabled');
  await ui.press('a');
  await ui.waitFor("Read-only mode (--read-only): 'a' changes the cloud and is disabled.");
  await ui.press(':');
  await ui.type('reboot dup');
  await ui.press(KEY.enter);
  await ui.waitFor('--read-only is set; nothing was sent');
  assert.equal(ui.fx.requests.filter((r) => r.method !== 'GET' && r.service !== 'identity').length, 0);
});

test('actions: in a 40x10 terminal the delete confirmation stays inside its frame and keeps its answer line', async (t) => {
  const ui = await startUi(t, { columns: 40, rows: 10 });
  ui.fx.addServer({ name: 'a-server-with-a-rather-long-name-that-wraps-over-lines' });
  await ui.waitFor('Servers (7)');
  await ui.press('/');
  await ui.type('name:rather');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> a-server-with/m);
  await ui.press('a');
  await ui.waitFor('Actions on');
  await ui.press('d');
  const f = await ui.waitFor('y to delete');
  const lines = f.split('\n');
  const top = lines.findIndex((l) => l.startsWith('╭'));
  const bottom = lines.findIndex((l) => l.startsWith('╰'));
  assert.ok(top >= 0 && bottom > top, f);
  assert.match(lines[bottom]!, /^╰─+╯$/, `the frame's bottom edge is whole:\n${f}`);
  for (const line of lines.slice(top + 1, bottom)) assert.match(line, /^│.*│$/, `a line inside the frame:\n${f}`);
  assert.ok(lines.length <= 10 && lines.every((l) => l.length <= 40), f);
  assert.match(lines[top + 1]!, /Delete/);
  await ui.press('n');
  await ui.waitFor('Cancelled; nothing was sent.');
  assert.equal(ui.fx.count('DELETE', /\/servers\/[^/]+$/), 0);
});

test('actions: the menu of a server with a 255-character name cuts the name, not its status and ID', async (t) => {
  const ui = await startUi(t);
  await ui.waitFor('Servers (6)');
  const name = 'long-' + 'n'.repeat(246) + '-end';
  assert.equal(name.length, 255);
  const s = ui.fx.addServer({ name });
  await ui.waitFor('Servers (7)');
  await ui.press('/');
  await ui.type('long-nnn');
  await ui.press(KEY.enter);
  await ui.waitFor('(/ edits, Esc clears)');
  await ui.press('a');
  const f = await ui.waitFor('Actions on long-');
  const header = f.split('\n').find((l) => l.includes('Actions on long-'))!;
  assert.match(header, new RegExp(`│ Actions on long-n+…  ACTIVE  ${s.id} +│$`), f);
  assert.ok(header.length <= 80, header);
});
