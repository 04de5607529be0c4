/**
 * The fault suite: every one-shot command of MATRIX_COMMANDS under every fault of MATRIX_FAULTS,
 * the real CLI in child processes, judged as a user would (see test/support/faultMatrix.ts).
 * 0 hangs, 0 false successes, 0 duplicate creates, 0 secrets, 0 raw control characters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MATRIX_COMMANDS,
  MATRIX_FAULTS,
  MatrixCloud,
  type CaseResult,
  pool,
  runCase,
  runCli,
  secretsIn,
  startRig,
} from '../support/faultMatrix.js';
import { keystoneErrorBody } from '../support/fixtureServer.js';

/** --timeout of every run: a GET with retries then fails in about 3 x 1 s plus back-off. */
const TIMEOUT_S = 2;
/** Past this a run counts as hung (and is killed): far above what any deadline allows. */
const DEADLINE_MS = 40_000;
/**
 * Runs at once: most of a case is waiting on a deadline, not on a CPU, but `npm test` runs another
 * test file beside this one on 2 cores: leave it its share.
 */
const PARALLEL = 4;
/** Faults whose runs mostly wait out deadlines: started first, so that they overlap the busy ones. */
const WAITING = /no headers|stalled|endless|connection refused|reset after/;

function report(results: CaseResult[]): string {
  const bad = results.filter((r) => r.problems.length);
  return bad
    .map(
      (r) =>
        `- ${r.command} × ${r.fault} (expected ${r.expect}, exit ${r.code}, ${r.ms} ms): ${r.problems.join('; ')}\n    stderr: ${JSON.stringify(r.stderr.slice(0, 400))}`,
    )
    .join('\n');
}

test('fault matrix: every command ends, tells the truth in one line, creates at most once, shows no secret and no raw control character', async (t) => {
  const cloud = await MatrixCloud.start();
  t.after(() => cloud.close());
  const faults = [...MATRIX_FAULTS.filter((f) => WAITING.test(f.name)), ...MATRIX_FAULTS.filter((f) => !WAITING.test(f.name))];
  const tasks = faults.flatMap((f) => MATRIX_COMMANDS.map((c) => () => runCase(cloud, c, f, TIMEOUT_S, DEADLINE_MS)));
  const results = await pool(tasks, PARALLEL);
  const busyMs = results.reduce((s, r) => s + r.ms, 0);
  const count = (p: RegExp) => results.filter((r) => r.problems.some((x) => p.test(x))).length;
  const summary = {
    runs: results.length,
    hangs: count(/^hung/),
    falseSuccesses: count(/^false success/),
    notRecovered: count(/^failed where it should recover/),
    duplicateCreates: count(/^duplicate create/),
    secrets: count(/^secret shown/),
    rawControlCharacters: count(/^raw control/),
    badErrorLines: count(/stderr|status|request id|characters/),
    cachesChanged: count(/completion cache/),
    slowestMs: Math.max(...results.map((r) => r.ms)),
    runMsTotal: busyMs,
  };
  t.diagnostic(`fault matrix: ${JSON.stringify(summary)}`);
  assert.equal(results.filter((r) => r.problems.length).length, 0, `\n${report(results)}`);
});

test('a login that fails (500, HTML 200, no answer) ends with one line naming it; nothing is cached', async (t) => {
  const cases = [
    {
      name: '500',
      fault: {
        kind: 'status' as const,
        status: 500,
        body: keystoneErrorBody(500, 'Internal Server Error', 'An unexpected error prevented the server from fulfilling your request.'),
      },
      expect: /\(HTTP 500, request req-[0-9a-f-]+\)$/,
    },
    {
      name: 'HTML 200',
      fault: { kind: 'replace' as const, status: 200, body: '<html><head><title>Portal</title></head></html>', contentType: 'text/html' },
      expect:
        /^ERROR.*Unexpected answer from identity to POST \/v3\/auth\/tokens \(HTTP 200, request req-[0-9a-f-]+\): the body is an HTML page \(text\/html\) titled "Portal", not JSON/,
    },
    {
      name: 'no answer',
      fault: { kind: 'no-headers' as const, forward: false },
      expect: /^ERROR: No answer from identity to POST \/v3\/auth\/tokens within 1 s$/,
    },
  ];
  for (const c of cases) {
    const rig = await startRig({ warm: false });
    t.after(() => rig.close());
    rig.proxy.fail({ method: 'POST', path: '/v3/auth/tokens', fault: c.fault });
    const r = await runCli(['--timeout', '1', 'flavor-list'], rig.te.env, DEADLINE_MS);
    assert.equal(r.hung, false, c.name);
    assert.notEqual(r.code, 0, c.name);
    assert.match(r.stderr.trim(), c.expect, c.name);
    assert.equal(r.stdout, '', c.name);
    assert.deepEqual(secretsIn(r.stdout + r.stderr, rig.fx), [], c.name);
    assert.equal(rig.proxy.find('POST', '/v3/auth/tokens').length, 1, `${c.name}: a login is sent once`);
  }
});

// Every cell of a table is made terminal-safe by the formatter; -f json keeps the real value.
test('an image named with escape sequences: visible-escaped in table output, real in JSON', async (t) => {
  const rig = await startRig({ warm: false });
  t.after(() => rig.close());
  const evil = 'x\u001b[31mRED\u001b]0;PWNED\u0007';
  rig.fx.images.push({ ...rig.fx.images[0]!, id: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', name: evil });
  const table = await runCli(['image-list'], rig.te.env, DEADLINE_MS);
  assert.equal(table.code, 0);
  assert.ok(!/[\u001b\u0007]/.test(table.stdout), 'no live escape in the table');
  assert.ok(table.stdout.includes('x^[[31mRED^[]0;PWNED^G'), 'the name is shown visible-escaped');
  const json = await runCli(['image-list', '-f', 'json'], rig.te.env, DEADLINE_MS);
  assert.ok(
    (JSON.parse(json.stdout) as Array<{ Name: string }>).some((i) => i.Name === evil),
    'JSON keeps the real name',
  );
});

test('an error message echoing an escape sequence reaches the terminal visible-escaped', async (t) => {
  const rig = await startRig();
  t.after(() => rig.close());
  rig.proxy.fail({
    method: 'GET',
    path: '/v2.1/flavors/detail',
    fault: { kind: 'status', status: 400, body: { badRequest: { code: 400, message: 'bad name x\u001b[31mRED\u001b]0;PWNED\u0007' } } },
  });
  const r = await runCli(['flavor-list'], rig.te.env, DEADLINE_MS);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^ERROR \(badRequest\): bad name x\^\[\[31mRED\^\[\]0;PWNED\^G \(HTTP 400, request req-[0-9a-f-]+\)\n$/);
});
