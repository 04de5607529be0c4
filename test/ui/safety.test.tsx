/**
 * Terminal safety in the app: names, faults, metadata and console output from a cloud may hold
 * escape sequences. None of them may reach the terminal live (an OSC sequence retitles the window
 * or writes the clipboard, CSI moves the cursor or recolours, BEL rings): they are drawn visible.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY, startUi } from '../support/uiFixture.js';

const EVIL = 'evil\u001b]0;pwned\u0007\u001b[31mred\u009b2J';

/** Everything the app wrote, without its own styling (NO_COLOR leaves only inverse/bold/dim). */
function liveSequences(frames: readonly string[]): string[] {
  const found: string[] = [];
  for (const f of frames) {
    if (f.includes('\u001b]')) found.push('OSC');
    if (f.includes('\u0007')) found.push('BEL');
    if (f.includes('\u009b')) found.push('C1 CSI');
    if (/\u001b\[3\dm/.test(f)) found.push('colour');
  }
  return [...new Set(found)];
}

test('terminal safety: a server whose name, fault and metadata hold escape sequences is drawn with them visible', async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 40 });
  ui.fx.addServer({
    name: EVIL,
    status: 'ERROR',
    vmState: 'error',
    fault: { code: 500, message: `boom ${EVIL}` },
    metadata: { [`k${EVIL}`]: EVIL },
  });
  await ui.waitFor('Servers (7)');
  // In the list (the column may cut it), then every field in the detail.
  await ui.waitFor('evil^[]0;pwned^G');
  await ui.press('/');
  await ui.type('evil');
  await ui.press(KEY.enter, KEY.enter);
  const f = await ui.waitFor('Fault 500: boom evil^[]0;pwned^G^[[31mred\\u{009B}2J');
  assert.match(f, /Servers › evil\^\[\]0;pwned\^G/, 'the breadcrumb too');
  await ui.press('G');
  await ui.waitFor('= evil^[]0;pwned^G');
  assert.deepEqual(liveSequences(ui.stdout.frames), [], 'nothing from the cloud reached the terminal live');
});

test('terminal safety: an error text from the cloud is drawn with its control characters visible', async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 30, feedOptions: { intervalMs: 60_000 } });
  ui.fx.fail({
    method: 'GET',
    path: /\/servers\/detail$/,
    status: 500,
    body: { computeFault: { code: 500, message: `Unexpected ${EVIL}` } },
    times: 1,
  });
  await ui.waitFor('Cannot load servers');
  await ui.waitFor('Unexpected evil^[]0;pwned^G');
  assert.deepEqual(liveSequences(ui.stdout.frames), []);
});
