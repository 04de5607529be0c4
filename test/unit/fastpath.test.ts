import assert from 'node:assert/strict';
import { test } from 'node:test';
import { helpText } from '../../src/commands/shell.js';
import { bashScript } from '../../src/commands/complete.js';
import { COMMANDS } from '../../src/commands/table.js';
import { runLocal } from '../../src/fastpath.js';
import { VERSION } from '../../src/version.js';

/** runLocal with stdout captured. */
async function local(argv: string[]): Promise<{ code: number | undefined; out: string }> {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await runLocal(argv), out };
  } finally {
    process.stdout.write = write;
  }
}

test('the fast path answers --version, help and completion scripts exactly as the full CLI words them', async () => {
  assert.deepEqual(await local(['--version']), { code: 0, out: `novash ${VERSION}\n` });
  assert.deepEqual(await local(['help']), { code: 0, out: helpText(COMMANDS) + '\n' });
  assert.deepEqual(await local(['help', 'list']), { code: 0, out: helpText(COMMANDS, 'list') + '\n' });
  assert.deepEqual(await local(['list', '--help']), { code: 0, out: helpText(COMMANDS, 'list') + '\n' });
  assert.deepEqual(await local(['completion', 'bash']), { code: 0, out: bashScript() + '\n' });
});

test('anything that needs a cloud, or is wrong, is left to the full CLI (which reports usage errors)', async () => {
  for (const argv of [
    ['list'],
    ['show', 'help'],
    ['help', 'no-such-command'],
    ['--bogus', '--version'],
    ['help', '-f', 'json'],
    ['completion', 'tcsh'],
  ]) {
    assert.deepEqual(await local(argv), { code: undefined, out: '' }, argv.join(' '));
  }
});
