/**
 * The app under faults beyond the servers list's polls: opening a server's detail, an action from
 * the menu (a POST, never sent twice), the first list of the app. Each under a few faults of the
 * matrix that stand for the rest (an error status, a 2xx that is not JSON, an answer that never
 * comes, a dropped connection after the cloud acted, a huge message).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MatrixFault, MATRIX_FAULTS } from '../support/faultMatrix.js';
import {
  LIST_PATH,
  applyFault,
  assertSane,
  endFault,
  faultedRequestIds,
  framesSince,
  startFaultyUi,
  statusLine,
} from '../support/appFaults.js';
import { KEY, type Ui } from '../support/uiFixture.js';

const fault = (name: string): MatrixFault => {
  const f = MATRIX_FAULTS.find((m) => m.name === name);
  if (!f) throw new Error(`no fault named ${name}`);
  return f;
};

const SAMPLE = ['500', 'HTML with 200', 'stalled body', 'reset after the cloud acted', 'huge error message (50 MB)'].map(fault);

/** The status and request id of the last faulted request to that path, on this text (when the fault is an HTTP answer). */
function assertNamesStatus(text: string, proxyIds: string[], mf: MatrixFault): void {
  if (!mf.status) return;
  assert.ok(text.includes(`HTTP ${mf.status}`), `the status is named: ${text}`);
  assert.ok(
    proxyIds.some((id) => text.includes(id)),
    `a request id the proxy sent is named: ${text}`,
  );
}

async function openWebServer(ui: Ui): Promise<void> {
  await ui.waitFor('Servers (6)', 10_000);
  await ui.press('/');
  await ui.type('name:Web');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> Web Server 1/m);
  await ui.press(KEY.enter);
  await ui.waitFor('Server Web Server 1');
}

describe('app under faults: a server detail', () => {
  for (const mf of SAMPLE) {
    test(`${mf.name}: the feed's copy stays, the title and status line say the look failed; Ctrl-R after the fault refreshes`, async (t) => {
      const { ui, fx, proxy } = await startFaultyUi(t, mf);
      const id = fx.serverByName('Web Server 1')!.id;
      const path = `/v2.1/servers/${id}`;
      await applyFault(proxy, mf, 'GET', path);
      const from = ui.stdout.frames.length;
      await openWebServer(ui);
      const f = await ui.waitFor(/Server Web Server 1 {2}ACTIVE {2}refresh failed: /, 20_000);
      assert.match(f, /status +ACTIVE/, 'the details are drawn from the live list');
      const status = statusLine(f);
      assert.match(status, /^Refreshing server Web Server 1 failed: /m);
      assertNamesStatus(status, faultedRequestIds(proxy, 'GET', path), mf);
      await ui.press('2');
      await ui.waitFor('Request ID');
      await ui.press('1');
      await ui.waitFor('status ');
      assertSane(ui, framesSince(ui, from));
      await endFault(proxy);
      await ui.press(KEY.ctrlR);
      await ui.waitForNot('refresh failed', 10_000);
      assertSane(ui, framesSince(ui, from));
    });
  }
});

describe('app under faults: an action from the menu', () => {
  for (const mf of [...SAMPLE, fault('409'), fault('502 then success'), fault('no headers ever')]) {
    test(`${mf.name}: stop is sent at most once, the failure is told with its status and request id; after the fault it works`, async (t) => {
      const { ui, fx, proxy } = await startFaultyUi(t, mf);
      const id = fx.serverByName('Web Server 1')!.id;
      const path = `/v2.1/servers/${id}/action`;
      await applyFault(proxy, mf, 'POST', path);
      const from = ui.stdout.frames.length;
      await openWebServer(ui);
      await ui.press('a');
      await ui.waitFor('Actions on Web Server 1');
      await ui.press('o');
      await ui.waitFor('Stop server Web Server 1');
      await ui.press('y');
      const f = await ui.waitFor((s) => /Stop \(power off\) of Web Server 1 failed/.test(statusLine(s)), 20_000);
      const status = statusLine(f);
      assertNamesStatus(status, faultedRequestIds(proxy, 'POST', path), mf);
      const sent = proxy.find('POST', path);
      assert.equal(sent.length, 1, 'the POST is sent once, never retried');
      if (sent[0]!.forwarded && fx.actions('os-stop', id).length === 1) {
        // The cloud got it: the user must not be told that nothing happened.
        assert.doesNotMatch(status, /nothing was sent/i);
      }
      await ui.press('2');
      await ui.waitFor('Request ID');
      assertSane(ui, framesSince(ui, from));
      // The fault ends: the same action goes through (a server the cloud stopped meanwhile offers start).
      await endFault(proxy);
      await ui.press('1');
      await ui.press('a');
      const menu = await ui.waitFor('Actions on Web Server 1');
      if (/o {2}Stop/.test(menu)) {
        await ui.press('o');
        await ui.waitFor('Stop server Web Server 1');
        await ui.press('y');
      } else await ui.press(KEY.esc);
      await ui.waitFor(/Server Web Server 1 {2}SHUTOFF/, 10_000);
      assertSane(ui, framesSince(ui, from));
    });
  }
});

describe("app under faults: the app's first list", () => {
  for (const mf of [...SAMPLE, fault('401 always')]) {
    test(`${mf.name}: an error panel, never "Servers (0)"; keys answered; the list comes when the fault ends`, async (t) => {
      const { ui, fx, proxy } = await startFaultyUi(t, mf, { fixture: {} });
      await applyFault(proxy, mf, 'GET', LIST_PATH);
      const f = await ui.waitFor('Cannot load servers', 20_000);
      assertNamesStatus(f, faultedRequestIds(proxy, 'GET', LIST_PATH), mf);
      assert.doesNotMatch(f, /Servers \(0\)/);
      await ui.press('?');
      await ui.waitFor('Keys');
      await ui.press(KEY.esc);
      await ui.waitFor('Cannot load servers');
      assertSane(ui, ui.stdout.frames);
      await endFault(proxy);
      fx.addServer({ name: 'fresh-vm' });
      await ui.waitFor((s) => s.includes('Servers (7)') && s.includes('fresh-vm'), 15_000);
      assertSane(ui, ui.stdout.frames);
    });
  }

  test('all projects, toggled while the list fails: an error panel, not an empty list; then the list of every project', async (t) => {
    const mf = fault('500');
    const { ui, proxy } = await startFaultyUi(t, mf, { fixture: { roles: ['admin', 'member'] } });
    await ui.waitFor('Servers (6)', 10_000);
    const from = ui.stdout.frames.length;
    await applyFault(proxy, mf, 'GET', LIST_PATH);
    await ui.press('A');
    const f = await ui.waitFor('Cannot load servers', 10_000);
    assertNamesStatus(f, faultedRequestIds(proxy, 'GET', LIST_PATH), mf);
    assert.equal(
      framesSince(ui, from).find((s) => /Servers \(0\)/.test(s)),
      undefined,
      'never "Servers (0)"',
    );
    await endFault(proxy);
    await ui.waitFor(/Servers \(6\) {2}all projects/, 10_000);
    assertSane(ui, framesSince(ui, from));
  });
});
