/**
 * The server groups screen: `:groups` lists them (the `/` filter narrows), Enter shows a group with
 * its members by name (Enter opens one), `c` creates one through the small form (sent once), `d`
 * deletes only after `y`; read-only mode refuses both and sends nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixtureServer } from '../support/fixtureServer.js';
import { KEY, startUi, type Ui } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };

function seed(fx: FixtureServer): { spread: string; packed: string } {
  const member = fx.serverByName('new-server-test')!.id;
  const groups: Array<{ id: string; name: string; policy: string; rules: Record<string, number>; members: string[] }> = [
    {
      id: '0a1b2c3d-0000-4000-8000-000000000001',
      name: 'db-spread',
      policy: 'anti-affinity',
      rules: { max_server_per_host: 2 },
      members: [member],
    },
    { id: '0a1b2c3d-0000-4000-8000-000000000002', name: 'web-packed', policy: 'affinity', rules: {}, members: [] },
  ];
  for (const g of groups) fx.serverGroups.push({ ...g, projectId: fx.project.id, userId: fx.user.id });
  return { spread: groups[0]!.id, packed: groups[1]!.id };
}

async function openGroups(ui: Ui, command = 'groups'): Promise<string> {
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type(command);
  await ui.press(KEY.enter);
  return ui.waitFor(/Server groups \(\d+\)/);
}

test(':groups lists the server groups; / filters; Enter shows the members by name and opens one', async (t) => {
  const ui = await startUi(t, WIDE);
  const { spread } = seed(ui.fx);
  let f = await openGroups(ui);
  assert.match(f, /^ Servers › Server groups$/m);
  assert.match(f, /Name▲ +Policy +Members +Rules +ID/);
  assert.match(f, /db-spread +anti-affinity +1 +max_server_per_host=2 +0a1b2c3d-0000-4000-8000-000000000001/);
  assert.match(f, /web-packed +affinity +0 /);
  await ui.press('/');
  await ui.type('policy:anti');
  await ui.press(KEY.enter);
  f = await ui.waitFor('Server groups (1 of 2)');
  assert.ok(!f.includes('web-packed'));
  await ui.press(KEY.enter);
  f = await ui.waitFor('Members (1)');
  assert.match(f, /Server group db-spread/);
  assert.match(f, new RegExp(`ID +${spread}`));
  assert.match(f, /Rules +max_server_per_host=2/);
  assert.match(f, /new-server-test +ACTIVE +/);
  await ui.press(KEY.enter);
  f = await ui.waitFor(/Server new-server-test {2}ACTIVE/);
  assert.match(f, /Servers › Server groups › db-spread › new-server-test/);
});

test('c creates a group through the form (one POST, rules from 2.64); d deletes only after y', async (t) => {
  const ui = await startUi(t, WIDE);
  seed(ui.fx);
  await openGroups(ui, 'server-groups');
  await ui.press('c');
  await ui.waitFor('New server group');
  await ui.type('cache q');
  await ui.press(KEY.tab, KEY.right);
  assert.match(await ui.waitFor('Max servers per host'), /Policy +‹ anti-affinity › +2 of 4/);
  await ui.press(KEY.tab);
  await ui.type('x');
  await ui.press(KEY.enter);
  await ui.waitFor("must be a whole number >= 1 (got 'x')");
  assert.equal(ui.fx.count('POST', '/v2.1/os-server-groups'), 0, 'refused before sending');
  await ui.press(KEY.backspace);
  await ui.type('3');
  // A slow answer: Enters typed while it is on its way send nothing more.
  ui.fx.fail({ method: 'POST', path: '/v2.1/os-server-groups', delayMs: 400 });
  await ui.press(KEY.enter);
  await ui.waitFor('Creating…');
  await ui.press(KEY.enter, KEY.enter);
  let f = await ui.waitFor('Server groups (3)');
  assert.match(f, /cache q +anti-affinity +0 +max_server_per_host=3/);
  assert.equal(ui.fx.count('POST', '/v2.1/os-server-groups'), 1, 'the other Enters sent nothing');
  assert.match(f, /Server group cache q created \(anti-affinity\)\./);
  assert.match(f, /^ Servers › Server groups$/m, 'still on the list');
  assert.deepEqual(ui.fx.last('POST', '/v2.1/os-server-groups')!.json, {
    server_group: { name: 'cache q', policy: 'anti-affinity', rules: { max_server_per_host: 3 } },
  });

  // The cursor is on the first row (cache q, by name); Enter on the question keeps it.
  await ui.press('d');
  f = await ui.waitFor('Delete server group');
  assert.match(f, /Delete server group cache q \(/);
  await ui.press(KEY.enter);
  await ui.waitForNot('Delete server group');
  assert.equal(ui.fx.count('DELETE', /os-server-groups\//), 0);
  await ui.press('d');
  await ui.waitFor('Delete server group');
  await ui.press('y');
  f = await ui.waitFor('Server groups (2)');
  assert.ok(!/cache q +anti/.test(f));
  assert.equal(ui.fx.count('DELETE', /os-server-groups\//), 1);
  assert.deepEqual(
    ui.fx.serverGroups.map((g) => g.name),
    ['db-spread', 'web-packed'],
  );
});

test('read-only: c and d are refused with the reason, nothing is sent', async (t) => {
  const ui = await startUi(t, { ...WIDE, globals: { 'read-only': true } });
  seed(ui.fx);
  const f = await openGroups(ui);
  assert.ok(!/\bc create\b/.test(f) && !/\bd delete\b/.test(f), 'not offered in the footer');
  await ui.press('c');
  await ui.waitFor(/Read-only mode.*'c' changes the cloud/);
  assert.ok(!ui.frame().includes('New server group'));
  await ui.press('d');
  await ui.waitFor(/Read-only mode.*'d' changes the cloud/);
  assert.ok(!ui.frame().includes('Delete server group'));
  await ui.press(KEY.enter);
  await ui.waitFor('Members (1)');
  await ui.press('d');
  await ui.waitFor(/Read-only mode.*'d' changes the cloud/);
  assert.equal(ui.fx.count('POST', '/v2.1/os-server-groups') + ui.fx.count('DELETE', /os-server-groups\//), 0);
});

test('Enter then d typed before the group has loaded: the d waits for it and asks, nothing is dropped', async (t) => {
  const ui = await startUi(t, WIDE);
  const { spread } = seed(ui.fx);
  await openGroups(ui);
  ui.fx.fail({ method: 'GET', path: `/v2.1/os-server-groups/${spread}`, delayMs: 400 });
  // The cursor is on db-spread (by name); both keys go at once, before its detail is there.
  await ui.press(KEY.enter, 'd');
  const f = await ui.waitFor('Delete server group');
  assert.match(f, /Delete server group db-spread \(/);
  await ui.press(KEY.enter);
  await ui.waitForNot('Delete server group');
  assert.equal(ui.fx.count('DELETE', /os-server-groups\//), 0, 'Enter on the question keeps it');
});

test('while the delete question or the create form is open, the footer names their keys only, not the list under them', async (t) => {
  const ui = await startUi(t, WIDE);
  seed(ui.fx);
  await openGroups(ui, 'server-groups');
  const footer = (f: string) => f.trimEnd().split('\n').at(-1)!;
  await ui.press('d');
  let f = await ui.waitFor((fr) => fr.includes('Delete server group') && footer(fr).includes('y delete'));
  assert.doesNotMatch(footer(f), /c create|Enter open|s\/S sort/, footer(f));
  await ui.press('n');
  await ui.waitForNot('Delete server group');
  await ui.press('c');
  f = await ui.waitFor((fr) => fr.includes('New server group') && footer(fr).includes('Esc cancel'));
  assert.doesNotMatch(footer(f), /c create|Enter open|s\/S sort/, footer(f));
  await ui.press(KEY.esc);
  await ui.waitForNot('New server group');
  assert.equal(ui.fx.count('POST', '/v2.1/os-server-groups') + ui.fx.count('DELETE', /os-server-groups\//), 0);
});
