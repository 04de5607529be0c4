import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY, startUi } from '../support/uiFixture.js';

const WIDE = { columns: 120, rows: 32 };

test('flavors: :flavors jumps there with the breadcrumb, Esc comes back to the servers', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('flavors');
  await ui.press(KEY.enter);
  const f = await ui.waitFor(/Flavors \(\d+\)/);
  assert.match(f, /^ Servers › Flavors$/m);
  assert.match(f, /Name +ID +vCPUs +RAM▲ +Disk +Ephem\. +Swap +Public/);
  assert.match(f, /m1\.tiny +1 +1 +512 MiB +1 GB/);
  assert.match(f, /m1\.small +2 +1 +2 GiB +20 GB/);
  await ui.press(KEY.esc);
  await ui.waitFor((fr) => /^ Servers$/m.test(fr) && fr.includes('Servers (6)'));
});

test('flavor detail: sizes, extra specs, and the servers that use it (Enter opens one)', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('flavors');
  await ui.press(KEY.enter);
  await ui.waitFor(/Flavors \(\d+\)/);
  await ui.press('/');
  await ui.type('name:m1.small');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> m1\.small /m);
  await ui.press(KEY.enter);
  let f = await ui.waitFor('Servers using m1.small (');
  assert.match(f, /Flavor m1\.small {2}id 2/);
  assert.match(f, /1 vCPU {3}2 GiB RAM {3}20 GB disk/);
  assert.match(f, /Extra specs/);
  assert.match(f, /Servers using m1\.small \(2\)/);
  assert.match(f, /resize-me/);
  assert.match(f, /Web Server 1/);
  // Nova's own flavor filter (the feed's refreshes of all servers go on beside it).
  assert.ok(ui.fx.find('GET', /\/servers\/detail$/).some((r) => r.query.flavor === '2'));
  await ui.press(KEY.enter);
  f = await ui.waitFor(/Server resize-me {2}VERIFY_RESIZE/);
  assert.match(f, /Servers › Flavors › m1\.small › resize-me/);
});

test('images: backups and snapshots are marked with their server; Enter shows an image', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('images');
  await ui.press(KEY.enter);
  let f = await ui.waitFor(/Images \(\d+\)/);
  assert.match(f, /Name▲ +Status +Size +MinDisk +MinRAM +Visibility +Kind +Server +Age/);
  assert.match(f, /nightly-1 +active .* backup \(daily\) +new-server-test/);
  assert.match(f, /new-server-test-snap +active .* snapshot +new-server-test/);
  await ui.press('/');
  await ui.type('kind:snapshot');
  await ui.press(KEY.enter);
  await ui.waitFor(/^> new-server-test-snap/m);
  await ui.press(KEY.enter);
  f = await ui.waitFor('made from server');
  assert.match(f, /snapshot/);
  assert.match(f, /made from server +new-server-test \(/);
  await ui.press(KEY.enter);
  await ui.waitFor('Server new-server-test');
});

test('key pairs: listed with type and fingerprint; Enter shows the public key', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('keypairs');
  await ui.press(KEY.enter);
  let f = await ui.waitFor('Key pairs (2)');
  assert.match(f, /mykey +ssh +7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd/);
  await ui.press(KEY.enter);
  f = await ui.waitFor('Public key');
  assert.match(f, /Key pair keypair-50ca852e|Key pair mykey/);
  assert.match(f, /ssh-(rsa|ed25519) AAAA/);
});

test('limits: used / max as bars', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('limits');
  await ui.press(KEY.enter);
  const f = await ui.waitFor(/Instances +\[/);
  assert.match(f, /Limits of project demo/);
  assert.match(f, /Instances +\[[#.]+\] +\d+ \/ \d+/);
  assert.match(f, /vCPUs +\[[#.]+\] +\d+ \/ \d+/);
  assert.match(f, /RAM +\[[#.]+\] +\S+ (MiB|GiB) \/ \S+ (MiB|GiB)/);
  assert.match(f, /Key pairs +max \d+/);
});

test('limits: in a 40x10 terminal the lines are cut off at the bottom, never drawn over each other', async (t) => {
  const ui = await startUi(t, { columns: 40, rows: 10 });
  await ui.waitFor('Servers (6)');
  await ui.press(':');
  await ui.type('limits');
  await ui.press(KEY.enter);
  const f = await ui.waitFor(/Instances +\[/);
  const lines = f.split('\n');
  const title = lines.findIndex((l) => l.startsWith('Limits of project demo'));
  assert.ok(title >= 0, f);
  // The first rows, in their order, each on its own line.
  assert.match(lines[title + 2]!, /^ {2}Instances +\[/, f);
  assert.match(lines[title + 3]!, /^ {2}vCPUs +\[/, f);
});

test('? shows every key of the current screen and the global ones; Esc closes it', async (t) => {
  const ui = await startUi(t, { columns: 120, rows: 40 });
  await ui.waitFor('Servers (6)');
  await ui.press('?');
  let f = await ui.waitFor('Keys on Servers');
  for (const k of ['Enter', 'a ', 'n ', '/', 's/S', 'j/k', 'PgUp/PgDn', 'g/G', 'Ctrl-R']) assert.ok(f.includes(`  ${k}`), k);
  assert.match(f, /Everywhere/);
  assert.match(f, /:  +command prompt/);
  assert.match(f, /q +quit/);
  await ui.press(KEY.esc);
  await ui.waitForNot('Keys on Servers');
  await ui.press(KEY.enter);
  await ui.waitFor('1/2/3 tabs');
  await ui.press('?');
  f = await ui.waitFor(/Keys on dup/);
  assert.match(f, /1\/2\/3 +details \/ instance actions \/ console log/);
});

test('the header shows cloud, region, project, user and microversion; the footer the keys of the screen', async (t) => {
  const ui = await startUi(t, WIDE);
  const f = await ui.waitFor('Servers (6)');
  const header = f.split('\n')[0]!;
  assert.match(header, /novash {2}cloud: \(OS_\* \/ flags\) {2}project: demo {2}user: demo {2}compute: 2\.93/);
  assert.match(
    f
      .split('\n')
      .filter((l) => l.trim())
      .at(-1)!,
    /Enter open {2}a actions/,
  );
});

test('jumps do not pile up: a list opens right above the servers, :servers goes home', async (t) => {
  const ui = await startUi(t, WIDE);
  await ui.waitFor('Servers (6)');
  const jump = async (name: string) => {
    await ui.press(':');
    await ui.type(name);
    await ui.press(KEY.enter);
  };
  await jump('flavors');
  await ui.waitFor(/Flavors \(\d+\)/);
  await ui.press(KEY.enter);
  await ui.waitFor(/^ Servers › Flavors › m1\.\S+$/m);
  await jump('images');
  await ui.waitFor(/^ Servers › Images$/m);
  await jump('keypairs');
  await ui.waitFor(/^ Servers › Key pairs$/m);
  await jump('servers');
  await ui.waitFor((f) => /^ Servers$/m.test(f) && f.includes('Servers (6)'));
});
