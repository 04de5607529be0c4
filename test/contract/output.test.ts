/**
 * The openstack CLI's output options on the real CLI against the fixture cloud: every list and
 * show command's -f json and -f yaml hold typed values (and agree), -f csv round-trips to the same
 * rows, --sort-column orders, a CJK name lines up, tables fit 80 columns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { displayWidth } from '../../src/util/displayWidth.js';
import { type Cloud, cloud } from '../support/cloud.js';
import { parseCsv, type CsvValue } from '../support/csv.js';
import { CIRROS_ID, UBUNTU_ID } from '../support/glanceImages.js';
import type { RunResult } from '../support/run.js';

const WEB_ID = '9168b536-cd40-4630-b43f-b259807c6e87';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

type Json = Record<string, unknown>;

/** Every list and show command, with arguments that find something in the fixture cloud. */
const READS: string[][] = [
  ['list'],
  ['list', '--long'],
  ['show', 'Web Server 1'],
  ['flavor-list'],
  ['flavor-list', '--extra-specs'],
  ['flavor-show', 'm1.tiny.specs'],
  ['image-list'],
  ['image-show', 'cirros-0.6.2-x86_64-disk'],
  ['keypair-list'],
  ['keypair-show', 'mykey'],
  ['limits'],
  ['availability-zone-list'],
  ['network-list'],
  ['whoami'],
  ['instance-action-list', 'Web Server 1'],
];

/** What the display formats put in a cell, never a machine value. */
const DISPLAY_STRINGS = /^(-|N\/A.*|\d+(\.\d+)? (KiB|MiB|GiB)|unlimited|\(from .*\))$/;

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** A JSON value as -f csv writes it: lists and mappings as compact JSON text. */
function asCsv(v: unknown): CsvValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

async function json(c: Cloud, argv: string[]): Promise<unknown> {
  return JSON.parse(ok(await c.run(...argv, '-f', 'json')).stdout);
}

test('every list and show command: json and yaml hold the same typed values, csv the same rows', async (t) => {
  const c = await cloud(t, { maxVersion: '2.93' });
  for (const argv of READS) {
    const name = argv.join(' ');
    const j = await json(c, argv);
    const y = parseYaml(ok(await c.run(...argv, '-f', 'yaml')).stdout);
    assert.deepEqual(y, j, `${name}: yaml and json agree`);
    for (const s of strings(j)) assert.doesNotMatch(s, DISPLAY_STRINGS, `${name}: '${s}' is display text, not a value`);
    const rows = Array.isArray(j) ? (j as Json[]) : [j as Json];
    const [header, ...csvRows] = parseCsv(ok(await c.run(...argv, '-f', 'csv')).stdout);
    assert.deepEqual(header, Object.keys(rows[0] ?? {}), `${name}: csv header`);
    assert.deepEqual(
      csvRows,
      rows.map((r) => Object.values(r).map(asCsv)),
      `${name}: csv parses back to the json rows`,
    );
  }
});

test('typed values where a script reads them', async (t) => {
  const c = await cloud(t, { maxVersion: '2.93' });
  const flavors = (await json(c, ['flavor-list'])) as Json[];
  const tiny = flavors.find((f) => f.Name === 'm1.tiny')!;
  assert.equal(tiny.Memory_MiB, 512);
  assert.equal(tiny.Is_Public, true);
  assert.equal(tiny.Swap, 0);
  const flavor = (await json(c, ['flavor-show', 'm1.tiny.specs'])) as Json;
  assert.equal(flavor.ram, 512);
  assert.equal(flavor['os-flavor-access:is_public'], true);
  assert.equal(flavor['OS-FLV-DISABLED:disabled'], false);
  assert.deepEqual(flavor.extra_specs, { 'hw:numa_nodes': '1' });

  const images = (await json(c, ['image-list'])) as Json[];
  const ubuntu = images.find((i) => i.ID === UBUNTU_ID)!;
  assert.equal(ubuntu.Size, 687734784, 'sizes in bytes');
  assert.equal(ubuntu['Min RAM'], 1024);
  assert.equal(ubuntu.Kind, null);
  assert.equal(ubuntu.Server, null);
  assert.ok(images.some((i) => i.Kind === 'backup' && typeof i.Server === 'string'));
  const image = (await json(c, ['image-show', CIRROS_ID])) as Json;
  assert.equal(image.size, 21430272);
  assert.equal(image.virtual_size, 117440512);
  assert.equal(image.protected, false);
  assert.equal(typeof image.properties, 'object');

  const servers = (await json(c, ['list'])) as Json[];
  const web = servers.find((s) => s.ID === WEB_ID)!;
  assert.equal(web['Power State'], 1);
  assert.equal(web['Task State'], null);
  assert.deepEqual(web.Networks, { private: ['192.168.1.30'] });
  const show = (await json(c, ['show', WEB_ID])) as Json;
  assert.equal(show['OS-EXT-STS:power_state'], 1);
  assert.equal(show.locked, false);
  assert.equal(show.progress, 0);
  assert.deepEqual(show.image, { id: CIRROS_ID, name: 'cirros-0.6.2-x86_64-disk' });
  assert.equal((show.flavor as Json).ram, 2048);
  assert.deepEqual(show.security_groups, ['default']);

  const limits = (await json(c, ['limits'])) as Json[];
  assert.deepEqual(limits[0], { Name: 'Instances', Used: 0, Max: 10, Remaining: 10 });
  const nets = (await json(c, ['network-list'])) as Json[];
  assert.equal(typeof nets[0]!.Shared, 'boolean');
  assert.ok(Array.isArray(nets[0]!.Subnets));
  const who = (await json(c, ['whoami'])) as Json;
  assert.deepEqual(who.roles, ['member', 'reader']);
  assert.equal(who.cloud, null);
});

test('--sort-column orders by the value, ascending or descending; several columns; unknown ones warned about', async (t) => {
  const c = await cloud(t);
  const names = async (...argv: string[]) =>
    ok(await c.run('flavor-list', '-f', 'value', '-c', 'Name', ...argv))
      .stdout.trim()
      .split('\n');
  const flavors = (await json(c, ['flavor-list'])) as Json[];
  const byRam = [...flavors].sort((a, b) => (a.Memory_MiB as number) - (b.Memory_MiB as number) || 0).map((f) => f.Name);
  assert.deepEqual(await names('--sort-column', 'Memory_MiB'), byRam);
  assert.deepEqual(await names('--sort-column', 'Memory_MiB', '--sort-ascending'), byRam);
  const desc = await names('--sort-column', 'Memory_MiB', '--sort-descending');
  assert.deepEqual(
    desc.map((n) => flavors.find((f) => f.Name === n)!.Memory_MiB),
    byRam.map((n) => flavors.find((f) => f.Name === n)!.Memory_MiB).reverse(),
  );
  // Ties on RAM broken by the second column, descending both.
  const two = await names('--sort-column', 'Memory_MiB', '--sort-column', 'Name', '--sort-descending');
  const byName = (a: Json, b: Json) => (String(a.Name) < String(b.Name) ? -1 : String(a.Name) > String(b.Name) ? 1 : 0);
  const expected = [...flavors].sort((a, b) => (b.Memory_MiB as number) - (a.Memory_MiB as number) || byName(b, a)).map((f) => f.Name);
  assert.deepEqual(two, expected);
  // Sizes sort as bytes, not as "20.4 MiB" text.
  const sizes = ((await json(c, ['image-list', '--sort-column', 'Size', '--sort-descending'])) as Json[]).map((i) => i.Size as number);
  assert.deepEqual(
    sizes,
    [...sizes].sort((a, b) => b - a),
  );
  const warned = ok(await c.run('flavor-list', '--sort-column', 'Bogus', '-f', 'value', '-c', 'Name'));
  assert.match(warned.stderr, /no column 'Bogus' to sort by \(ignored\)/);
  const both = await c.run('flavor-list', '--sort-ascending', '--sort-descending');
  assert.equal(both.code, 2);
});

test('a CJK or emoji name lines up: every line of the table has the same display width, fitted or not', async (t) => {
  const c = await cloud(t);
  c.fx.addServer({ name: '中文サーバー名', flavorId: '1' });
  c.fx.addServer({ name: 'café 👍 déjà', flavorId: '2' });
  for (const extra of [[], ['--max-width', '80'], ['--max-width', '60']]) {
    const out = ok(await c.run('list', ...extra)).stdout.trimEnd();
    const widths = out.split('\n').map(displayWidth);
    assert.equal(new Set(widths).size, 1, `${extra.join(' ')}\n${out}`);
    if (extra.length) assert.ok(widths[0]! <= Number(extra[1]));
    if (!extra.length) assert.match(out, /\| 中文サーバー名 +\|/);
  }
  const show = ok(await c.run('show', '中文サーバー名', '--max-width', '80'))
    .stdout.trimEnd()
    .split('\n')
    .map(displayWidth);
  assert.equal(new Set(show).size, 1);
});

test('a name with escape sequences: visible in table, value, csv and shell; the real value in json and yaml', async (t) => {
  const c = await cloud(t);
  const hostile = 'x\u001b[31mRED\u001b]0;PWNED\u0007';
  const s = c.fx.addServer({ name: hostile, flavorId: '1' });
  for (const f of ['table', 'value', 'csv', 'yaml', 'json']) {
    const out = ok(await c.run('list', '-f', f)).stdout;
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, `-f ${f}`);
  }
  assert.match(ok(await c.run('list', '-f', 'value', '-c', 'Name')).stdout, /^x\^\[\[31mRED\^\[\]0;PWNED\^G$/m);
  const shell = ok(await c.run('show', s.id, '-f', 'shell', '-c', 'name')).stdout;
  assert.equal(shell, 'name="x^[[31mRED^[]0;PWNED^G"\n');
  assert.ok(((await json(c, ['list'])) as Json[]).some((r) => r.Name === hostile));
  assert.ok((parseYaml(ok(await c.run('list', '-f', 'yaml')).stdout) as Json[]).some((r) => r.Name === hostile));
});

test('-f shell for a show, --prefix, and eval gives the values back', async (t) => {
  const c = await cloud(t);
  const out = ok(
    await c.run('flavor-show', 'm1.tiny', '-f', 'shell', '--prefix', 'fl_', '-c', 'name', '-c', 'ram', '-c', 'os-flavor-access:is_public'),
  ).stdout;
  assert.equal(out, 'fl_name="m1.tiny"\nfl_ram="512"\nfl_os_flavor_access_is_public="true"\n');
  const list = await c.run('flavor-list', '-f', 'shell');
  assert.equal(list.code, 2);
  assert.match(list.stderr, /-f shell shows one item/);
});

test('--noindent, -c loosely matched, --print-empty', async (t) => {
  const c = await cloud(t);
  const one = ok(await c.run('flavor-show', 'm1.tiny', '-f', 'json', '--noindent')).stdout;
  assert.equal(one.split('\n').length, 2);
  assert.equal(JSON.parse(one).ram, 512);
  assert.equal(ok(await c.run('flavor-list', '-f', 'value', '-c', 'is_public', '--limit', '1')).stdout, 'true\n');
  assert.equal(ok(await c.run('list', '--name', '^nothing-matches$')).stdout, '');
  assert.match(ok(await c.run('list', '--name', '^nothing-matches$', '--print-empty')).stdout, /^\+-+\+/);
});

test('did you mean: the openstack CLI spelling and typos, exit 2, nothing sent', async (t) => {
  const { fx, bin } = await cloud(t);
  const cases: Array<[string[], RegExp]> = [
    [['server', 'list'], /^ERROR: novash: 'server' is not a command\. Did you mean 'novash list'\?/],
    [['flavor', 'show', 'm1.tiny'], /Did you mean 'novash flavor-show m1\.tiny'\?/],
    [['server', 'create', '--flavor', 'm1.tiny', 'vm'], /Did you mean 'novash boot --flavor m1\.tiny vm'\?/],
    [['image', 'list'], /Did you mean 'novash image-list'\?/],
    [['flavor-lst'], /Did you mean 'novash flavor-list'\?/],
    [['list', '--project', 'p1'], /unknown option '--project'\. Did you mean '--tenant'\?/],
    [['keypair-add', 'k'], /--pub-key FILE is required\. Usage: novash keypair-add --pub-key FILE <name>/],
  ];
  for (const [argv, message] of cases) {
    const r = await bin(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
  }
  assert.equal(fx.requests.length, 0);
});

test('help is wrapped to the terminal width and marks required options', async (t) => {
  const { te, bin } = await cloud(t);
  te.env.COLUMNS = '60';
  const help = ok(await bin('help', 'list')).stdout;
  for (const line of help.split('\n')) assert.ok(displayWidth(line) <= 60, line);
  assert.match(ok(await bin('help', 'keypair-add')).stdout, /^usage: novash keypair-add --pub-key FILE <name>$/m);
  assert.match(ok(await bin('help', 'keypair-add')).stdout, /--pub-key FILE +Public key file[^-]*\(required\)/);
  for (const line of ok(await bin('help')).stdout.split('\n')) assert.ok(displayWidth(line) <= 60, line);
});
