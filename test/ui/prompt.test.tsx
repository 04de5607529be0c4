import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { displayWidth } from '../../src/util/displayWidth.js';
import { hasStack } from '../support/run.js';
import { KEY, startUi } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };
const promptLine = (f: string) => f.split('\n').find((l) => l.startsWith(':')) ?? '';

test('prompt: Tab completes a unique command name; an ambiguous one shows the candidates and Tab cycles', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('rebo');
  await ui.press(KEY.tab);
  // The completed word gets a space after it: what is typed next is the next word.
  await ui.waitFor((f) => promptLine(f).trimEnd() === ':reboot');
  await ui.type('x');
  await ui.waitFor((f) => promptLine(f).startsWith(':reboot x'));
  await ui.press(KEY.ctrlU);
  await ui.type('fla');
  await ui.press(KEY.tab);
  const f = await ui.waitFor(/flavor-list +flavor-show +flavors/);
  assert.match(promptLine(f), /^:flavor\s*$/);
  await ui.press(KEY.tab);
  await ui.waitFor((fr) => /^:flavor-list\s*$/.test(promptLine(fr)));
  await ui.press(KEY.tab);
  await ui.waitFor((fr) => /^:flavor-show\s*$/.test(promptLine(fr)));
  await ui.press(KEY.shiftTab);
  await ui.waitFor((fr) => /^:flavor-list\s*$/.test(promptLine(fr)));
  // Another key ends the cycle and hides the candidates.
  await ui.type(' ');
  await ui.waitForNot(/flavor-show +flavors/);
});

test('prompt: Tab completes options, and server / flavor names from the completion caches', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('cirros-0.6.2');
  await ui.press(':');
  await ui.type('reboot --ha');
  await ui.press(KEY.tab);
  await ui.waitFor((f) => promptLine(f).trimEnd() === ':reboot --hard');
  await ui.type('new-');
  await ui.press(KEY.tab);
  await ui.waitFor((f) => promptLine(f).trimEnd() === ':reboot --hard new-server-test');
  await ui.press(KEY.ctrlU);
  await ui.type('resize stopped-vm m1.sm');
  await ui.press(KEY.tab);
  const f = await ui.waitFor(/m1\.small +m1\.small\.description/);
  assert.ok(promptLine(f).startsWith(':resize stopped-vm m1.small'));
  await ui.press(KEY.ctrlU);
  await ui.type('show d');
  await ui.press(KEY.tab);
  await ui.waitFor((fr) => promptLine(fr).trimEnd() === ':show dup');
});

test('prompt: a one-shot command shows its result in the app (table, record); Esc goes back', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('flavor-list');
  await ui.press(KEY.enter);
  let f = await ui.waitFor(':flavor-list (');
  assert.match(f, /ID +Name +Memory_MiB +Disk/);
  assert.match(f, /m1\.tiny +512/);
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('show stopped-vm');
  await ui.press(KEY.enter);
  f = await ui.waitFor(/status +SHUTOFF/);
  assert.match(f, /name +stopped-vm/);
  await ui.press(KEY.esc);
  await ui.press(':');
  await ui.type('list --status SHUTOFF -f json');
  await ui.press(KEY.enter);
  await ui.waitFor('"Name": "stopped-vm"');
});

test('prompt: errors show as one message, never a stack trace', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('nosuch thing');
  await ui.press(KEY.enter);
  await ui.waitFor("'nosuch' is not a command");
  await ui.press(':');
  await ui.type('show no-such-server');
  await ui.press(KEY.enter);
  await ui.waitFor("No server with a name or ID of 'no-such-server' exists.");
  await ui.press(':');
  await ui.type('reboot');
  await ui.press(KEY.enter);
  await ui.waitFor('missing <server>');
  ui.fx.fail({
    method: 'GET',
    path: /\/flavors\/detail$/,
    status: 500,
    body: { computeFault: { code: 500, message: 'Unexpected API Error.' } },
    times: 5,
  });
  await ui.press(':');
  await ui.type('flavor-list');
  await ui.press(KEY.enter);
  const f = await ui.waitFor('Unexpected API Error. (HTTP 500');
  assert.ok(!hasStack(f));
});

test('prompt: a command that changes the cloud asks first, then runs and the list follows', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('stop Web\\ Server\\ 1');
  await ui.press(KEY.enter);
  await ui.waitFor("Run 'stop Web Server 1'");
  await ui.press('y');
  await ui.waitFor('Request to stop server Web Server 1');
  await ui.waitFor(/Web Server 1 +SHUTOFF/);
  assert.equal(ui.fx.actions('os-stop').length, 1);
});

test('prompt: :boot opens the boot form, :backup SERVER the backup form', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('boot');
  await ui.press(KEY.enter);
  await ui.waitFor('Boot a new server');
  for (let i = 0; i < 3 && ui.frame().includes('Boot a new server'); i++) {
    await ui.press(KEY.esc);
    await new Promise((r) => setTimeout(r, 50));
    if (ui.frame().includes('Discard the boot form?')) await ui.press('y');
  }
  await ui.waitForNot('Boot a new server');
  await ui.press(':');
  await ui.type('backup new-server-test');
  await ui.press(KEY.enter);
  await ui.waitFor('Back up server new-server-test');
});

test('prompt: history with Up/Down, kept between runs', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  for (const line of ['flavors', 'servers', 'limits']) {
    await ui.press(':');
    await ui.type(line);
    await ui.press(KEY.enter);
    await new Promise((r) => setTimeout(r, 30));
  }
  await ui.waitFor('Limits of project');
  assert.equal(readFileSync(ui.historyFile, 'utf8'), 'flavors\nservers\nlimits\n');
  await ui.press(':');
  await ui.press(KEY.up);
  await ui.waitFor((f) => promptLine(f).startsWith(':limits'));
  await ui.press(KEY.up, KEY.up);
  await ui.waitFor((f) => promptLine(f).startsWith(':flavors'));
  await ui.press(KEY.down);
  await ui.waitFor((f) => promptLine(f).startsWith(':servers'));
  await ui.press(KEY.down, KEY.down);
  await ui.waitFor((f) => /^:\s/.test(promptLine(f)) || promptLine(f).startsWith(': '));
  ui.unmount();

  // A new run reads it back.
  const again = await startUi(t, { ...WIDE, fx: ui.fx, history: ['keypairs', 'images'] });
  await again.waitFor('Servers (6)');
  await again.press(':');
  await again.press(KEY.up);
  await again.waitFor((f) => promptLine(f).startsWith(':images'));
});

test('prompt: keys typed right after : are not lost, even in one burst with Enter', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':', 'flavors\r');
  await ui.waitFor(/Flavors \(\d+\)/);
  await ui.press('/', 'm1.tiny\r');
  await ui.waitFor('filter: m1.tiny');
  await ui.press(KEY.esc, KEY.esc);
  await ui.waitFor('Servers (6)');
});

test('prompt: a line of wide characters (CJK) scrolls by columns: what was typed last stays in view, within the width', async (t) => {
  const ui = await startUi(t, { columns: 80, rows: 24 });
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  // 50 CJK characters take 100 columns: more than the terminal has.
  await ui.press(`show ${'漢'.repeat(50)}END`);
  const f = await ui.waitFor((fr) => promptLine(fr).includes('END'));
  const line = promptLine(f);
  assert.ok(displayWidth(line) <= 80, `the prompt line is ${displayWidth(line)} columns wide`);
  assert.match(line, /^:漢+END\s*$/, 'the end of the line is shown, the cursor after it');
  await ui.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
  await ui.waitFor((fr) => /漢{30,} ?$/.test(promptLine(fr)) && !promptLine(fr).includes('E'));
});

test('prompt: Delete removes the character under the cursor, Backspace the one before it', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('limxxits');
  await ui.press(KEY.left, KEY.left, KEY.left, KEY.left);
  await ui.press('\u001B[3~'); // the forward Delete key: the second x goes, the cursor stays on 'i'
  await ui.waitFor((f) => promptLine(f).trimEnd() === ':limxits');
  await ui.press(KEY.backspace); // the first x goes
  await ui.waitFor((f) => promptLine(f).trimEnd() === ':limits');
  await ui.press(KEY.enter);
  await ui.waitFor('Limits of project demo');
});
