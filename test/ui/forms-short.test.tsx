import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startUi } from '../support/uiFixture.js';

/** The boot form's lines from its title down, each one whole (a shrinking frame drew them over each other). */
const BOOT_LINES = [
  /^Boot a new server$/,
  /^Step 1\/9 Details {2}next: Source/,
  /^$/,
  /^› Name {11}e\.g\. web-01/,
  /^ {2}Count {9}1 {2}1\.\.10 \(instances/,
  /^ {2}Zone {10}\[\(any\)\] nova/,
];

function formLines(frame: string): string[] {
  const lines = frame.split('\n').map((l) => l.trimEnd());
  const title = lines.findIndex((l) => l === 'Boot a new server');
  assert.ok(title >= 0, `the form's title is on its own line:\n${frame}`);
  return lines.slice(title);
}

test('boot form at 40x10: its lines are whole and in order, the last ones cut off at the bottom', async (t) => {
  const ui = await startUi(t, { columns: 40, rows: 10 });
  await ui.waitFor('Servers (6)');
  await ui.press('n');
  const f = await ui.waitFor(/Count +1/);
  const lines = formLines(f);
  // Every body line is one field's line (up to where the body ends: the app's footer).
  const body = lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('Esc cancel the form')),
  );
  while (body.length && !body[body.length - 1]) body.pop(); // the empty status line
  assert.ok(body.length >= 4, f);
  body.forEach((l, i) => assert.match(l, BOOT_LINES[i]!, `line ${i} of the form:\n${f}`));
});

test('boot form at 80x24: every line is there, as before', async (t) => {
  const ui = await startUi(t, { columns: 80, rows: 24 });
  await ui.waitFor('Servers (6)');
  await ui.press('n');
  const f = await ui.waitFor(/Zone +\[/);
  const lines = formLines(f);
  BOOT_LINES.forEach((re, i) => assert.match(lines[i]!, re, `line ${i} of the form:\n${f}`));
  assert.match(lines[BOOT_LINES.length]!, /^↑↓ field {2}Enter next {2}Tab next step {2}Shift-Tab back {2}Esc cancel$/, f);
});
