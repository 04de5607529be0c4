/**
 * Site extensions through novash on the real local cloud, with only the shipped declarations:
 * examples/extensions/site.yaml installed in the config directory's extensions/ (as
 * `devcloud:up` does), and examples/extensions/nova-extras.yaml named in NOVASH_EXTENSIONS for
 * Nova's own aggregates. The CLI (documents CRUD, the demo user refused, backup-instance --wait,
 * extension-list), the app in tmux (`:documents`, create, delete) and the programmatic client.
 * Everything made here has a unique name (documents a random id, since deleted ones keep theirs)
 * and is deleted at the end, even on failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { BIN, ROOT, cleanEnv, e2eEnabled, novash, novashJson, skipReason, uniqueName } from './cloud.js';
import type * as Library from '../../src/index.js';
import { TmuxTerminal } from './terminal.js';

type Row = Record<string, unknown>;

const SITE_YAML = join(ROOT, 'examples', 'extensions', 'site.yaml');
const EXTRAS_YAML = join(ROOT, 'examples', 'extensions', 'nova-extras.yaml');

const env = cleanEnv();
const installed = join(env.NOVASH_CONFIG_DIR!, 'extensions', 'devcloud-site.yaml');

/** Ids nobody has used yet (a soft-deleted document keeps its id). */
const freshId = () => 100_000 + Math.floor(Math.random() * 1_000_000_000);
const documentIds: number[] = [];
const imageIds: string[] = [];
const serverNames: string[] = [];

const ok = (args: string[], cloud = 'devcloud', e = env) => {
  const r = novash(args, e, cloud);
  assert.equal(r.code, 0, `novash ${args.join(' ')} (exit ${r.code}):\n${r.stderr}`);
  return r;
};

function documentExists(id: number): boolean {
  return novashJson<Row[]>(['document-list'], env).some((d) => d.ID === id || d.id === id);
}

describe('site extensions through novash on the local cloud', { skip: e2eEnabled ? false : skipReason }, () => {
  before(() => {
    assert.ok(existsSync(BIN), 'build first: npm run build');
    mkdirSync(join(env.NOVASH_CONFIG_DIR!, 'extensions'), { recursive: true });
    copyFileSync(SITE_YAML, installed);
  });

  after(() => {
    for (const id of documentIds) if (documentExists(id)) novash(['document-delete', String(id)], env);
    for (const id of imageIds) novash(['image-delete', id], env);
    for (const name of serverNames) {
      const found = novashJson<Row[]>(['list', '--name', `^${name}$`], env);
      for (const s of found) novash(['delete', '--wait', String(s.ID)], env);
    }
  });

  test('documents as admin: create, list, show, update, delete (table and -f json)', () => {
    const id = freshId();
    documentIds.push(id);
    const name = uniqueName('doc');
    const created = novashJson<Row>(['document-create', String(id), name], env);
    assert.equal(created.id, id);
    assert.equal(created.name, name);

    const listed = novashJson<Row[]>(['document-list'], env);
    assert.ok(
      listed.some((d) => d.ID === id && d.Name === name),
      `document-list has ${id}: ${JSON.stringify(listed.slice(-3))}`,
    );
    assert.match(ok(['document-list']).stdout, new RegExp(`\\b${id}\\b.*${name}`));

    const shown = novashJson<Row>(['document-show', String(id)], env);
    assert.equal(shown.name, name);
    assert.ok(shown.created_at, 'the row has its created_at');
    assert.match(ok(['document-show', String(id)]).stdout, new RegExp(`name +\\| ${name}`));

    const renamed = `${name}-2`;
    ok(['document-update', String(id), '--name', renamed]);
    assert.equal(novashJson<Row>(['document-show', String(id)], env).name, renamed);

    const deleted = ok(['document-delete', String(id)]);
    assert.equal(deleted.stdout, `Request to delete document ${id} (${renamed}) has been accepted.\n`);
    const gone = novash(['document-show', String(id)], env);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, `ERROR (CommandError): No document with a name or ID of '${id}' exists.\n`);
    assert.equal(documentExists(id), false);
  });

  test('documents as demo: list works, create is refused with the 403 and its request id, and nothing changed', () => {
    const id = freshId();
    documentIds.push(id);
    assert.ok(Array.isArray(novashJson<Row[]>(['document-list'], env, 'devcloud-demo')), 'members may list');
    const r = novash(['document-create', String(id), uniqueName('demo-doc')], env, 'devcloud-demo');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR \(forbidden\): .*documents.*\(HTTP 403, request req-[0-9a-f-]+\)\n$/);
    assert.equal(r.stdout, '');
    assert.equal(documentExists(id), false, 'no document was made');
  });

  test('backup-instance <server> <name> <description> --wait: an active image in Glance with that description', () => {
    const server = uniqueName('e2e-ext');
    serverNames.push(server);
    ok(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', server]);
    const imageName = uniqueName('b1');
    const r = novash(['backup-instance', server, imageName, 'nightly', '--wait', '-f', 'json'], env);
    const image = JSON.parse(r.stdout || '{}') as Row;
    if (typeof image.id === 'string') imageIds.push(image.id);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`backup-instance ${server}: image (queued|saving|active)`), 'progress on stderr');
    assert.equal(image.name, imageName);
    assert.equal(image.status, 'active');
    // What Glance holds, asked again.
    const glance = novashJson<{ status: string; instance_uuid: string; properties: Row }>(['image-show', String(image.id)], env);
    assert.equal(glance.status, 'active');
    assert.equal(glance.properties.description, 'nightly');
    assert.equal(glance.instance_uuid, novashJson<Row>(['show', server], env).id, "it is the server's image");
  });

  test('extension-list names the installed file and what it adds; the cloud serves both', () => {
    const rows = novashJson<Row[]>(['extension-list'], env);
    const doc = rows.find((r) => String(r.Declares).startsWith('resource document'));
    const act = rows.find((r) => r.Declares === 'server action backup-instance');
    assert.equal(doc?.File, installed);
    assert.match(String(doc?.['This cloud']), /^served/);
    assert.equal(act?.File, installed);
    assert.equal(act?.Request, 'POST /servers/{id}/backup_instance');
    assert.equal(act?.['This cloud'], 'served');
    assert.match(ok(['extension-list']).stdout, /devcloud-site\.yaml/);
  });

  test('the programmatic client (the built package) lists servers and documents of devcloud', async () => {
    const id = freshId();
    documentIds.push(id);
    ok(['document-create', String(id), uniqueName('client-doc')]);
    const lib = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href)) as typeof Library;
    const client = lib.createClient<'documents'>({ cloud: 'devcloud', env });
    const servers = await client.servers.list();
    assert.ok(Array.isArray(servers));
    assert.deepEqual(
      servers.map((x) => x.id).sort(),
      novashJson<Row[]>(['list'], env)
        .map((x) => String(x.ID))
        .sort(),
      'the same servers as novash list',
    );
    const docs = await client.documents.list();
    assert.ok(
      docs.some((d) => d.id === String(id)),
      `client.documents.list() has ${id}`,
    );
  });

  test("nova-extras.yaml: Nova's aggregates from a declaration only (create, list, delete as admin)", () => {
    const e = { ...env, NOVASH_EXTENSIONS: EXTRAS_YAML };
    const name = uniqueName('e2e-agg');
    const created = novashJson<Row>(['aggregate-create', name, '--availability-zone', name], e);
    try {
      assert.equal(created.name, name);
      assert.equal(created.availability_zone, name);
      const listed = novashJson<Row[]>(['aggregate-list'], e);
      assert.ok(listed.some((a) => a.Name === name && a.ID === created.id));
    } finally {
      ok(['aggregate-delete', String(created.id)], 'devcloud', e);
    }
    assert.equal(
      novashJson<Row[]>(['aggregate-list'], e).some((a) => a.Name === name),
      false,
    );
  });
});

describe('site extensions in the app on the local cloud (tmux)', { skip: e2eEnabled ? false : skipReason }, () => {
  const session = `novash-ext-${process.pid}`;
  const term = new TmuxTerminal(session);
  const EXIT_MARK = 'NOVASH-EXT-EXITED';
  const created = freshId();
  const existing = freshId();
  const name = uniqueName('app-doc');
  const server = uniqueName('e2e-ext-app');
  const imageName = uniqueName('app-b1');

  before(() => {
    assert.equal(spawnSync('tmux', ['-V']).status, 0, 'tmux is needed to drive the app');
    mkdirSync(join(env.NOVASH_CONFIG_DIR!, 'extensions'), { recursive: true });
    copyFileSync(SITE_YAML, installed);
    documentIds.push(created, existing);
    ok(['document-create', String(existing), `${name}-old`]);
    ok(['boot', '--image', 'tiny-image', '--flavor', 'm1.tiny', '--nic', 'none', '--wait', server]);
    term.start(env, { columns: 100, rows: 30 }, EXIT_MARK);
  });

  after(() => {
    term.kill();
    for (const id of [created, existing]) if (documentExists(id)) novash(['document-delete', String(id)], env);
    for (const image of novashJson<Row[]>(['image-list', '--name', imageName], env)) novash(['image-delete', String(image.ID)], env);
    for (const s of novashJson<Row[]>(['list', '--name', `^${server}$`], env)) novash(['delete', '--wait', String(s.ID)], env);
  });

  test(':documents lists the documents, c creates one through the form, d and y delete one', async () => {
    await term.waitScreen(/Servers \(\d+/);
    await term.command('documents');
    let s = await term.waitScreen(/Documents \(\d+\)/);
    assert.match(s, /Servers › Documents/);
    assert.match(s, new RegExp(`${existing} +${name}-old`));

    term.keys('c');
    await term.waitScreen('New document', 10_000);
    term.type(String(created));
    term.keys('Tab');
    term.type(name);
    term.keys('Enter');
    // Said on the status line, and its detail opens.
    s = await term.waitScreen((text) => text.includes(`Created document ${created}.`) && text.includes(`Documents › ${name}`));
    assert.match(s, new RegExp(`name +${name}`));
    assert.ok(documentExists(created), 'the document is in the cloud');

    term.keys('Escape');
    await term.waitScreen(/Documents \(\d+\)/);
    term.keys('/');
    await term.waitScreen('/ filter', 10_000);
    term.type(`${name}-old`);
    term.keys('Enter');
    s = await term.waitScreen(/Documents \(1 of \d+\)/);
    assert.match(s, new RegExp(`> +${existing} +${name}-old`));
    term.keys('d');
    await term.waitScreen(`Delete document ${existing} (${name}-old)?`, 10_000);
    term.keys('y');
    await term.waitScreen(`Deleted document ${existing} (${name}-old).`);
    assert.equal(documentExists(existing), false);
  });

  test("backup-instance from the server's action menu: its form, the question, an active image with the description", async () => {
    await term.command('servers');
    await term.waitScreen(/Servers \(\d+/);
    term.keys('/');
    await term.waitScreen('/ filter', 10_000);
    term.type(server);
    term.keys('Enter');
    await term.waitScreen(new RegExp(`> ${server} +ACTIVE`));
    term.keys('a');
    let s = await term.waitScreen(`Actions on ${server}`, 10_000);
    // The declared row has a letter of its label, shown like the built-in ones.
    const letter = /│ {3}(\w) {2}Backup instance/.exec(s)?.[1];
    assert.ok(letter, `a letter for Backup instance:\n${s}`);
    term.keys(letter);
    s = await term.waitScreen(`Backup instance: ${server}`, 10_000);
    assert.match(s, /POST \/servers\/\{id\}\/backup_instance/);
    term.type(imageName);
    term.keys('Tab');
    term.type('nightly');
    term.keys('Enter');
    s = await term.waitScreen(`'${imageName}'?`, 10_000);
    assert.match(s, new RegExp(`Back up server ${server} \\([0-9a-f-]+\\) to a new image`));
    term.keys('y');
    await term.waitScreen(`Backup instance of ${server}: image ${imageName} is active`, 180_000);
    const images = novashJson<Row[]>(['image-list', '--name', imageName], env);
    assert.equal(images.length, 1, 'one image: sent once');
    const glance = novashJson<{ status: string; properties: Row }>(['image-show', String(images[0]!.ID)], env);
    assert.equal(glance.status, 'active');
    assert.equal(glance.properties.description, 'nightly');

    term.keys('q');
    await term.waitScreen(new RegExp(`${EXIT_MARK}=0`), 10_000);
  });
});
