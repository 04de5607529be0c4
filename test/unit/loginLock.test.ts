import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { underLoginLock } from '../../src/auth/loginLock.js';

function lockFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'novash-lock-')), 'state', 'login-x.lock');
}

const never = async () => undefined;

describe('underLoginLock', () => {
  test('takes the lock (pid, host, time in it, mode 0600), runs the login, removes the lock', async () => {
    const path = lockFile();
    let seen: { pid: number; host: string; time: number } | undefined;
    const out = await underLoginLock(path, never, async () => {
      seen = JSON.parse(readFileSync(path, 'utf8'));
      return 'token';
    });
    assert.equal(out, 'token');
    assert.equal(seen?.pid, process.pid);
    assert.equal(seen?.host, hostname());
    assert.equal(existsSync(path), false);
  });

  test('while another holds it: waits, and takes what the holder brings instead of logging in', async () => {
    const path = lockFile();
    let logins = 0;
    const holder = underLoginLock(path, never, async () => {
      await new Promise((r) => setTimeout(r, 300));
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 20));
    let cached: string | undefined;
    setTimeout(() => (cached = 'first'), 250);
    const waiter = await underLoginLock(
      path,
      async () => cached,
      async () => `second-${++logins}`,
      { pollMs: 20 },
    );
    assert.equal(await holder, 'first');
    assert.equal(waiter, 'first');
    assert.equal(logins, 0);
  });

  test('a holder that takes too long: after the bounded wait the waiter logs in anyway', async () => {
    const path = lockFile();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() }));
    const out = await underLoginLock(path, never, async () => 'mine', { waitMs: 150, pollMs: 20 });
    assert.equal(out, 'mine');
    assert.equal(existsSync(path), true, "another's lock is never removed by a waiter that gave up");
  });

  test('a lock of a dead process, an old lock, and a garbled old lock are taken over', async () => {
    const { mkdirSync, utimesSync } = await import('node:fs');
    for (const content of [
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), time: Date.now() }),
      JSON.stringify({ pid: process.pid, host: 'another-host', time: Date.now() - 120_000 }),
      'garbage',
    ]) {
      const path = lockFile();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
      if (content === 'garbage') utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      let ran = false;
      await underLoginLock(
        path,
        never,
        async () => {
          ran = JSON.parse(readFileSync(path, 'utf8')).pid === process.pid;
        },
        { waitMs: 2_000, pollMs: 20 },
      );
      assert.ok(ran, `not taken over: ${content}`);
      assert.equal(existsSync(path), false);
    }
  });

  test('a state directory that cannot be made: the login still happens', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'novash-lock-')), 'a-file');
    writeFileSync(file, '');
    const out = await underLoginLock(join(file, 'state', 'login.lock'), never, async () => 'ok');
    assert.equal(out, 'ok');
  });
});
