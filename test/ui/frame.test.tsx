import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import React from 'react';
import { createManagers } from '../../src/commands/context.js';
import type { OptionValues } from '../../src/commands/types.js';
import { ErrorBoundary } from '../../screens/app/ErrorBoundary.js';
import { KeyboardProvider } from '../../screens/keys/KeyboardProvider.js';
import { startFixtureServer } from '../support/fixtureServer.js';
import { hasStack, makeEnv } from '../support/run.js';
import { KEY, cloudsYamlFor, startUi, strip } from '../support/uiFixture.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test('start-up: a missing password is asked for in a masked field and never stored', async (t) => {
  const ui = await startUi(t, { env: { OS_PASSWORD: undefined } });
  await ui.waitFor('Password for demo');
  const secret = ui.fx.options.password;
  await ui.type(secret);
  const f = await ui.waitFor('*'.repeat(secret.length));
  assert.ok(!f.includes(secret));
  await ui.press(KEY.enter);
  await ui.waitFor('Servers (6)');
  assert.ok(
    ui.stdout.frames.every((fr) => !fr.includes(secret)),
    'the password never reaches the screen',
  );
  for (const file of [...filesUnder(ui.te.configDir), ...filesUnder(ui.te.cacheDir)]) {
    assert.ok(!readFileSync(file, 'utf8').includes(secret), `${file} holds the password`);
  }
});

test('start-up: a password the login asked for before the screens loaded is asked for on the screen', async (t) => {
  // What the launcher's early start does (src/app/launch.ts): its login ran while Ink loaded and is
  // waiting for the password; the app's first connect hands that question over at once, inside
  // the first render. The prompt must still show (it once stayed on "Connecting" for ever).
  const fx = await startFixtureServer();
  t.after(() => fx.close());
  const te = makeEnv(fx);
  t.after(te.cleanup);
  const env: NodeJS.ProcessEnv = { ...te.env, OS_PASSWORD: undefined };
  let asked: Promise<string> | undefined;
  const ui = await startUi(t, {
    fx,
    reuseState: te,
    connect: (g, appPrompt) => {
      asked ??= appPrompt('Password for demo: ');
      return createManagers(g, { promptSecret: () => asked!, env });
    },
  });
  await ui.waitFor('Password for demo');
  await ui.type(ui.fx.options.password);
  await ui.press(KEY.enter);
  await ui.waitFor('Servers (6)');
});

test('start-up: Ctrl-C at the password prompt quits, as its footer says', async (t) => {
  const ui = await startUi(t, { env: { OS_PASSWORD: undefined } });
  const f = await ui.waitFor('Password for demo');
  assert.match(f, /Ctrl-C quits/);
  await ui.type('abc');
  await ui.waitFor('***');
  await ui.press(KEY.ctrlC);
  assert.equal((await ui.exit).code, 0);
  assert.equal(ui.fx.count('POST', /\/v3\/auth\/tokens$/), 0, 'nothing was sent');
});

test('a token that expires while the app runs: the password is asked for over the app, which keeps its place', async (t) => {
  // A first run leaves a cached token; the second has no password configured and starts on it.
  const first = await startUi(t, { columns: 100 });
  await first.waitFor('Servers (6)');
  first.unmount();
  const ui = await startUi(t, { fx: first.fx, columns: 100, env: { OS_PASSWORD: undefined }, reuseState: first.te });
  await ui.waitFor('Servers (6)');
  await ui.press('j', 'j');
  await ui.waitFor(/^> new-server-test/m);
  ui.fx.revokeTokens();
  await ui.waitFor('The session expired. Password for demo');
  await ui.type(ui.fx.options.password);
  await ui.press(KEY.enter);
  await ui.waitFor((f) => /^> new-server-test/m.test(f) && !f.includes('Password for'));
  ui.fx.addServer({ name: 'after-relogin' });
  await ui.waitFor('after-relogin');
});

test('start-up: wrong credentials give a clear screen (no stack trace) with retry', async (t) => {
  const ui = await startUi(t, { env: { OS_PASSWORD: undefined } });
  await ui.waitFor('Password for demo');
  await ui.type('not-the-password');
  await ui.press(KEY.enter);
  const f = await ui.waitFor('The cloud refused the credentials');
  assert.match(f, /Authentication failed/);
  assert.match(f, /r retry/);
  assert.match(f, /q quit/);
  assert.ok(!hasStack(f));
  await ui.press('r');
  await ui.waitFor('Password for demo');
  await ui.type(ui.fx.options.password);
  await ui.press(KEY.enter);
  await ui.waitFor('Servers (6)');
});

test('start-up: an unreachable cloud gives a clear screen; q quits with 0', async (t) => {
  const fx = await startFixtureServer();
  const url = fx.authUrl;
  await fx.close();
  const ui = await startUi(t, { fx, env: { OS_AUTH_URL: url } });
  const f = await ui.waitFor('The cloud cannot be reached');
  assert.match(f, /Cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused/);
  assert.ok(!hasStack(f));
  await ui.press('q');
  assert.deepEqual(await ui.exit, { code: 0, error: undefined });
});

test('q and Ctrl-C leave with exit code 0', async (t) => {
  const ui = await startUi(t);
  await ui.waitFor('Servers (6)');
  await ui.press('q');
  assert.equal((await ui.exit).code, 0);
  const again = await startUi(t, { fx: ui.fx });
  await again.waitFor('Servers (6)');
  await again.press(':');
  await again.press(KEY.ctrlC);
  assert.equal((await again.exit).code, 0);
});

test('the frame follows resizes: 80x24, then 120x40, then 60x15', async (t) => {
  const ui = await startUi(t);
  let f = await ui.waitFor('Servers (6)');
  const size = (frame: string) => {
    const lines = frame.split('\n');
    return { rows: lines.length, widest: Math.max(...lines.map((l) => strip(l).length)) };
  };
  assert.ok(size(ui.stdout.lastFrame()!).rows <= 24 && size(ui.stdout.lastFrame()!).widest <= 80);
  assert.match(f, /new-server-…/);
  await ui.resize(120, 40);
  await ui.waitFor('new-server-test ');
  assert.ok(size(ui.stdout.lastFrame()!).rows <= 40);
  assert.ok(size(ui.stdout.lastFrame()!).widest > 80);
  await ui.resize(60, 15);
  f = await ui.waitFor((fr) => size(fr).widest <= 60);
  assert.ok(size(ui.stdout.lastFrame()!).rows <= 15);
  assert.match(f, /Servers \(6\)/);
});

test('P switches project: the picker lists your projects; a failed switch offers the way back', async (t) => {
  const fx = await startFixtureServer();
  const keystone = (
    fx as unknown as { keystone: (rec: { method: string; path: string }) => { status: number; body?: { projects?: unknown[] } } }
  ).keystone.bind(fx);
  (fx as unknown as { keystone: unknown }).keystone = (rec: { method: string; path: string }) => {
    const reply = keystone(rec);
    if (rec.method === 'GET' && rec.path === '/v3/auth/projects' && reply.status === 200) {
      reply.body!.projects!.push({ id: 'b1b2b3', name: 'other-project', domain_id: 'default', enabled: true });
    }
    return reply;
  };
  const seen: OptionValues[] = [];
  const ui = await startUi(t, {
    fx,
    columns: 100,
    onConnect: (g) => seen.push(g),
  });
  await ui.waitFor('Servers (6)');
  await ui.press('P');
  let f = await ui.waitFor('other-project');
  assert.match(f, /Switch to project/);
  assert.match(f, /demo +current/);
  await ui.press('j', KEY.enter);
  f = await ui.waitFor('The cloud refused the credentials');
  assert.equal(seen.at(-1)!['os-project-id'], 'b1b2b3');
  assert.equal(seen.at(-1)!['os-password'], fx.options.password, 'the secret in use is carried over in memory');
  assert.match(f, /Esc back to/);
  await ui.press(KEY.esc);
  await ui.waitFor('Servers (6)');
  await fx.close();
});

test('C switches cloud from clouds.yaml; :cloud NAME too', async (t) => {
  const fx = await startFixtureServer();
  const yaml = cloudsYamlFor(fx);
  t.after(yaml.cleanup);
  const ui = await startUi(t, {
    fx,
    columns: 100,
    globals: { 'os-cloud': 'fixture' },
    env: {
      OS_CLIENT_CONFIG_FILE: yaml.path,
      OS_AUTH_URL: undefined,
      OS_USERNAME: undefined,
      OS_PASSWORD: undefined,
      OS_PROJECT_NAME: undefined,
    },
  });
  let f = await ui.waitFor('Servers (6)');
  assert.match(f, /cloud: fixture/);
  await ui.press('C');
  f = await ui.waitFor('Switch to cloud');
  assert.match(f, /fixture +current/);
  assert.match(f, /other/);
  await ui.press(KEY.esc);
  await ui.press(':');
  await ui.type('cloud other');
  await ui.press(KEY.enter);
  f = await ui.waitFor('The cloud refused the credentials (cloud other)');
  assert.match(f, /c choose another cloud/);
  await ui.press('c');
  await ui.waitFor('Choose a cloud');
  await ui.press(KEY.enter);
  f = await ui.waitFor('Servers (6)');
  assert.match(f, /cloud: fixture/);
  await fx.close();
});

test('a render crash shows a message, not a stack trace, and q quits cleanly', async () => {
  function Boom(): React.JSX.Element {
    throw new Error('kaboom in render');
  }
  let quit: unknown;
  const orig = console.error;
  console.error = () => undefined;
  try {
    const r = render(
      <KeyboardProvider>
        <ErrorBoundary onQuit={(e) => (quit = e)}>
          <Text>before</Text>
          <Boom />
        </ErrorBoundary>
      </KeyboardProvider>,
    );
    await new Promise((res) => setTimeout(res, 50));
    const f = strip(r.lastFrame() ?? '');
    assert.match(f, /novash hit an internal error/);
    assert.match(f, /kaboom in render/);
    assert.ok(!hasStack(f));
    r.stdin.write('q');
    await new Promise((res) => setTimeout(res, 20));
    assert.match(String(quit), /kaboom/);
    r.unmount();
  } finally {
    console.error = orig;
  }
});

test('start-up: a compute endpoint that keeps failing is tried once (its retries), then its reason is shown', async (t) => {
  const fx = await startFixtureServer();
  t.after(() => fx.close());
  const versionDocument = /^\/(compute\/)?v2\.1\/?$/;
  fx.fail({ method: 'GET', path: versionDocument, status: 503, body: 'Service Unavailable', times: 100 });
  const ui = await startUi(t, { fx });
  const f = await ui.waitFor('Service Unavailable', 15_000);
  assert.ok(!hasStack(f));
  // One negotiation: a GET is tried 3 times. Asking again to learn why would double the wait.
  assert.equal(fx.count('GET', versionDocument), 3);
});
