/**
 * The server's network operations (interface-attach/detach, add/remove-floating-ip,
 * add/remove-secgroup) are rows of the one table: the CLI command, the ':' prompt, help and the
 * action menu read the same row; --read-only refuses each before anything is sent; the menu offers
 * each only in the states Nova and Neutron take it in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretPromptLine } from '../../src/app/promptCommands.js';
import { floatingIpOperations } from '../../src/commands/floatingIpCommands.js';
import { networkPartOperations } from '../../src/commands/networkParts.js';
import { helpText } from '../../src/commands/shell.js';
import { COMMANDS } from '../../src/commands/table.js';
import type { Server } from '../../src/managers/types.js';
import { actionsFor } from '../../screens/servers/serverActions.js';
import { cloud } from '../support/cloud.js';

const ROWS = [...networkPartOperations, ...floatingIpOperations];
const PORT = 'ce531f90-199f-48c0-816c-13e38010b442';
/** The arguments after the server, as a user types them. */
const ARGS: Record<string, string[]> = {
  'interface-attach': ['--port-id', '0d2e4f6a-8b0c-4d2e-9f4a-6b8c0d2e4f6a'],
  'interface-detach': [PORT],
  'add-floating-ip': ['172.24.4.228'],
  'remove-floating-ip': ['172.24.4.228'],
  'add-secgroup': ['web'],
  'remove-secgroup': ['default'],
};

const server = (status: string, taskState: string | null = null) =>
  ({ id: 'a1b2', name: 'vm1', status, taskState, locked: false }) as unknown as Server;

test('each network operation is one row: its command, the prompt and help read it', () => {
  assert.deepEqual(ROWS.map((r) => r.name).sort(), Object.keys(ARGS).sort());
  const help = helpText(COMMANDS);
  for (const op of ROWS) {
    const command = COMMANDS.find((c) => c.name === op.name);
    assert.equal(command?.operation, op, `${op.name} is the table's command of the row`);
    const got = interpretPromptLine(`:${op.name} vm1 ${ARGS[op.name]!.join(' ')}`, { readOnly: false });
    assert.equal(got?.kind === 'run' && got.command.operation, op, `:${op.name} runs the row`);
    assert.throws(() => interpretPromptLine(`:${op.name} vm1 ${ARGS[op.name]!.join(' ')}`, { readOnly: true }), {
      message: `novash ${op.name} changes the cloud and --read-only is set; nothing was sent.`,
    });
    assert.match(help, new RegExp(`\\b${op.name}\\b`), `help lists ${op.name}`);
    assert.ok(op.choices, `${op.name} offers its arguments from the cloud in the app`);
  }
  // Arguments are checked before anything is sent, also at the prompt (before its confirmation).
  assert.throws(() => interpretPromptLine(':interface-detach vm1 eth0', { readOnly: false }), /<port-id> 'eth0' is not a port ID/);
  assert.throws(
    () => interpretPromptLine(':interface-attach vm1', { readOnly: false }),
    /--port-id PORT_ID or --net-id NETWORK is required/,
  );
});

test('the menu offers them only in the states where they apply', () => {
  const offered = (s: Server) =>
    actionsFor(s)
      .map((a) => a.operation.name)
      .filter((n) => n in ARGS)
      .sort();
  const all = Object.keys(ARGS).sort();
  const neutronOnly = ['add-floating-ip', 'add-secgroup', 'remove-floating-ip', 'remove-secgroup'];
  // Nova attaches and detaches interfaces on active, paused and stopped servers with no task running.
  for (const status of ['ACTIVE', 'PAUSED', 'SHUTOFF']) assert.deepEqual(offered(server(status)), all, status);
  for (const status of ['SUSPENDED', 'RESCUE', 'VERIFY_RESIZE', 'SHELVED_OFFLOADED', 'ERROR'])
    assert.deepEqual(offered(server(status)), neutronOnly, status);
  assert.deepEqual(offered(server('ACTIVE', 'rebooting')), neutronOnly, 'no interface change while a task runs');
  for (const status of ['BUILD', 'DELETED', 'SOFT_DELETED']) assert.deepEqual(offered(server(status)), [], status);
  assert.deepEqual(
    actionsFor(server('ACTIVE'), { readOnly: true }).filter((a) => a.operation.name in ARGS),
    [],
    'none under --read-only',
  );
  const keys = actionsFor(server('ACTIVE')).map((a) => a.hotkey);
  assert.equal(new Set(keys).size, keys.length, 'one key per entry');
});

test('--read-only refuses each before anything is sent, not even a login', async (t) => {
  const { fx, run } = await cloud(t);
  for (const op of ROWS) {
    const r = await run('--read-only', op.name, 'new-server-test', ...ARGS[op.name]!);
    assert.equal(r.code, 2, op.name);
    assert.equal(r.stderr, `ERROR: novash ${op.name} changes the cloud and --read-only is set; nothing was sent.\n`);
  }
  assert.equal(fx.requests.length, 0);
});
