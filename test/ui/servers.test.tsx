import '../support/forceColor.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY, startUi, strip } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 30 };

test('servers: the default screen lists every server with its columns, fitting 80x24', async (t) => {
  const ui = await startUi(t);
  const f = await ui.waitFor('Servers (6)');
  assert.match(f, /Name▲ +Status +Task +Power +Addresses +Flavor +Image +Age/);
  assert.match(f, /stopped-vm +SHUTOFF +Shutdown +192\.168\.1… m1\.tiny/);
  assert.match(f, /resize-me +VERIFY_RES…/);
  const lines = ui.stdout.lastFrame()!.split('\n');
  assert.ok(lines.length <= 24, `${lines.length} lines`);
  assert.ok(
    lines.every((l) => strip(l).length <= 80),
    'no line wider than 80 columns',
  );
  // Header, breadcrumb and footer.
  assert.match(f, /project: demo {2}user: demo {2}compute: 2\.93/);
  assert.match(f, /^ Servers$/m);
  assert.match(f, /Enter open {2}a actions {2}n new {2}\/ filter/);
  // Image names come from Glance in one request, not one per server.
  await ui.waitFor('cirros-0…');
  assert.equal(ui.fx.count('GET', /\/v2\/images$/) <= 2, true);
});

test('servers: rows are coloured by status', async (t) => {
  delete process.env.NO_COLOR;
  const ui = await startUi(t, { ...WIDE, env: {} });
  delete process.env.NO_COLOR;
  await ui.waitFor('cirros-0.6.2');
  const raw = ui.stdout.lastFrame()!;
  const line = (name: string) => raw.split('\n').find((l) => l.includes(name))!;
  assert.match(line('Web Server 1'), /\u001B\[32m/, 'ACTIVE is green');
  assert.match(line('stopped-vm'), /\u001B\[90m/, 'SHUTOFF is grey');
  assert.match(line('resize-me'), /\u001B\[33m/, 'VERIFY_RESIZE is yellow');
});

test('servers: NO_COLOR turns every colour off', async (t) => {
  const ui = await startUi(t, WIDE);
  assert.equal(process.env.NO_COLOR, '1');
  await ui.waitFor('cirros-0.6.2');
  await ui.press('j');
  await ui.waitFor(/^> dup/m);
  assert.doesNotMatch(ui.stdout.lastFrame()!, /\u001B\[3[0-9]m|\u001B\[9[0-7]m/, 'no foreground colour codes under NO_COLOR');
});

test('servers: / filters by substring and by field:value; Esc clears; the count shows how many match', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press('/');
  await ui.waitFor('/ filter: text or field:value');
  await ui.type('status:SHUTOFF');
  let f = await ui.waitFor('Servers (1 of 6)');
  assert.match(f, /stopped-vm/);
  assert.doesNotMatch(f, /Web Server 1/);
  await ui.press(KEY.enter);
  await ui.waitFor('filter: status:SHUTOFF   (/ edits, Esc clears)');
  // Still filtered after Enter; Esc clears.
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (6)');
  await ui.press('/');
  await ui.type('dup');
  await ui.waitFor('Servers (2 of 6)');
  await ui.press(KEY.ctrlU);
  await ui.type('!active');
  f = await ui.waitFor('Servers (2 of 6)');
  assert.match(f, /stopped-vm/);
  assert.match(f, /resize-me/);
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (6)');
  await ui.press('/');
  await ui.type('nothing-like-this');
  await ui.waitFor("Nothing matches 'nothing-like-this'");
});

test('servers: s sorts by the next column, S reverses', async (t) => {
  const ui = await startUi(t, WIDE);
  let f = await ui.waitFor('Servers (6)');
  const order = (frame: string) =>
    frame
      .split('\n')
      .filter((l) => /^[> ] \S/.test(l) && !l.includes('Name'))
      .map((l) => l.slice(2).split(/\s{2,}/)[0]);
  assert.deepEqual(order(f), ['dup', 'dup', 'new-server-test', 'resize-me', 'stopped-vm', 'Web Server 1']);
  await ui.press('S');
  f = await ui.waitFor('Name▼');
  assert.equal(order(f)[0], 'Web Server 1');
  await ui.press('s');
  f = await ui.waitFor('Status▲');
  assert.equal(order(f)[0]!.startsWith('dup') || order(f)[0] === 'new-server-test' || order(f)[0] === 'Web Server 1', true);
  assert.equal(order(f).at(-1), 'resize-me');
});

test('servers: live refresh with changes-since keeps the cursor on its server; an idle refresh is one small request', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press('j', 'j', 'j', 'j');
  await ui.waitFor('> stopped-vm');
  ui.fx.addServer({ name: 'aaa-late-comer' });
  const f = await ui.waitFor('Servers (7)', 3000);
  assert.match(f, /aaa-late-comer/);
  assert.match(f, /> stopped-vm/, 'the cursor stays on its server');
  // Idle: only changes-since requests, no full list, nothing from Glance.
  await new Promise((r) => setTimeout(r, 400));
  ui.fx.clearRequests();
  await new Promise((r) => setTimeout(r, 800));
  const reqs = ui.fx.requests.filter((r) => r.service !== 'identity');
  assert.ok(reqs.length >= 1, 'it refreshed');
  assert.ok(
    reqs.every((r) => r.method === 'GET' && r.path.endsWith('/servers/detail') && r.query['changes-since']),
    JSON.stringify(reqs.map((r) => `${r.path}?${JSON.stringify(r.query)}`)),
  );
});

test('servers: Ctrl-R reloads the whole list', async (t) => {
  const ui = await startUi(t, { ...WIDE, feedOptions: { intervalMs: 60_000 } });
  await ui.waitFor('Servers (6)');
  ui.fx.clearRequests();
  await ui.press(KEY.ctrlR);
  await ui.waitFor(() => ui.fx.find('GET', /\/servers\/detail$/).some((r) => !r.query['changes-since']));
});

test('server detail: every field, addresses per network, fault of an ERROR server, instance actions, console log', async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 40 });
  ui.fx.addServer({ name: 'broken', status: 'ERROR', vmState: 'error', fault: { code: 500, message: 'No valid host was found.' } });
  await ui.waitFor('Servers (7)');
  await ui.press('/');
  await ui.type('broken');
  await ui.press(KEY.enter);
  await ui.waitFor('Servers (1 of 7)');
  await ui.press(KEY.enter);
  let f = await ui.waitFor('Server broken  ERROR');
  assert.match(f, /Servers › broken/);
  assert.match(f, /Fault 500: No valid host was found\./);
  assert.match(f, /1 Details +2 Instance actions +3 Console log/);
  assert.match(f, /task state +-/);
  // G once the details are taller than the screen (a G while they still fit has nothing to scroll).
  await ui.waitFor(/^lines 1-\d+ of \d+$/m);
  await ui.press('G');
  // The end of the details (Metadata shows before the scroll too: wait for what only the scrolled view has).
  f = await ui.waitFor((fr) => /image +cirros-0\.6\.2-x86_64-disk \(70a599e0/.test(fr) && !/^lines 1-/m.test(fr));
  assert.match(f, /Metadata/);
  assert.match(f, /Addresses/);
  assert.match(f, /^ {2}private$/m);
  assert.match(f, /192\.168\.1\.30 \(fixed, v4, 00:0c:29:0d:11:74\)/);
  assert.match(f, /flavor +m1\.tiny \(1 vCPU, 512 MiB RAM, 1 GB disk/);
  assert.match(f, /image +cirros-0\.6\.2-x86_64-disk \(70a599e0/);
  await ui.press('2');
  f = await ui.waitFor('Request ID');
  assert.match(f, /Action +Started +Message/);
  assert.match(f, /create|stop/);
  await ui.press('3');
  f = await ui.waitFor('Ctrl-R reads it again');
  assert.match(f, /FAKE CONSOLE OUTPUT/);
  const before = ui.fx.actions('os-getConsoleOutput').length;
  await ui.press(KEY.ctrlR);
  await ui.waitFor(() => ui.fx.actions('os-getConsoleOutput').length > before);
  await ui.press(KEY.esc);
  await ui.waitFor(/^ Servers$/m);
  // Esc once more clears the filter.
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (7)');
});

test('servers: thousands of servers render only the visible rows and stay quick to move through', async (t) => {
  const ui = await startUi(t, { fixture: { novaMaxLimit: 1000 } });
  for (let i = 0; i < 2500; i++) ui.fx.addServer({ name: `bulk-${String(i).padStart(5, '0')}` });
  await ui.waitFor('Servers (2506)', 30_000);
  let lines = ui.stdout.lastFrame()!.split('\n');
  assert.ok(lines.length <= 24);
  const started = Date.now();
  await ui.press('G');
  await ui.waitFor('2506/2506');
  await ui.press(KEY.pageUp);
  await ui.waitFor(/24\d\d\/2506/);
  await ui.press('/');
  await ui.type('bulk-0249');
  await ui.waitFor('Servers (10 of 2506)');
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  lines = ui.stdout.lastFrame()!.split('\n');
  assert.ok(lines.length <= 24);
});

test('servers: a list Nova cannot answer shows the error with its request id and recovers on Ctrl-R', async (t) => {
  const ui = await startUi(t, { ...WIDE, feedOptions: { intervalMs: 60_000 } });
  ui.fx.fail({
    method: 'GET',
    path: /\/servers\/detail$/,
    status: 500,
    body: { computeFault: { code: 500, message: 'Unexpected API Error.' } },
    headers: { 'x-openstack-request-id': 'req-0123' },
    times: 1,
  });
  const f = await ui.waitFor('Cannot load servers');
  assert.match(f, /Unexpected API Error\. \(HTTP 500, request req-0123\)/);
  assert.match(f, /Ctrl-R retry/);
  assert.doesNotMatch(f, /\n\s+at /);
  await ui.press(KEY.ctrlR);
  await ui.waitFor('Servers (6)');
});

test('servers: at 120 columns the longest statuses and tasks are shown whole; the help lists every screen : jumps to', async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 32 });
  ui.fx.addServer({ name: 'shelved-vm', status: 'SHELVED_OFFLOADED', vmState: 'shelved_offloaded' });
  ui.fx.addServer({ name: 'imaging-vm', status: 'ACTIVE', taskState: 'image_pending_upload' });
  const f = await ui.waitFor('Servers (8)');
  assert.match(f, /shelved-vm +SHELVED_OFFLOADED /);
  assert.match(f, /imaging-vm +ACTIVE +image_pending_upload /);
  await ui.press('?');
  const help = await ui.waitFor('The : prompt');
  for (const screen of [':servers', ':limits', ':server-groups', ':hypervisors', ':services']) assert.ok(help.includes(screen), screen);
});
