/**
 * The admin's screens in the app against the fixture cloud: hypervisors and compute services
 * (a list with the `/` filter, Enter opens a detail), a member refused them in words, and the
 * server's actions tab opening one action with its events.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_SERVER_ID } from '../support/glanceImages.js';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };
const ADMIN = { roles: ['admin', 'member', 'reader'] };

async function command(ui: Ui, line: string): Promise<void> {
  await ui.press(':');
  await ui.type(line);
  await ui.press(KEY.enter);
}

test(':hypervisors lists the compute nodes; / filters; Enter shows one with its servers; Esc comes back', async (t) => {
  // 2.87: the last version where Nova counts vCPUs, RAM and VMs itself.
  const ui = await startUi(t, { ...WIDE, fixture: ADMIN, globals: { 'os-compute-api-version': '2.87' } });
  await ui.waitFor('Servers (6)');
  await command(ui, 'hypervisors');
  let f = await ui.waitFor('Hypervisors (2)');
  assert.match(f, /^ Servers › Hypervisors +admin$/m);
  assert.match(f, /Hostname▲ +State +Status +Type +Host IP +vCPUs +RAM +VMs/);
  assert.match(f, /compute1 +up +enabled +fake +192\.168\.1\.135 +\d+ \/ 8/);
  assert.match(f, /compute2 +up +enabled +fake +192\.168\.1\.136/);
  await ui.press('/');
  await ui.type('name:compute2');
  await ui.press(KEY.enter);
  f = await ui.waitFor('Hypervisors (1 of 2)');
  assert.match(f, /^> compute2 /m);
  await ui.press(KEY.esc);
  await ui.waitFor('Hypervisors (2)');
  await ui.press(KEY.enter);
  f = await ui.waitFor('hypervisor_hostname');
  assert.match(f, /Hypervisor compute1/);
  assert.match(f, /Servers › Hypervisors › compute1/);
  assert.match(f, /hypervisor_hostname +compute1/);
  assert.match(f, /state +up/);
  assert.match(f, /vcpus_used +6/);
  assert.match(f, /uptime +.*up 93 days/);
  await ui.press('G');
  f = await ui.waitFor('Servers (6)');
  // The server's own name first (the app knows it), Nova's instance name beside it.
  assert.match(f, /new-server-test +f5dc173b-6804-445a-a6d8-c705dad5b5eb +\(instance-00000001\)/);
  assert.ok(ui.fx.find('GET', /\/os-hypervisors\/[^/]+$/).some((r) => r.query.with_servers === 'true'));
  await ui.press(KEY.esc);
  await ui.waitFor((fr) => /^ Servers › Hypervisors +admin$/m.test(fr));
});

test(':hypervisors from 2.88: no counter columns (Placement has them), the same detail without them', async (t) => {
  const ui = await startUi(t, { ...WIDE, fixture: ADMIN });
  await ui.waitFor('Servers (6)');
  await command(ui, 'hypervisors');
  const f = await ui.waitFor('Hypervisors (2)');
  assert.match(f, /Hostname▲ +State +Status +Type +Host IP +ID/);
  assert.doesNotMatch(f, /vCPUs|VMs/);
  await ui.press(KEY.enter);
  const d = await ui.waitFor('hypervisor_hostname');
  assert.doesNotMatch(d, /vcpus/);
  assert.match(d, /uptime +.*up 93 days/);
});

test(':services shows up/down, enabled, forced down; a host that stops reporting turns up down; Enter opens a service', async (t) => {
  const ui = await startUi(t, { ...WIDE, fixture: ADMIN });
  await ui.waitFor('Servers (6)');
  ui.fx.setHostDown('compute2');
  await command(ui, 'services');
  let f = await ui.waitFor('Compute services (4)');
  assert.match(f, /Binary▲ +Host +Zone +Status +State +Forced down/);
  assert.match(f, /nova-compute +compute2 +nova +enabled +down +no/);
  assert.match(f, /nova-scheduler +controller +internal +enabled +up +no/);
  await ui.press('/');
  await ui.type('state:down');
  await ui.press(KEY.enter);
  f = await ui.waitFor('Compute services (1 of 4)');
  assert.match(f, /^> nova-compute +compute2 /m);
  await ui.press(KEY.enter);
  f = await ui.waitFor('Service nova-compute on compute2');
  assert.match(f, /state +down/);
  assert.match(f, /forced down +no/);
  assert.match(f, /last heartbeat +\d{4}-/);
  // Ctrl-R asks Nova again, for this host's service only.
  ui.fx.setHostDown('compute2', false);
  ui.fx.clearRequests();
  await ui.press(KEY.ctrlR);
  f = await ui.waitFor(/state +up/);
  assert.match(f, /Service nova-compute on compute2/);
  assert.deepEqual(ui.fx.last('GET', '/v2.1/os-services')!.query, { host: 'compute2', binary: 'nova-compute' });
});

test("a member: :hypervisors and :services say they are for administrators, with Nova's words", async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await command(ui, 'hypervisors');
  let f = await ui.waitFor('Cannot load hypervisors');
  assert.match(f, /:hypervisors is for cloud administrators, and user demo in project demo has no admin role/);
  assert.match(f, /os-hypervisors/);
  await command(ui, 'services');
  f = await ui.waitFor('Cannot load compute services');
  assert.match(f, /:services is for cloud administrators/);
});

test("the server's actions tab: Enter opens the action under the cursor with its events (tracebacks for admins)", async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 40, fixture: ADMIN });
  const failed = ui.fx.logAction(SAMPLE_SERVER_ID, 'reboot', { failed: 'libvirtError: internal error', message: 'Error' });
  await ui.waitFor('Servers (6)');
  await ui.press('/');
  await ui.type('new-server-test');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> new-server-test/m);
  await ui.press(KEY.enter);
  await ui.waitFor('Server new-server-test');
  await ui.press('2');
  let f = await ui.waitFor(/^> reboot .*Error/m);
  assert.match(f, new RegExp(failed.slice(0, 20)));
  await ui.press(KEY.enter);
  f = await ui.waitFor('Events (1)');
  assert.match(f, /Action reboot {2}of server new-server-test/);
  assert.match(f, new RegExp(`Servers › new-server-test › ${failed}`));
  assert.match(f, /message +Error/);
  assert.match(f, /compute_reboot_instance {2}Error {2}\S+ \S+ → \S+ \S+ {2}on compute1/);
  assert.match(f, /details: libvirtError: internal error/);
  assert.match(f, /Traceback \(most recent call last\):/);
  await ui.press(KEY.esc);
  await ui.waitFor('Request ID');
  // The next row down: the sample's stop.
  await ui.press(KEY.down);
  await ui.press(KEY.enter);
  f = await ui.waitFor('Action stop');
  assert.match(f, /compute_stop_instance {2}Success/);
});

test("the server's action menu: Live-migrate (M) asks first, then the server moves; Evacuate (E) takes only y", async (t) => {
  const ui = await startUi(t, { ...WIDE, fixture: ADMIN, globals: { 'os-compute-api-version': '2.73' } });
  const s = ui.fx.addServer({ name: 'mover' });
  await ui.waitFor('Servers (7)');
  await ui.press('/');
  await ui.type('name:mover');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> mover /m);
  await ui.press(KEY.enter);
  await ui.waitFor('Server mover');
  await ui.press('a');
  let f = await ui.waitFor('Actions on mover');
  assert.match(f, /M {2}Live-migrate/);
  assert.match(f, /E {2}Evacuate \(host down\)/);
  await ui.press('M');
  f = await ui.waitFor(`Live-migrate server mover (${s.id}) to another host? It keeps running while it moves.`);
  assert.match(f, /\[y\/Enter\] live-migrate/, 'not destructive: y or Enter confirms');
  assert.equal(ui.fx.actions('os-migrateLive').length, 0, 'nothing sent before the confirmation');
  await ui.press('y');
  await ui.waitFor(() => ui.fx.actions('os-migrateLive').length === 1);
  assert.deepEqual(ui.fx.actions('os-migrateLive')[0]!.json, { 'os-migrateLive': { host: null, block_migration: 'auto' } });
  await ui.waitFor(() => ui.fx.serverById(s.id)!.host === 'compute2' && ui.fx.serverById(s.id)!.status === 'ACTIVE');
  await ui.waitFor(/Server mover {2}ACTIVE(?! {2}migrating)/);
  await ui.press('a');
  await ui.waitFor('Actions on mover');
  await ui.press('E');
  f = await ui.waitFor('y to evacuate (host down), any other key to cancel');
  assert.match(f, new RegExp(`Evacuate server mover \\(${s.id}\\)\\? It is rebuilt on another host`));
  await ui.press(KEY.enter);
  await ui.waitFor('Cancelled; nothing was sent.');
  assert.equal(ui.fx.actions('evacuate').length, 0, 'Enter does not confirm a destructive action');
});

test("a member's action menu leaves out what Nova's default policy keeps for admins; the prompt still sends it", async (t) => {
  const ui = await startUi(t, { ...WIDE, globals: { 'os-compute-api-version': '2.73' } });
  ui.fx.addServer({ name: 'mover' });
  await ui.waitFor('Servers (7)');
  await ui.press('/');
  await ui.type('name:mover');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> mover /m);
  await ui.press('a');
  const f = await ui.waitFor('Actions on mover');
  assert.match(f, /Shelve/, 'what a member may do is there');
  assert.doesNotMatch(f, /Live-migrate|Migrate \(cold\)|Evacuate/);
  await ui.press(KEY.esc);
  await ui.waitForNot('Actions on mover');
  // A site's policy may let members migrate: the prompt sends it, and Nova's answer decides.
  await command(ui, 'migrate mover');
  await ui.waitFor("Run 'migrate mover' on the cloud");
  await ui.press('y');
  await ui.waitFor(() => ui.fx.actions('migrate').length === 1);
});
