/**
 * The one-shot CLI as a whole: the built binary on a pipe, usage errors, --read-only, missing
 * settings — and a guard that every command of the table has a contract test.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../src/commands/table.js';
import { cloud } from '../support/cloud.js';
import { repoRoot } from '../support/fixtureServer.js';
import { type RunResult, hasStack } from '../support/run.js';

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

test('a big list through a pipe: every page followed, every byte flushed before exit', async (t) => {
  const { fx, bin } = await cloud(t);
  for (let i = 0; i < 1500; i++) fx.addServer({ name: `bulk-${String(i).padStart(4, '0')}`, flavorId: String((i % 5) + 1) });
  const r = ok(await bin('list', '-f', 'json'));
  const rows = JSON.parse(r.stdout) as Array<Record<string, string>>;
  assert.equal(rows.length, fx.servers.length);
  assert.equal(rows.at(-1)!.Name, 'bulk-1499');
  assert.equal(rows.at(-1)!.Flavor, 'm1.xlarge');
  const pages = fx.find('GET', '/v2.1/servers/detail');
  assert.equal(pages.length, 2, "Nova's max_limit of 1000 makes two pages");
  assert.equal(pages[1]!.query.marker, rows[999]!.ID);
  assert.equal(fx.count('GET', '/image/v2/images'), 1, 'image names: one request, not one per server');
});

test('usage errors exit 2 with a pointer to help, before anything is sent', async (t) => {
  const { fx, run, bin } = await cloud(t);
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /^ERROR: .*'frobnicate' is not a command.*novash help/],
    [['list', '--bogus'], /^ERROR: .*unknown option '--bogus'.*novash help list/],
    [['show'], /^ERROR: .*missing <server>/],
    [['show', 'a', 'b'], /^ERROR: .*unexpected argument 'b'/],
    [['list', '-f', 'xml'], /^ERROR: .*'xml'.*table, json, value, yaml, csv or shell/],
    [['list', '--limit', 'ten'], /^ERROR: --limit must be a whole number/],
    [['--read-only', 'delete', 'new-server-test'], /^ERROR: novash delete changes the cloud and --read-only is set; nothing was sent\.\n$/],
    [['--read-only', 'backup', 'new-server-test', 'b', 'daily', '1'], /--read-only is set; nothing was sent/],
    [['--read-only', 'image-delete', 'golden'], /--read-only is set; nothing was sent/],
  ];
  for (const [argv, message] of cases) {
    for (const go of [run, bin]) {
      const r = await go(...argv);
      assert.equal(r.code, 2, argv.join(' ') + '\n' + r.stderr);
      assert.match(r.stderr, message);
      assert.ok(!hasStack(r.stderr));
    }
  }
  assert.equal(fx.requests.length, 0);
  // --read-only still reads.
  ok(await run('--read-only', 'list'));
});

test('missing settings are named, with where to set them (exit 2, nothing sent)', async (t) => {
  const { fx, te, run, bin } = await cloud(t);
  delete te.env.OS_AUTH_URL;
  const r = await run('list');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^ERROR: No cloud configured: .*--os-cloud.*OS_AUTH_URL/);
  te.env.OS_AUTH_URL = fx.authUrl;
  delete te.env.OS_PASSWORD;
  // No password, no cached token, no terminal to ask on.
  const p = await bin('list');
  assert.equal(p.code, 2);
  assert.match(p.stderr, /^ERROR: Missing password: set .*OS_PASSWORD.*--os-password/);
  assert.ok(!hasStack(p.stderr));
  assert.equal(fx.requests.length, 0);
});

test('a cached token makes the password unnecessary', async (t) => {
  const { fx, te, bin } = await cloud(t);
  ok(await bin('limits'));
  delete te.env.OS_PASSWORD;
  ok(await bin('limits'));
  assert.equal(fx.count('POST', '/v3/auth/tokens'), 1);
});

test('every command in the table has a contract test', () => {
  const dir = join(repoRoot(), 'test', 'contract');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'cli.test.ts')
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  // The app's own commands (group 'app') are driven by the UI prompt tests and the test below; server
  // operations are walked row by row in operations.test.ts.
  const missing = COMMANDS.filter(
    (c) =>
      !c.hidden && c.group !== 'app' && !c.operation && !new RegExp(`(?:run|bin|go)\\([^)]*'${c.name}'|argv: \\['${c.name}'`).test(sources),
  ).map((c) => c.name);
  assert.deepEqual(missing, [], `commands without a contract test: ${missing.join(', ')}`);
});

test("the app's commands are rows of the table: the one-shot CLI names them and sends nothing", async (t) => {
  const { fx, run } = await cloud(t);
  const appOnly = COMMANDS.filter((c) => c.group === 'app');
  assert.deepEqual(appOnly.map((c) => c.name).sort(), [
    'cloud',
    'flavors',
    'hypervisors',
    'images',
    'keypairs',
    'project',
    'quit',
    'server-groups',
    'servers',
    'services',
  ]);
  for (const c of appOnly) {
    const r = await run(c.name);
    assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
    assert.match(
      r.stderr,
      new RegExp(
        `^ERROR: '${c.name}' is a command of the interactive app: start 'novash' with no command on a terminal, then type :${c.name}\\.$`,
        'm',
      ),
    );
  }
  assert.equal(fx.requests.length, 0, 'nothing sent');
});
