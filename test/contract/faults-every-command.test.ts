/**
 * Beyond the matrix's seven commands (faults-matrix.test.ts): every one-shot command of the table
 * that only reads from the cloud, under three bad answers to every GET after the login (a 500, an
 * HTML page with 200, broken JSON with 200). Each run ends in time, exits non-zero, prints nothing
 * on stdout (never an empty table taken for an answer) and one line on stderr naming the status
 * and the request id; no secret, no raw control character. A command added to the table must be
 * given arguments here or a reason to leave it out: the test fails for one it does not know.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../src/commands/table.js';
import { MatrixCloud, runCli, secretsIn } from '../support/faultMatrix.js';
import { novaErrorBody } from '../support/fixtureServer.js';
import { CIRROS_ID, SAMPLE_SERVER_ID } from '../support/glanceImages.js';

const S = SAMPLE_SERVER_ID;
const REQ = 'req-00000000-0000-0000-0000-000000000000';

/** Arguments for each read-only command (its first GET meets the fault, whatever they name). */
const ARGS: Record<string, string[]> = {
  list: [],
  show: [S],
  'console-log': [S],
  'instance-action-list': [S],
  'instance-action': [S, REQ],
  'console-url': [S],
  'migration-list': [],
  'server-tag-list': [S],
  'list-secgroup': [S],
  'interface-list': [S],
  'floating-ip-list': [],
  'server-group-list': [],
  'server-group-show': ['some-group'],
  'image-list': [],
  'image-show': [CIRROS_ID],
  'flavor-list': [],
  'flavor-show': ['1'],
  'keypair-list': [],
  'keypair-show': ['some-key'],
  limits: [],
  'availability-zone-list': [],
  'network-list': [],
  'hypervisor-list': [],
  'hypervisor-show': ['compute1'],
  'service-list': [],
  'quota-show': [],
  usage: [],
  'usage-list': [],
};

/** Read-only commands that send no GET to a service, with why. */
const NO_CLOUD_READ: Record<string, string> = {
  help: 'prints the table',
  completion: 'prints a script',
  whoami: 'answers from the cached token (its catalog and microversion): nothing to fault',
};

const FAULTS = [
  { name: '500', fault: { kind: 'status' as const, status: 500, body: novaErrorBody(500, 'Unexpected API Error.') }, status: 500 },
  {
    name: 'HTML 200',
    fault: { kind: 'replace' as const, status: 200, body: '<html><head><title>Portal</title></head></html>', contentType: 'text/html' },
    status: 200,
  },
  {
    name: 'broken JSON 200',
    fault: { kind: 'replace' as const, status: 200, body: '{"servers": [', contentType: 'application/json' },
    status: 200,
  },
];

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('every read-only command of the table: a bad answer is one line naming status and request id, never an empty success', async (t) => {
  const readers = COMMANDS.filter((c) => !c.mutating && c.group !== 'app').map((c) => c.name);
  const unknown = readers.filter((n) => !(n in ARGS) && !(n in NO_CLOUD_READ));
  assert.deepEqual(unknown, [], 'each read-only command is listed here, with arguments or a reason');

  const cloud = await MatrixCloud.start();
  t.after(() => cloud.close());
  const problems: string[] = [];
  for (const f of FAULTS) {
    const rig = await cloud.rig();
    t.after(() => rig.close());
    // Every GET but the login's (the token is cached: there is none).
    rig.proxy.fail({ method: 'GET', path: /^(?!\/v3\/)/, fault: f.fault });
    const names = Object.keys(ARGS);
    // Four at a time: each is a process of its own.
    for (let i = 0; i < names.length; i += 4) {
      await Promise.all(
        names.slice(i, i + 4).map(async (name) => {
          const r = await runCli(['--timeout', '5', name, ...ARGS[name]!], rig.te.env, 40_000);
          const tag = `${name} × ${f.name}`;
          const lines = r.stderr.trim().split('\n');
          if (r.hung) problems.push(`${tag}: did not end`);
          else if (r.code === 0) problems.push(`${tag}: exit 0 with stdout ${JSON.stringify(r.stdout.slice(0, 200))}`);
          if (r.stdout !== '') problems.push(`${tag}: printed ${JSON.stringify(r.stdout.slice(0, 200))}`);
          if (lines.length !== 1) problems.push(`${tag}: ${lines.length} lines on stderr: ${JSON.stringify(r.stderr.slice(0, 400))}`);
          if (!new RegExp(`HTTP ${f.status}, request req-[0-9a-f-]+\\)`).test(r.stderr))
            problems.push(`${tag}: status and request id not named: ${JSON.stringify(r.stderr.slice(0, 400))}`);
          if (/at .*\.js:\d+|TypeError|Cannot read properties/.test(r.stderr)) problems.push(`${tag}: a stack or a crash`);
          if (secretsIn(r.stdout + r.stderr, rig.fx).length) problems.push(`${tag}: a secret shown`);
          if (RAW_CONTROL.test(r.stdout + r.stderr.replace(/\n$/, ''))) problems.push(`${tag}: a raw control character`);
        }),
      );
    }
  }
  assert.deepEqual(problems, []);
});

/** Arguments for each command that changes the cloud; `id` is a server of its own (the run may change it). */
function changeArgs(name: string, id: string, n: number, home: string): string[] | undefined {
  const table: Record<string, string[]> = {
    boot: ['--image', CIRROS_ID, '--flavor', '1', '--nic', 'none', `lost-vm-${n}`],
    resize: [id, '2'],
    rebuild: [id, CIRROS_ID],
    backup: [id, 'nightly', 'daily', '2'],
    'image-create': [id, 'snap'],
    meta: [id, 'set', 'role=web'],
    rename: [id, `renamed-${n}`],
    'server-set': [id, '--description', 'front end'],
    'server-tag-add': [id, 't1'],
    'server-tag-delete': [id, 't1'],
    'server-tag-delete-all': [id],
    'add-secgroup': [id, 'default'],
    'remove-secgroup': [id, 'default'],
    'interface-attach': [id, '--port-id', '6f1d2e3c-4b5a-4d6e-8f70-8192a3b4c5d6'],
    'interface-detach': [id, '6f1d2e3c-4b5a-4d6e-8f70-8192a3b4c5d6'],
    'floating-ip-create': [],
    'floating-ip-delete': ['172.24.4.10'],
    'add-floating-ip': [id, '172.24.4.10'],
    'remove-floating-ip': [id, '172.24.4.10'],
    'server-group-create': [`group-${n}`, 'affinity'],
    'server-group-delete': ['some-group'],
    'keypair-add': [`key-${n}`, '--pub-key', `${home}/id.pub`],
    'keypair-create': [`made-${n}`, '--private-key-file', `${home}/made-${n}`],
    'keypair-delete': ['some-key'],
    // Last: the other runs boot from this image.
    'image-delete': [CIRROS_ID],
  };
  return table[name] ?? (COMMANDS.find((c) => c.name === name)?.operation ? [id] : undefined);
}

test('every command that changes the cloud, its answer lost after the cloud acted: sent at most once, a clear failure', async (t) => {
  const changers = COMMANDS.filter((c) => c.mutating).map((c) => c.name);
  const order = [...changers.filter((n) => n !== 'image-delete'), ...changers.filter((n) => n === 'image-delete')];
  const cloud = await MatrixCloud.start();
  t.after(() => cloud.close());
  const rig = await cloud.rig();
  t.after(() => rig.close());
  writeFileSync(
    join(rig.te.home, 'id.pub'),
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ8l0zWc2b0sZlq6ZC1c4o9fY0m1tq3s0a7QpQkJ8xE lost@test\n',
  );
  // Every request that would change something reaches the cloud, then its answer is lost.
  rig.proxy.fail({ path: /^(?!\/v3\/)/, method: 'POST', fault: { kind: 'reset', after: true } });
  rig.proxy.fail({ path: /^(?!\/v3\/)/, method: 'PUT', fault: { kind: 'reset', after: true } });
  rig.proxy.fail({ path: /^(?!\/v3\/)/, method: 'DELETE', fault: { kind: 'reset', after: true } });
  const problems: string[] = [];
  const reached: string[] = [];
  let n = 0;
  for (const name of order) {
    const id = rig.fx.addServer({ name: `victim-${++n}` }).id;
    const args = changeArgs(name, id, n, rig.te.home);
    if (!args) {
      problems.push(`${name}: no arguments for it here`);
      continue;
    }
    const from = rig.proxy.requests.length;
    const r = await runCli(['--timeout', '5', name, ...args], rig.te.env, 40_000);
    const sent = rig.proxy.requests.slice(from).filter((q) => q.method !== 'GET' && !q.path.startsWith('/v3/'));
    const forwarded = sent.filter((q) => q.forwarded);
    const tag = `${name} ${args.join(' ')}`;
    if (forwarded.length) reached.push(name);
    const twice = forwarded.filter((q, i) => forwarded.findIndex((o) => o.method === q.method && o.path === q.path) !== i);
    if (twice.length)
      problems.push(`${tag}: sent again after its answer was lost: ${twice.map((q) => `${q.method} ${q.path}`).join(', ')}`);
    if (r.hung) problems.push(`${tag}: did not end`);
    else if (r.code === 0 && forwarded.length)
      problems.push(`${tag}: exit 0 although the answer was lost: ${JSON.stringify(r.stdout.slice(0, 200))}`);
    if (forwarded.length && !/may have|was sent|might have|check with|no answer|cut off|connection/i.test(r.stderr))
      problems.push(`${tag}: the lost answer is not said: ${JSON.stringify(r.stderr.slice(0, 300))}`);
    if (/at .*\.js:\d+|TypeError|Cannot read properties/.test(r.stderr)) problems.push(`${tag}: a stack or a crash`);
    if (secretsIn(r.stdout + r.stderr, rig.fx).length) problems.push(`${tag}: a secret shown`);
    if (RAW_CONTROL.test(r.stdout.replace(/\n/g, '') + r.stderr.replace(/\n/g, ''))) problems.push(`${tag}: a raw control character`);
  }
  t.diagnostic(
    `${reached.length} of ${order.length} commands reached the cloud; not: ${order.filter((x) => !reached.includes(x)).join(', ')}`,
  );
  assert.deepEqual(problems, []);
  // Most of them must really have met the fault (a change refused before sending proves nothing here).
  assert.ok(reached.length >= order.length - 8, `${reached.length} of ${order.length} reached the cloud`);
});
