/**
 * Shell completion through the built binary: `--opt=value`, names with shell metacharacters
 * escaped (checked by bash itself reading the reply back), key pairs and zones, and a cache that
 * was never filled asking the cloud once, within its budget, rather than falling back to files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import type { RunResult } from '../support/run.js';

const WORDBREAKS = `"'><=;|&(:`;

function ok(r: RunResult): RunResult {
  assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

function lines(r: RunResult): string[] {
  return ok(r).stdout.split('\n').filter(Boolean);
}

/** What bash makes of `novash show <reply>`: the words it would run. */
function bashWords(line: string): string[] {
  return spawnSync('bash', ['--norc', '-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' })
    .stdout.split('\n')
    .slice(0, -1);
}

test('after --flavor= (bash, zsh, fish and plain), from the caches, with no request', async (t) => {
  const { fx, bin } = await cloud(t);
  ok(await bin('flavor-list'));
  fx.clearRequests();
  // bash splits at '=' (COMP_WORDBREAKS): it gets only the value back.
  assert.deepEqual(lines(await bin('__complete', 'bash', WORDBREAKS, 'novash boot --flavor=m1.s')), ['m1.small', 'm1.small.description']);
  assert.deepEqual(lines(await bin('__complete', 'zsh', '1', 'boot', '--flavor=m1.s')), [
    '--flavor=m1.small',
    '--flavor=m1.small.description',
  ]);
  assert.deepEqual(lines(await bin('__complete', 'fish', '1', 'boot', '--flavor=m1.s')), [
    '--flavor=m1.small',
    '--flavor=m1.small.description',
  ]);
  assert.deepEqual(lines(await bin('__complete', '1', 'boot', '--flavor=m1.t')), ['--flavor=m1.tiny', '--flavor=m1.tiny.specs']);
  assert.equal(fx.requests.length, 0);
});

test('names with shell metacharacters come back as one word that means the name', async (t) => {
  const { fx, bin } = await cloud(t);
  const names = ['my vm $(touch /tmp/novash-pwned)', "it's `id`", 'a;b&c|d', 'glob*?[x]'];
  for (const name of names) fx.addServer({ name, flavorId: '1' });
  ok(await bin('list'));
  for (const name of names) {
    const typed = name.slice(0, 3).replace(/([^\w])/g, '\\$1');
    const replies = lines(await bin('__complete', 'bash', WORDBREAKS, `novash show ${typed}`));
    const read = replies.map((r) => bashWords(r));
    assert.ok(
      read.some((w) => w.length === 1 && w[0] === name),
      `${name}: ${JSON.stringify(replies)}`,
    );
    // Inside an open single quote, the reply stays inside it.
    const quoted = lines(await bin('__complete', 'bash', WORDBREAKS, `novash show '${name.slice(0, 3).replace(/'/g, '')}`));
    if (!name.includes("'"))
      assert.ok(
        quoted.some((r) => bashWords(`'${r}'`)[0] === name),
        `${name} quoted: ${JSON.stringify(quoted)}`,
      );
  }
  // zsh and fish quote candidates themselves: they get the names as they are.
  assert.ok(lines(await bin('__complete', 'zsh', '1', 'show', 'my')).includes(names[0]!));
  // A name with control characters is never offered (its ID and human id are).
  const evil = fx.addServer({ name: 'x\u001b]0;PWNED\u0007', flavorId: '1' });
  ok(await bin('list'));
  const offered = lines(await bin('__complete', '1', 'show', 'x'));
  assert.ok(!offered.some((o) => /[\u0000-\u001f]/.test(o)));
  assert.ok(lines(await bin('__complete', '1', 'show', evil.id.slice(0, 8))).includes(evil.id));
});

test('commands and options come with their help for zsh and fish', async (t) => {
  const { bin } = await cloud(t);
  assert.deepEqual(lines(await bin('__complete', 'fish', '0', 'flavor-')), [
    'flavor-list\tList flavors',
    'flavor-show\tShow a flavor, with its extra specs',
  ]);
  assert.ok(lines(await bin('__complete', 'zsh', '1', 'list', '--sort-c')).some((l) => l.startsWith('--sort-column\t')));
  assert.deepEqual(lines(await bin('__complete', 'bash', WORDBREAKS, 'novash flavor-')), ['flavor-list', 'flavor-show']);
});

test('an empty cache asks the cloud once (key pairs, zones, servers), then answers from the cache', async (t) => {
  const { fx, bin } = await cloud(t);
  assert.deepEqual(lines(await bin('__complete', '2', 'boot', '--key-name', 'my')), ['mykey']);
  assert.equal(fx.count('GET', '/v2.1/os-keypairs'), 1);
  assert.deepEqual(lines(await bin('__complete', '2', 'boot', '--availability-zone', '')), ['nova']);
  assert.deepEqual(lines(await bin('__complete', '1', 'show', 'Web')), ['Web Server 1']);
  fx.clearRequests();
  assert.deepEqual(lines(await bin('__complete', '2', 'boot', '--key-name', '')), [
    'keypair-50ca852e-273f-4cdc-8949-45feba200837',
    'mykey',
  ]);
  assert.deepEqual(lines(await bin('__complete', '1', 'show', 'stop')), ['stopped-vm']);
  assert.equal(fx.requests.length, 0, 'the second Tab is answered from the cache');
});

test('a slow or unreachable cloud: the fill gives up within its budget, and is not retried at once', async (t) => {
  const { fx, te, bin } = await cloud(t);
  ok(await bin('limits')); // a token, so only the listing is slow
  fx.fail({ method: 'GET', path: '/v2.1/os-keypairs', delayMs: 60_000, times: 5 });
  // Were the 2 s budget not kept, this would hang past runBin's 20 s deadline.
  fx.clearRequests();
  const slow = await bin('__complete', '2', 'boot', '--key-name', '');
  assert.equal(ok(slow).stdout, '');
  assert.equal(fx.count('GET', '/v2.1/os-keypairs'), 1);
  ok(await bin('__complete', '2', 'boot', '--key-name', ''));
  assert.equal(fx.count('GET', '/v2.1/os-keypairs'), 1, 'a failed fill waits before asking again');
  // Nothing listening at all: an empty answer, no file names.
  te.env.OS_AUTH_URL = 'http://127.0.0.1:9/v3';
  assert.equal(ok(await bin('__complete', '1', 'show', '')).stdout, '');
});
