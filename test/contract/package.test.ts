/**
 * Packaging: the tarball holds only what runs (no tests, no benchmarks), a LICENSE and a
 * repository field, and no script npm would run or flag on `npm install -g novash-*.tgz`; the
 * config directory novash creates is private.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { repoRoot } from '../support/fixtureServer.js';

const root = repoRoot();

test('npm pack ships bin, the built code, LICENSE and README — no tests, no benchmarks', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  assert.ok(files.includes('LICENSE'));
  assert.ok(files.includes('bin/novash.js'));
  assert.ok(files.includes('dist/novash.cjs'));
  assert.ok(files.includes('dist/screens/run.js'), 'the app the launcher loads');
  assert.ok(files.includes('dist/fast.cjs') && files.includes('dist/app.cjs'), 'the fast path and the app bundles the launcher runs');
  assert.ok(files.includes('dist/types/index.d.ts'), "the library's type declarations");
  const stray = files.filter(
    (f) => !/^(bin\/|dist\/(novash|fast|app)\.cjs$|dist\/src\/|dist\/screens\/|dist\/types\/|LICENSE$|README\.md$|package\.json$)/.test(f),
  );
  assert.deepEqual(stray, []);
  assert.ok(!files.some((f) => f.startsWith('dist/test/') || f.startsWith('dist/bench/') || f.startsWith('test/')));
});

test('the manifest names its license and repository; LICENSE is the Apache License 2.0', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string; repository?: { url?: string } };
  assert.equal(pkg.license, 'Apache-2.0');
  assert.match(pkg.repository?.url ?? '', /^git\+https:\/\//);
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
});

test('the packed manifest has no checkout-only scripts (prepare), and packing puts package.json back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-pack-'));
  try {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'scripts', 'pack-manifest.mjs'), join(dir, 'scripts', 'pack-manifest.mjs'));
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    const before = readFileSync(join(dir, 'package.json'), 'utf8');
    assert.ok((JSON.parse(before) as { scripts: Record<string, string> }).scripts.prepare, 'a checkout builds on npm install');
    execFileSync(process.execPath, [join(dir, 'scripts', 'pack-manifest.mjs'), 'strip']);
    const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: unknown };
    assert.equal(packed.scripts.prepare, undefined);
    assert.equal(packed.scripts.prepack, undefined);
    assert.ok(packed.bin);
    execFileSync(process.execPath, [join(dir, 'scripts', 'pack-manifest.mjs'), 'restore']);
    assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the config directory novash creates for its tokens is 0700', async (t) => {
  const { te, bin } = await cloud(t);
  delete te.env.NOVASH_CONFIG_DIR;
  const r = await bin('limits');
  assert.equal(r.code, 0, r.stderr);
  const dir = join(te.env.XDG_CONFIG_HOME!, 'novash');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'tokens.json')).mode & 0o777, 0o600);
});

test('npm run demo builds only when novash is not built: the files it looks for are what the build makes', () => {
  const script = readFileSync(join(root, 'scripts', 'demo'), 'utf8');
  const looked = [...script.matchAll(/\[ -[fd] (\S+) \]/g)].map((m) => m[1]!);
  assert.ok(looked.length > 0, 'the demo checks for the build before running it');
  for (const path of looked) assert.ok(existsSync(join(root, path)), `${path}: the demo would build again on every run`);
});
