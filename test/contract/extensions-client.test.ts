/**
 * The programmatic client (`import { createClient } from 'novash'`) against the fixture cloud:
 * explicit options and a clouds.yaml cloud, built-in and declared resources, the CLI's token cache
 * and errors; the README's example run as a script; the package's exports and type declarations.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiError, createClient, type ClientOptions } from '../../src/index.js';
import { repoRoot } from '../support/fixtureServer.js';
import { clientOptionsFor } from '../support/cloud.js';
import { SITE_YAML, siteCloud } from '../support/siteExtensionRoutes.js';

function runNode(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The shipped documents declaration without its `clouds:` line: for explicit options (no cloud name). */
function documentsForAnyCloud(dir: string): string {
  const p = join(dir, 'documents.yaml');
  writeFileSync(p, readFileSync(SITE_YAML, 'utf8').replace(/^clouds:.*$/m, ''));
  return p;
}

test('createClient with explicit options: servers, flavors, images, key pairs, limits and documents', async (t) => {
  const { fx, site, te } = await siteCloud(t);
  site.addDocument(1, 'test1');
  const options: ClientOptions = { ...clientOptionsFor(fx, te), extensions: [documentsForAnyCloud(te.home)] };
  const client = createClient<'documents'>(options);
  assert.equal(fx.requests.length, 0, 'nothing is sent before a manager is used');
  const servers = await client.servers.list();
  assert.deepEqual(servers.map((s) => s.name).sort(), fx.servers.map((s) => s.name).sort());
  assert.ok(servers.every((s) => typeof s.id === 'string' && typeof s.status === 'string'));
  assert.ok((await client.flavors.list()).some((f) => f.name === 'm1.tiny'));
  assert.ok((await client.images.list()).length > 0);
  assert.deepEqual(
    (await client.keypairs.list()).map((k) => k.name),
    fx.keypairs.map((k) => k.name),
  );
  assert.equal(typeof (await client.limits.get()).instances.max, 'number');
  assert.deepEqual(
    (await client.documents.list()).map((d) => [d.id, d.name]),
    [['1', 'test1']],
  );
  assert.equal(client.resource('document'), client.documents, 'by singular or plural');

  // The operator's managers are the client's too: a server group made from code, its tags.
  const group = await client.serverGroups.create({ name: 'from-code', policy: 'affinity' });
  assert.deepEqual(
    (await client.serverGroups.list()).map((g) => [g.id, g.name]),
    [[group.id, 'from-code']],
  );
  const server = servers[0]!;
  await client.serverTags.add(server.id, 'lib');
  assert.ok((await client.serverTags.list(server.id)).includes('lib'));

  await client.documents.create({ id: 2, name: 'from-code' });
  assert.deepEqual(fx.last('POST', '/v2.1/os-documents')!.json, { id: 2, name: 'from-code' });
  assert.equal((await client.documents.find('from-code')).id, '2');
  await assert.rejects(client.documents.create({ id: 3, name: 'x'.repeat(46) }), /name must be at most 45 characters \(got 46\)/);
  await assert.rejects(client.documents.create({ id: '3', name: 'x' }), /id must be a whole number \(got 3\)/);
  assert.equal(fx.count('POST', '/v2.1/os-documents'), 1, 'bad values are never sent');

  // The CLI's errors: status, the cloud's message, the request id.
  const err = await client.documents.get('42').catch((e: unknown) => e);
  assert.ok(err instanceof ApiError);
  assert.equal(err.status, 404);
  assert.equal(err.message, 'Document not found');
  assert.equal(err.requestId, fx.last('GET', '/v2.1/os-documents/42')!.requestId);
  assert.throws(() => client.resource('widgets'), /No declared resource 'widgets'; declared: documents\./);

  // The CLI's token cache: a second client (or a CLI run) logs in no more.
  const again = createClient(options);
  await again.servers.list();
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1);
});

test('createClient with a clouds.yaml cloud: the site declarations and a declared server action', async (t) => {
  const { fx, te } = await siteCloud(t);
  const client = createClient({ cloud: 'devcloud', env: te.env });
  assert.deepEqual(
    client.extensions.files.map((f) => [f.path, f.error, f.skipped]),
    [[SITE_YAML, undefined, undefined]],
  );
  const out = await client.serverAction('backup-instance').run('new-server-test', { name: 'lib-backup', description: 'from code' });
  const image = fx.images.find((i) => i.name === 'lib-backup')!;
  assert.equal(out.imageId, image.id);
  assert.equal(image.description, 'from code');
  await assert.rejects(client.serverAction('backup-instance').run('new-server-test', { name: 'x' }), /description is required/);
  assert.equal(fx.images.filter((i) => i.name === 'x').length, 0);
});

test("the README's example runs as a script, through the package's own name", async (t) => {
  const { fx, site, te } = await siteCloud(t);
  site.addDocument(7, 'seven');
  // Not spawnSync: the fixture cloud answers from this very process.
  const r = await runNode([join(repoRoot(), 'examples', 'client.mjs')], { PATH: process.env.PATH ?? '', ...te.env });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^server {4}new-server-test {2}ACTIVE$/m);
  assert.match(r.stdout, /^flavor {4}m1\.tiny {2}1 vCPU {2}512 MiB$/m);
  assert.match(r.stdout, /^instances \d+ of \d+$/m);
  assert.match(r.stdout, /^document {2}7 {2}seven$/m);
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1);
});

test("the package's exports and type declarations: a TypeScript consumer type-checks, mistakes are caught", () => {
  const dir = join(repoRoot(), 'dist', 'consumer-check');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import { createClient, ApiError, type Server } from 'novash';
const client = createClient<'documents'>({ cloud: 'devcloud' });
export async function main(): Promise<string[]> {
  const servers: Server[] = await client.servers.list();
  const docs = await client.documents.list();
  // @ts-expect-error: a typo is a type error, not undefined at run time
  servers[0]?.nmae;
  // @ts-expect-error: undeclared resources are not properties
  client.widgets;
  // The operator's managers are typed fields too, and read-only.
  const groups: Array<{ id: string; members: string[] }> = await client.serverGroups.list();
  // @ts-expect-error: a manager cannot be replaced
  client.quotas = client.quotas;
  try { await client.limits.get(); } catch (e) { if (e instanceof ApiError) return [e.requestId ?? '']; }
  return [...servers.map((s) => s.status), ...docs.map((d) => d.name), ...groups.map((g) => g.id)];
}
`,
    );
    const tsc = join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--skipLibCheck',
        join(dir, 'consumer.ts'),
      ],
      { cwd: repoRoot(), encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // And at run time, the name resolves through "exports" to the ESM build.
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('novash'); console.log(typeof m.createClient, typeof m.ApiError)"],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(run.stdout.trim(), 'function function', run.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
