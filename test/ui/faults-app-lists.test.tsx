/**
 * The app under faults on the flavors and images screens: a first load that fails is an error
 * panel naming status and request id, a reload that fails keeps the rows and says so; Ctrl-R
 * after the fault brings the list back and the failure is no longer shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MatrixFault, MATRIX_FAULTS } from '../support/faultMatrix.js';
import { applyFault, assertSane, endFault, faultedRequestIds, framesSince, startFaultyUi, statusLine } from '../support/appFaults.js';
import { KEY, type Ui } from '../support/uiFixture.js';

const SAMPLE = ['500', 'HTML with 200', 'stalled body', 'huge error message (50 MB)'].map((name) => {
  const f = MATRIX_FAULTS.find((m) => m.name === name);
  if (!f) throw new Error(`no fault named ${name}`);
  return f;
});

const SCREENS = [
  { name: 'flavors', path: '/v2.1/flavors/detail', title: 'Flavors', count: 'Flavors (7)', row: 'm1.tiny' },
  { name: 'images', path: '/image/v2/images', title: 'Images', count: /Images \(\d+\)/, row: 'cirros-0.6.2' },
];

function namesStatus(text: string, ids: string[], mf: MatrixFault): void {
  if (!mf.status) return;
  assert.ok(text.includes(`HTTP ${mf.status}`), `the status is named:\n${text}`);
  assert.ok(
    ids.some((id) => text.includes(id)),
    `a request id the proxy sent is named:\n${text}`,
  );
}

async function open(ui: Ui, screen: string): Promise<void> {
  await ui.waitFor('Servers (6)', 10_000);
  await ui.press(':');
  await ui.type(screen);
  await ui.press(KEY.enter);
}

for (const s of SCREENS) {
  const listed = (x: string): boolean => (typeof s.count === 'string' ? x.includes(s.count) : s.count.test(x)) && x.includes(s.row);
  describe(`app under faults: the ${s.name} screen`, () => {
    for (const mf of SAMPLE) {
      test(`${mf.name}: the first load is an error panel; the reload after the fault shows the rows`, async (t) => {
        const { ui, proxy } = await startFaultyUi(t, mf);
        await applyFault(proxy, mf, 'GET', s.path);
        const from = ui.stdout.frames.length;
        await open(ui, s.name);
        const f = await ui.waitFor(`Cannot load ${s.name}`, 20_000);
        namesStatus(f, faultedRequestIds(proxy, 'GET', s.path), mf);
        await ui.press('?');
        await ui.waitFor('Keys');
        await ui.press(KEY.esc);
        await ui.waitFor(`Cannot load ${s.name}`);
        assertSane(ui, framesSince(ui, from));
        await endFault(proxy);
        await ui.press(KEY.ctrlR);
        await ui.waitFor(listed, 10_000);
        assertSane(ui, framesSince(ui, from));
      });

      test(`${mf.name}: a reload that fails keeps the rows, the title and status line say so; Ctrl-R after the fault clears it`, async (t) => {
        const { ui, proxy } = await startFaultyUi(t, mf);
        await open(ui, s.name);
        // The count, not only the row: the servers list behind shows flavor and image names too.
        await ui.waitFor(listed, 10_000);
        const from = ui.stdout.frames.length;
        await applyFault(proxy, mf, 'GET', s.path);
        await ui.press(KEY.ctrlR);
        const title = new RegExp(`${s.title} \\(\\d+\\) {2}reload failed: `);
        const f = await ui.waitFor((x) => title.test(x) && statusLine(x).includes(`Reloading ${s.name} failed: `), 20_000);
        assert.ok(f.includes(s.row), 'the rows stay');
        const status = statusLine(f);
        namesStatus(status, faultedRequestIds(proxy, 'GET', s.path), mf);
        await ui.press('j');
        assertSane(ui, framesSince(ui, from));
        await endFault(proxy);
        await ui.press(KEY.ctrlR);
        await ui.waitForNot('reload failed', 10_000);
        assert.ok(ui.frame().includes(s.row));
        assertSane(ui, framesSince(ui, from));
      });
    }
  });
}
