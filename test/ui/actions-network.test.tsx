/**
 * The server's network actions in the action menu: attach / detach an interface, add / remove a
 * floating IP, add / remove a security group. Each is a row of the one table: offered only in the
 * states it applies to, its arguments picked from the cloud's lists, asked about naming the pick,
 * then sent as exactly the requests the CLI command sends; a refusal shows the cloud's message
 * and request id on the status line, and nothing is sent again.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { cloud } from '../support/cloud.js';
import { PRIVATE_NET_ID, PUBLIC_NET_ID, type FixtureServer } from '../support/fixtureServer.js';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const SIZE = { columns: 160, rows: 40 };
const VM = 'new-server-test';
const PORT = 'ce531f90-199f-48c0-816c-13e38010b442';
const FREE_PORT = '0d2e4f6a-8b0c-4d2e-9f4a-6b8c0d2e4f6a';
const SEEDED_FIP = '172.24.4.228';

interface Change {
  method: string;
  path: string;
  json: unknown;
}

/** What a run changed: every request but reads and logins (a new floating IP's id and address made comparable). */
function changes(fx: FixtureServer, made?: { id: string; address: string }): Change[] {
  return fx.requests
    .filter((r) => r.method !== 'GET' && r.path !== '/v3/auth/tokens')
    .map((r) => ({
      method: r.method,
      path: made ? r.path.replace(made.id, '{new}') : r.path,
      json: made ? JSON.parse(JSON.stringify(r.json ?? null).replaceAll(made.address, '{new}')) : r.json,
    }));
}

/** The same commands through the CLI, on a fresh cloud prepared the same way: the same changes. */
async function sameAsCli(t: TestContext, ui: Ui, prepare: (fx: FixtureServer) => void, ...lines: string[][]): Promise<void> {
  const c = await cloud(t);
  prepare(c.fx);
  for (const argv of lines) {
    const r = await c.run(...argv);
    assert.equal(r.code, 0, r.stderr);
  }
  assert.deepEqual(changes(ui.fx), changes(c.fx));
}

/** The app on the servers list, the cursor on VM, its menu open, nothing recorded yet. */
async function menuOn(t: TestContext, prepare: (fx: FixtureServer) => void = () => undefined, name = VM): Promise<Ui> {
  const ui = await startUi(t, SIZE);
  prepare(ui.fx);
  await ui.waitFor('Servers (');
  await ui.press('/');
  await ui.type(`name:${name}`);
  await ui.press(KEY.enter);
  await ui.waitFor(new RegExp(`^> ${name} `, 'm'));
  await ui.press('a');
  await ui.waitFor(`Actions on ${name}`);
  ui.fx.clearRequests();
  return ui;
}

const nothing = () => undefined;

test('the menu offers the network actions only where Nova and Neutron take them', async (t) => {
  const ui = await menuOn(t);
  let f = ui.frame();
  for (const entry of [
    'i  Attach interface…',
    'I  Detach interface…',
    'f  Add floating IP…',
    'F  Remove floating IP…',
    'w  Add security group…',
    'W  Remove security group…',
  ])
    assert.ok(f.includes(entry), `${entry} on an ACTIVE server:\n${f}`);
  await ui.press(KEY.esc);
  await ui.waitForNot('Actions on');
  // Suspended: Nova attaches and detaches interfaces only on active, paused or stopped servers.
  ui.fx.addServer({ name: 'asleep', status: 'SUSPENDED', vmState: 'suspended', powerState: 7 });
  await ui.press('/');
  await ui.press(KEY.ctrlU);
  await ui.type('name:asleep');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> asleep /m);
  await ui.press('a');
  f = await ui.waitFor('Actions on asleep');
  assert.match(f, /f {2}Add floating IP…/);
  assert.match(f, /w {2}Add security group…/);
  assert.doesNotMatch(f, /Attach interface|Detach interface/);
});

test('at 80x24 the longer menu scrolls: g/G still go to its first and last entries, each letter picks directly', async (t) => {
  const ui = await startUi(t);
  await ui.waitFor('Servers (');
  await ui.press('/');
  await ui.type(`name:${VM}`);
  await ui.press(KEY.enter);
  await ui.waitFor('Servers (1 of ');
  await ui.press('a');
  await ui.waitFor(`Actions on ${VM}`);
  await ui.press('G');
  await ui.waitFor(/> d {2}Delete/);
  await ui.press('g');
  await ui.waitFor(/> [a-zA-Z] {2}\S/);
  assert.doesNotMatch(ui.frame(), /> d {2}Delete/);
  await ui.press('W');
  await ui.waitFor('Remove which security group from');
});

test('attach interface: a network picked from the list; the same POST os-interface as the CLI', async (t) => {
  const ui = await menuOn(t);
  await ui.press('i');
  let f = await ui.waitFor('A port, by its ID…');
  assert.match(f, new RegExp(`Attach an interface to ${VM}`));
  assert.match(f, /private/);
  assert.match(f, /A port, by its ID…/);
  assert.equal(changes(ui.fx).length, 0, 'nothing sent by opening the picker');
  await ui.press(KEY.enter);
  f = await ui.waitFor('[y/Enter] attach interface');
  assert.match(f, new RegExp(`Attach a new port on network private to server ${VM} \\(`));
  assert.equal(changes(ui.fx).length, 0, 'nothing sent before the confirmation');
  await ui.press('y');
  await ui.waitFor(`Attach interface of ${VM} accepted`);
  assert.deepEqual(changes(ui.fx), [
    {
      method: 'POST',
      path: `/v2.1/servers/${ui.fx.serverByName(VM)!.id}/os-interface`,
      json: { interfaceAttachment: { net_id: PRIVATE_NET_ID } },
    },
  ]);
  await sameAsCli(t, ui, nothing, ['interface-attach', VM, '--net-id', PRIVATE_NET_ID]);
});

test('attach interface by port ID: the prompt opens with the command and the server, for the ID', async (t) => {
  const ui = await menuOn(t);
  const id = ui.fx.serverByName(VM)!.id;
  await ui.press('i');
  await ui.waitFor('A port, by its ID…');
  await ui.press('G'); // the last entry
  await ui.press(KEY.enter);
  await ui.waitFor(`interface-attach ${id} --port-id`);
  await ui.type(FREE_PORT);
  await ui.press(KEY.enter);
  await ui.waitFor('[y/Enter]');
  await ui.press('y');
  await ui.waitFor(/port_id +0d2e4f6a-8b0c-4d2e-9f4a-6b8c0d2e4f6a/);
  await sameAsCli(t, ui, nothing, ['interface-attach', VM, '--port-id', FREE_PORT]);
});

test("detach interface: one of the server's ports; destructive, so only y sends it", async (t) => {
  const ui = await menuOn(t);
  await ui.press('I');
  let f = await ui.waitFor(PORT);
  assert.match(f, new RegExp(`Detach which interface from ${VM}\\?`));
  assert.match(f, new RegExp(`192\\.168\\.1\\.30 on private\\s+${PORT}`));
  await ui.press(KEY.enter);
  f = await ui.waitFor(`Detach port ${PORT} (192.168.1.30) from server ${VM}`);
  assert.match(f, /y to detach interface, any other key to cancel/, 'destructive: only y sends it');
  assert.equal(changes(ui.fx).length, 0);
  await ui.press('y');
  await ui.waitFor(`Port ${PORT} detached from server ${VM}.`);
  await sameAsCli(t, ui, nothing, ['interface-detach', VM, PORT]);
});

test('add floating IP: a free one; the same PUT as add-floating-ip', async (t) => {
  const ui = await menuOn(t);
  await ui.press('f');
  const f = await ui.waitFor('A new one from public');
  assert.match(f, new RegExp(`Add a floating IP to ${VM}`));
  assert.match(f, /172\.24\.4\.228\s+free, on public/);
  assert.match(f, /A new one from public/);
  await ui.press(KEY.enter);
  await ui.waitFor(`Add floating IP ${SEEDED_FIP} to server ${VM}`);
  await ui.press('y');
  await ui.waitFor(`Floating IP ${SEEDED_FIP} added to server ${VM} (on 192.168.1.30).`);
  assert.deepEqual(changes(ui.fx), [
    { method: 'PUT', path: '/network/v2.0/floatingips/2f245a7b-796b-4f26-9cf9-9e82d248fda7', json: { floatingip: { port_id: PORT } } },
  ]);
  await sameAsCli(t, ui, nothing, ['add-floating-ip', VM, SEEDED_FIP]);
});

test('add floating IP: a new one from the external network, then on the server (the two commands the CLI runs)', async (t) => {
  const ui = await menuOn(t);
  await ui.press('f');
  await ui.waitFor('A new one from public');
  await ui.press('j');
  await ui.press(KEY.enter);
  await ui.waitFor(`Add a new floating IP from network public to server ${VM}`);
  await ui.press('y');
  const f = await ui.waitFor(/Floating IP (\S+) added to server new-server-test/);
  const address = /Floating IP (\S+) added/.exec(f)![1]!;
  const made = ui.fx.floatingIps.find((x) => x.floatingIpAddress === address)!;
  assert.deepEqual(changes(ui.fx), [
    { method: 'POST', path: '/network/v2.0/floatingips', json: { floatingip: { floating_network_id: PUBLIC_NET_ID } } },
    { method: 'PUT', path: `/network/v2.0/floatingips/${made.id}`, json: { floatingip: { port_id: PORT } } },
  ]);
  assert.equal(made.portId, PORT);
  // The CLI: floating-ip-create, then add-floating-ip with the address it took.
  const c = await cloud(t);
  const created = await c.run('floating-ip-create', PUBLIC_NET_ID, '-f', 'json');
  assert.equal(created.code, 0, created.stderr);
  const cliMade = JSON.parse(created.stdout) as { id: string; floating_ip_address: string };
  const added = await c.run('add-floating-ip', VM, cliMade.floating_ip_address);
  assert.equal(added.code, 0, added.stderr);
  assert.deepEqual(changes(ui.fx, { id: made.id, address }), changes(c.fx, { id: cliMade.id, address: cliMade.floating_ip_address }));
});

test("remove floating IP: one of the server's; the same PUT port_id null as remove-floating-ip", async (t) => {
  const onServer = (fx: FixtureServer) =>
    Object.assign(fx.floatingIps[0]!, { portId: PORT, fixedIpAddress: '192.168.1.30', status: 'ACTIVE' });
  const ui = await menuOn(t, onServer);
  await ui.press('F');
  const f = await ui.waitFor(/172\.24\.4\.228\s+on 192\.168\.1\.30/);
  assert.match(f, new RegExp(`Remove which floating IP from ${VM}\\?`));
  await ui.press(KEY.enter);
  await ui.waitFor(`Remove floating IP ${SEEDED_FIP} from server ${VM}`);
  await ui.press('y');
  await ui.waitFor(`Floating IP ${SEEDED_FIP} removed from server ${VM}.`);
  await sameAsCli(t, ui, onServer, ['remove-floating-ip', VM, SEEDED_FIP]);
});

test('remove floating IP on a server that has none: the picker says so, nothing is sent', async (t) => {
  const ui = await menuOn(t);
  await ui.press('F');
  await ui.waitFor('The server has no floating IP.');
  await ui.press(KEY.esc);
  await ui.waitForNot('The server has no floating IP.');
  assert.deepEqual(changes(ui.fx), []);
});

test('a Neutron without floating IPs (no L3): the picker says so with the request id; Esc sends nothing', async (t) => {
  const ui = await menuOn(t, (fx) =>
    fx.fail({
      method: 'GET',
      path: /\/floatingips$/,
      status: 404,
      body: { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } },
    }),
  );
  await ui.press('f');
  const f = await ui.waitFor("This cloud's Neutron serves no floating IPs");
  assert.match(
    f.replace(/[│\s]+/g, ' '),
    /L3 router extension is not enabled\): The resource could not be found\. \(HTTP 404, request req-/,
  );
  assert.match(f, /Esc back/);
  await ui.press(KEY.esc);
  await ui.waitForNot("This cloud's Neutron serves no floating IPs");
  assert.deepEqual(changes(ui.fx), []);
});

test("security groups: add offers the project's others, remove the server's own; Nova's actions as the CLI sends them", async (t) => {
  const ui = await menuOn(t);
  await ui.press('w');
  let f = await ui.waitFor(/web\s+HTTP and HTTPS in/);
  assert.match(f, new RegExp(`Add which security group to ${VM}\\?`));
  assert.doesNotMatch(f, /Default security group/, 'the one it has is not offered');
  await ui.press(KEY.enter);
  await ui.waitFor(`Add security group web to server ${VM}`);
  await ui.press('y');
  await ui.waitFor(`Security group web added to server ${VM}.`);
  await ui.press('a');
  await ui.waitFor(`Actions on ${VM}`);
  await ui.press('W');
  f = await ui.waitFor((fr) => /default\s+Default security group/.test(fr) && /web\s+HTTP and HTTPS in/.test(fr));
  assert.match(f, new RegExp(`Remove which security group from ${VM}\\?`));
  await ui.press(KEY.enter);
  await ui.waitFor(`Remove security group default from server ${VM}`);
  await ui.press('y');
  await ui.waitFor(`Security group default removed from server ${VM}.`);
  await sameAsCli(t, ui, nothing, ['add-secgroup', VM, 'web'], ['remove-secgroup', VM, 'default']);
});

test("a refusal shows Neutron's message and request id on the status line; nothing is sent again", async (t) => {
  const message = 'Cannot associate floating IP 172.24.4.228 with port ce531f90: it already has a floating IP.';
  const ui = await menuOn(t, (fx) =>
    fx.fail({
      method: 'PUT',
      path: /\/floatingips\//,
      status: 409,
      body: { NeutronError: { type: 'FloatingIPPortAlreadyAssociated', message, detail: '' } },
    }),
  );
  await ui.press('f');
  await ui.waitFor('A new one from public');
  await ui.press(KEY.enter);
  await ui.waitFor(`Add floating IP ${SEEDED_FIP} to server ${VM}`);
  await ui.press('y');
  const f = await ui.waitFor(`Add floating IP of ${VM} failed`);
  assert.match(f.replace(/\s*\n\s*/g, ' '), /it already has a floating IP\. \(HTTP 409, request req-[0-9a-f-]+\)/);
  assert.equal(changes(ui.fx).length, 1, 'the PUT once');
});

test("a Nova refusal of add-secgroup is said with Nova's message; the new floating IP a failed add leaves is named", async (t) => {
  const ui = await menuOn(t, (fx) =>
    fx.fail({
      method: 'POST',
      path: /\/action$/,
      status: 400,
      body: { badRequest: { code: 400, message: 'Security group web is already associated with the instance' } },
    }),
  );
  await ui.press('w');
  await ui.waitFor(/web\s+HTTP and HTTPS in/);
  await ui.press(KEY.enter);
  await ui.waitFor(`Add security group web to server ${VM}`);
  await ui.press('y');
  let f = await ui.waitFor(`Add security group of ${VM} failed`);
  assert.match(f.replace(/\s*\n\s*/g, ' '), /Security group web is already associated with the instance \(HTTP 400, request req-/);

  // A new floating IP is taken, the association is refused: the address is named, not released or taken again.
  ui.fx.fail({
    method: 'PUT',
    path: /\/floatingips\//,
    status: 404,
    body: { NeutronError: { type: 'X', message: 'No route out.', detail: '' } },
  });
  ui.fx.clearRequests();
  await ui.press('a');
  await ui.waitFor(`Actions on ${VM}`);
  await ui.press('f');
  await ui.waitFor('A new one from public');
  await ui.press('j', KEY.enter);
  await ui.waitFor(`Add a new floating IP from network public to server ${VM}`);
  await ui.press('y');
  f = await ui.waitFor(`Add floating IP of ${VM} failed`);
  const flat = f.replace(/\s*\n\s*/g, ' ');
  assert.match(
    flat,
    /failed \(new floating IP 172\.24\.4\.\d+ stays allocated to the project; floating-ip-delete \S+ releases it\): No route/,
  );
  assert.equal(changes(ui.fx).filter((c) => c.method === 'POST').length, 1, 'one create');
});
