/**
 * The table of server operations walked row by row: each one through the one-shot CLI (the request
 * it sends, --read-only refusing it before anything is sent), through the ':' prompt (parsed by the
 * same table, refused the same way) and through the action menu (offered only in the states where
 * it applies, with its confirmation naming the server).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretPromptLine } from '../../src/app/promptCommands.js';
import { COMMANDS } from '../../src/commands/table.js';
import type { Server } from '../../src/managers/types.js';
import { ADMIN_OPERATIONS } from '../../src/operations/adminOperations.js';
import { OPERATOR_OPERATIONS } from '../../src/operations/operatorOperations.js';
import { SERVER_OPERATIONS as BASIC_OPERATIONS } from '../../src/operations/serverOperations.js';
import { applies } from '../../src/operations/states.js';
import { actionsFor } from '../../screens/servers/serverActions.js';
import type { FixtureServer, RecordedRequest, ServerState } from '../support/fixtureServer.js';
import { cloud } from '../support/cloud.js';

const SERVER_OPERATIONS = [...BASIC_OPERATIONS, ...OPERATOR_OPERATIONS, ...ADMIN_OPERATIONS];

/** What each row must send, and the arguments after the server. A new row without an entry here fails the walk. */
const EXPECTED: Record<
  string,
  {
    args?: string[];
    sends: (r: RecordedRequest) => boolean;
    body?: unknown;
    /** The cloud made ready for it. */ setup?: (fx: FixtureServer) => void;
  }
> = {
  start: { sends: action('os-start'), body: { 'os-start': null } },
  stop: { sends: action('os-stop'), body: { 'os-stop': null } },
  reboot: { sends: action('reboot'), body: { reboot: { type: 'SOFT' } } },
  pause: { sends: action('pause'), body: { pause: null } },
  unpause: { sends: action('unpause'), body: { unpause: null } },
  suspend: { sends: action('suspend'), body: { suspend: null } },
  resume: { sends: action('resume'), body: { resume: null } },
  lock: { sends: action('lock'), body: { lock: null } },
  unlock: { sends: action('unlock'), body: { unlock: null } },
  resize: { args: ['m1.small'], sends: action('resize'), body: { resize: { flavorRef: '2' } } },
  'resize-confirm': { sends: action('confirmResize'), body: { confirmResize: null } },
  'resize-revert': { sends: action('revertResize'), body: { revertResize: null } },
  rebuild: { args: ['golden'], sends: action('rebuild') },
  backup: {
    args: ['walk-backup', 'daily', '2'],
    sends: action('createBackup'),
    body: { createBackup: { name: 'walk-backup', backup_type: 'daily', rotation: 2 } },
  },
  'image-create': { args: ['walk-snap'], sends: action('createImage'), body: { createImage: { name: 'walk-snap' } } },
  delete: { sends: (r) => r.method === 'DELETE' && /\/servers\/[^/]+$/.test(r.path) },
  shelve: { sends: action('shelve'), body: { shelve: null } },
  'shelve-offload': { sends: action('shelveOffload'), body: { shelveOffload: null } },
  unshelve: { sends: action('unshelve'), body: { unshelve: null } },
  rescue: { sends: action('rescue') },
  unrescue: { sends: action('unrescue'), body: { unrescue: null } },
  migrate: { sends: action('migrate'), body: { migrate: null } },
  'live-migration': { sends: action('os-migrateLive'), body: { 'os-migrateLive': { host: null, block_migration: 'auto' } } },
  // Nova evacuates only from a host whose compute service is down.
  evacuate: { sends: action('evacuate'), body: { evacuate: {} }, setup: (fx) => fx.setHostDown('compute1') },
};

function action(key: string): (r: RecordedRequest) => boolean {
  return (r) => r.method === 'POST' && /\/servers\/[^/]+\/action$/.test(r.path) && !!r.json && typeof r.json === 'object' && key in r.json;
}

/** Fixture state in which a row applies: its first status, no task, locked as it asks. */
function stateFor(name: string): Partial<ServerState> {
  const op = SERVER_OPERATIONS.find((o) => o.name === name)!;
  const status = op.appliesTo.status?.[0] ?? 'ACTIVE';
  return {
    status,
    taskState: null,
    locked: op.appliesTo.locked === true,
    vmState:
      (
        {
          SHUTOFF: 'stopped',
          VERIFY_RESIZE: 'resized',
          RESCUE: 'rescued',
          SHELVED: 'shelved',
          SHELVED_OFFLOADED: 'shelved_offloaded',
        } as Record<string, string>
      )[status] ?? status.toLowerCase(),
    oldFlavorId: status === 'VERIFY_RESIZE' ? '1' : undefined,
  };
}

/** The manager's view of a fixture server, for the menu's state rules. */
function asServer(s: Partial<ServerState> & { name: string; id: string }): Server {
  return { id: s.id, name: s.name, status: s.status ?? 'ACTIVE', taskState: s.taskState ?? null, locked: s.locked } as unknown as Server;
}

test('every row of the table has an expectation in this walk', () => {
  assert.deepEqual(
    SERVER_OPERATIONS.map((o) => o.name).filter((n) => !EXPECTED[n]),
    [],
  );
  for (const op of SERVER_OPERATIONS)
    assert.ok(
      COMMANDS.some((c) => c.operation === op),
      `${op.name} is a command of the table`,
    );
});

for (const op of SERVER_OPERATIONS) {
  const expected = EXPECTED[op.name]!;
  test(`${op.name}: the CLI sends its one request; --read-only sends nothing`, async (t) => {
    // As an admin: some rows are admin-only under Nova's default policy.
    const { fx, run } = await cloud(t, { roles: ['admin', 'member', 'reader'] });
    const s = fx.addServer({ name: `walk-${op.name}`, ...stateFor(op.name) });
    expected.setup?.(fx);
    const refused = await run('--read-only', op.name, s.name, ...(expected.args ?? []));
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, `ERROR: novash ${op.name} changes the cloud and --read-only is set; nothing was sent.\n`);
    assert.equal(fx.requests.length, 0, 'nothing sent under --read-only, not even a login');

    const r = await run(op.name, s.name, ...(expected.args ?? []));
    assert.equal(r.code, 0, r.stderr);
    const sent = fx.requests.filter(expected.sends);
    assert.equal(sent.length, 1, `${op.name} sends exactly one request`);
    assert.ok(sent[0]!.path.includes(s.id), 'to the named server');
    if (expected.body) assert.deepEqual(sent[0]!.json, expected.body);
    assert.doesNotMatch(r.stdout + r.stderr, /undefined|\[object/);
  });
}

test("the ':' prompt parses every row with the CLI's table and refuses it under --read-only", () => {
  for (const op of SERVER_OPERATIONS) {
    const args = EXPECTED[op.name]!.args ?? [];
    const line = `:${op.name} vm1 ${args.join(' ')}`.trim();
    const got = interpretPromptLine(line, { readOnly: false });
    if (op.form && args.length) {
      assert.equal(got?.kind, 'run', `${line}: with its arguments it runs like the CLI`);
      assert.equal(interpretPromptLine(`:${op.name} vm1`, { readOnly: false })?.kind, 'form', `:${op.name} vm1 opens its form`);
    } else {
      assert.equal(got?.kind, 'run', line);
    }
    if (got?.kind === 'run') assert.equal(got.command.operation, op);
    assert.throws(() => interpretPromptLine(line, { readOnly: true }), {
      message: `novash ${op.name} changes the cloud and --read-only is set; nothing was sent.`,
    });
  }
});

test('the action menu offers each row only in the states where it applies, with its question naming the server', () => {
  const statuses = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'VERIFY_RESIZE', 'ERROR', 'BUILD'];
  for (const status of statuses) {
    for (const locked of [false, true]) {
      const server = asServer({ id: 'a1b2', name: 'vm1', status, locked });
      const offered = actionsFor(server);
      for (const entry of offered) {
        assert.ok(applies(entry.appliesTo, server), `${entry.label} offered on a ${status} server`);
        if (entry.confirm) assert.match(entry.confirm(server), /vm1 \(a1b2\)/);
      }
      if (status !== 'ACTIVE') assert.ok(!offered.some((a) => a.label === 'Reboot (soft)'), `no soft reboot on a ${status} server`);
      assert.equal(
        offered.some((a) => a.label === 'Start'),
        status === 'SHUTOFF',
        `start offered only on SHUTOFF (${status})`,
      );
      assert.equal(
        offered.some((a) => a.label === 'Lock'),
        !locked,
      );
      assert.equal(
        offered.some((a) => a.label === 'Unlock'),
        locked,
      );
      assert.equal(
        offered.some((a) => a.label === 'Confirm resize'),
        status === 'VERIFY_RESIZE',
      );
    }
  }
  const active = actionsFor(asServer({ id: 'a1b2', name: 'vm1', status: 'ACTIVE', locked: false }));
  assert.deepEqual(
    active.filter((a) => a.destructive).map((a) => a.label),
    ['Reboot (hard)', 'Evacuate (host down)', 'Detach interface…', 'Delete'],
  );
  assert.equal(active.at(-1)?.label, 'Delete', 'Delete closes the menu, never in the middle');
  assert.deepEqual(
    actionsFor(asServer({ id: 'a1b2', name: 'vm1', status: 'ACTIVE' }), { readOnly: true }),
    [],
    'nothing under --read-only',
  );
  const all = ['ACTIVE', 'SHUTOFF', 'SHELVED', 'RESCUE', 'VERIFY_RESIZE'].flatMap((status) =>
    actionsFor(asServer({ id: 'a1b2', name: 'vm1', status })),
  );
  for (const status of ['ACTIVE', 'SHUTOFF', 'SHELVED', 'RESCUE', 'VERIFY_RESIZE']) {
    const hotkeys = actionsFor(asServer({ id: 'a1b2', name: 'vm1', status })).map((a) => a.hotkey);
    assert.ok(hotkeys.every(Boolean), `every entry has a key (${status})`);
    assert.equal(new Set(hotkeys).size, hotkeys.length, `one key per entry (${status})`);
  }
  assert.deepEqual([...new Set(all.map((a) => a.label))].filter((l) => /Live-migrate|Evacuate/.test(l)).sort(), [
    'Evacuate (host down)',
    'Live-migrate',
  ]);
  assert.ok(
    !actionsFor(asServer({ id: 'a1b2', name: 'vm1', status: 'SHUTOFF' })).some((a) => a.label === 'Live-migrate'),
    'no live migration of a stopped server (Nova: ACTIVE or PAUSED)',
  );
  assert.ok(
    !actionsFor(asServer({ id: 'a1b2', name: 'vm1', status: 'SHELVED' })).some((a) => a.label.startsWith('Evacuate')),
    'no evacuation of a shelved server (Nova: ACTIVE, SHUTOFF or ERROR)',
  );
  assert.deepEqual([...new Set(all.map((a) => a.label))].filter((l) => /Shelve|Unshelve|Rescue|Unrescue/.test(l)).sort(), [
    'Rescue',
    'Shelve',
    'Shelve offload',
    'Unrescue',
    'Unshelve',
  ]);
});

test('a backup whose answer is lost is not sent again: the user is told it may have started an image', async (t) => {
  const { fx, run } = await cloud(t);
  const s = fx.addServer({ name: 'lost-backup' });
  fx.fail({ method: 'POST', path: `/v2.1/servers/${s.id}/action`, reset: true, afterHandling: true });
  const r = await run('backup', 'lost-backup', 'nightly', 'daily', '1');
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /^ERROR: The connection to http:\/\/127\.0\.0\.1:\d+ closed before compute answered POST \/v2\.1\/servers\/[0-9a-f-]+\/action\. The backup request was sent and may have started an image: check with 'novash image-list --server lost-backup' before trying again\.\n$/,
  );
  assert.equal(fx.actions('createBackup').length, 1);
});
