/**
 * Many processes, one login: N novash processes that find no usable token share one Keystone
 * login through a lock beside the token cache; a lock left by a dead or hung holder is taken over.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tokenCacheKey } from '../../src/auth/tokenCache.js';
import { resolveCloudConfig } from '../../src/config/resolve.js';
import { cloud } from '../support/cloud.js';
import { runBin } from '../support/run.js';

const N = 20;
const LOGIN = ['POST', '/v3/auth/tokens'] as const;

function lockPathOf(env: Record<string, string>, configDir: string): string {
  return join(configDir, `login-${tokenCacheKey(resolveCloudConfig({}, { env })).slice(0, 16)}.lock`);
}

async function together(n: number, run: () => Promise<{ code: number; stderr: string }>): Promise<void> {
  const results = await Promise.all(Array.from({ length: n }, run));
  results.forEach((r, i) => assert.equal(r.code, 0, `process ${i}: ${r.stderr}`));
}

test(`${N} processes with no token, then ${N} with an expired one, then ${N} with a revoked one: one Keystone login each time`, async (t) => {
  const { fx, te } = await cloud(t);
  const run = () => runBin(['flavor-list', '-f', 'value', '-c', 'ID'], te.env, { timeoutMs: 60_000 });

  await together(N, run);
  assert.equal(fx.count(...LOGIN), 1, `${N} processes with no token made ${fx.count(...LOGIN)} logins`);

  // Every cached token expires (as after a night): the next wave must again share one login.
  const file = join(te.configDir, 'tokens.json');
  const store = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { expiresAt: string }>;
  for (const v of Object.values(store)) v.expiresAt = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(file, JSON.stringify(store));
  fx.clearRequests();
  await together(N, run);
  assert.equal(fx.count(...LOGIN), 1, `${N} processes with an expired token made ${fx.count(...LOGIN)} logins`);
  assert.equal(existsSync(lockPathOf(te.env, te.configDir)), false, 'the lock is gone afterwards');

  // Keystone revokes the token they all hold: each meets a 401, and still only one logs in again.
  fx.revokeTokens();
  fx.clearRequests();
  await together(N, run);
  assert.equal(fx.count(...LOGIN), 1, `${N} processes with a revoked token made ${fx.count(...LOGIN)} logins`);
});

test('a waiter uses the token the lock holder writes, without a login of its own', async (t) => {
  const { fx, te, bin } = await cloud(t);
  assert.equal((await bin('flavor-list')).code, 0);
  const file = join(te.configDir, 'tokens.json');
  copyFileSync(file, `${file}.saved`);
  rmSync(file);
  fx.clearRequests();
  // Another process (this one) holds the lock, logging in...
  const lock = lockPathOf(te.env, te.configDir);
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() }));
  const waiting = bin('flavor-list');
  await new Promise((r) => setTimeout(r, 700));
  // ...and finishes: its token lands in the cache, its lock goes.
  copyFileSync(`${file}.saved`, file);
  rmSync(lock);
  const r = await waiting;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fx.count(...LOGIN), 0, 'the waiter logged in itself');
});

test('a lock left by a dead process, or too old, is taken over', async (t) => {
  const { fx, te, bin } = await cloud(t);
  const lock = lockPathOf(te.env, te.configDir);
  // A pid that was just in use and is gone now.
  const dead = await new Promise<number>((resolve) => {
    const c = spawn(process.execPath, ['-e', '0']);
    c.on('exit', () => resolve(c.pid!));
  });
  for (const content of [
    { pid: dead, host: hostname(), time: Date.now() },
    { pid: process.pid, host: hostname(), time: Date.now() - 10 * 60_000 },
  ]) {
    rmSync(join(te.configDir, 'tokens.json'), { force: true });
    writeFileSync(lock, JSON.stringify(content));
    fx.clearRequests();
    const r = await bin('flavor-list');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fx.count(...LOGIN), 1);
    assert.equal(existsSync(lock), false, 'the taken-over lock was released');
  }
});
