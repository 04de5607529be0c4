/**
 * Ctrl-C in a one-shot command: one line saying it was interrupted, exit 130, no stack trace —
 * also while the Keystone login hangs (conf's file writer raises the signal a second time).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { cloud } from '../support/cloud.js';
import { BIN, hasStack } from '../support/run.js';

test('Ctrl-C while the login hangs: "Interrupted", exit 130, no stack', async (t) => {
  const { te } = await cloud(t);
  const sockets: Socket[] = [];
  let connected!: () => void;
  const reached = new Promise<void>((resolve) => (connected = resolve));
  // Accepts and never answers: a Keystone that hangs.
  const silent = createServer((s) => {
    sockets.push(s);
    connected();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  const child = spawn(process.execPath, [BIN, 'flavor-list'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...te.env, OS_AUTH_URL: `http://127.0.0.1:${port}/v3` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await reached;
  child.kill('SIGINT');
  const code = await closed;
  assert.equal(code, 130);
  assert.equal(stderr, 'ERROR: Interrupted. What was already sent goes on in the cloud.\n');
  assert.ok(!hasStack(stderr));
});
