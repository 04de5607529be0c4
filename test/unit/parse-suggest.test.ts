/**
 * "Did you mean": against the real command table, so the openstack CLI's spellings map onto the
 * commands novash really has; and required options, checked before anything runs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandLine, registerCommands, usageLine } from '../../src/commands/parse.js';
import { editDistance, nearest, suggestCommands, suggestOptions } from '../../src/commands/suggest.js';
import { COMMANDS, findCommand } from '../../src/commands/table.js';
import { UsageError } from '../../src/session/errors.js';
import { FAKE_COMMANDS } from './fakeCommands.js';

function message(argv: string[]): string {
  try {
    parseCommandLine(argv, findCommand);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
  assert.fail(`${argv.join(' ')} parsed`);
}

describe('unknown commands', () => {
  registerCommands(COMMANDS);

  test("the openstack CLI's spelling gets novash's command, with the rest of the line", () => {
    assert.equal(
      message(['server', 'list', '--long']),
      "novash: 'server' is not a command. Did you mean 'novash list --long'? (novash uses novaclient's command names.) See 'novash help' for the list.",
    );
    assert.match(message(['flavor', 'show', 'm1.tiny']), /Did you mean 'novash flavor-show m1\.tiny'\?/);
    assert.match(message(['server', 'create', '--flavor', 'm1.tiny', 'vm']), /Did you mean 'novash boot --flavor m1\.tiny vm'\?/);
    assert.match(message(['image', 'list']), /Did you mean 'novash image-list'\?/);
    assert.match(message(['server', 'show', 'vm1']), /Did you mean 'novash show vm1'\?/);
    assert.match(message(['server', 'image', 'create', 'vm1', 'snap']), /Did you mean 'novash image-create vm1 snap'\?/);
    assert.match(message(['keypair', 'list']), /Did you mean 'novash keypair-list'\?/);
    assert.match(message(['availability', 'zone', 'list']), /Did you mean 'novash availability-zone-list'\?/);
    assert.match(message(['console', 'log', 'show', 'vm1']), /Did you mean 'novash console-log vm1'\?/);
  });

  test('a typo gets the nearest commands', () => {
    assert.equal(message(['lsit']), "novash: 'lsit' is not a command. Did you mean 'novash list'? See 'novash help' for the list.");
    assert.match(message(['flavor-lst']), /Did you mean 'novash flavor-list'\?/);
    assert.match(message(['imagelist']), /Did you mean 'novash image-list'( or|\?)/);
    assert.match(message(['keypair']), /Did you mean 'novash keypair-add' or 'novash keypair-list'/);
  });

  test('nothing near: no guess', () => {
    assert.equal(message(['frobnicate']), "novash: 'frobnicate' is not a command. See 'novash help' for the list.");
  });
});

describe('unknown options', () => {
  test("the nearest options, the openstack CLI's names included", () => {
    assert.equal(
      message(['list', '--project', 'p1']),
      "novash list: unknown option '--project'. Did you mean '--tenant'? See 'novash help list' for the options.",
    );
    assert.match(message(['list', '--stauts', 'ACTIVE']), /Did you mean '--status'\?/);
    assert.match(message(['list', '--sort-colum', 'Name']), /Did you mean '--sort-column'\?/);
    assert.match(message(['boot', '--property', 'a=b', 'vm']), /Did you mean '--meta'\?/);
    assert.match(message(['keypair-add', '--public-key', 'k.pub', 'k']), /Did you mean '--pub-key'\?/);
    assert.match(message(['list', '--imgae=x']), /unknown option '--imgae'\. Did you mean '--image'\?/);
  });

  test('a boolean given a value', () => {
    assert.equal(message(['list', '--long=yes']), "novash list: option '--long' takes no value.");
  });
});

describe('required options', () => {
  const withRequired = FAKE_COMMANDS.map((c) =>
    c.name === 'boot' ? { ...c, options: { ...c.options, image: { ...c.options.image!, required: true } } } : c,
  );
  const lookup = (n: string) => withRequired.find((c) => c.name === n);

  test('shown without brackets, first, in the usage line', () => {
    assert.match(usageLine(lookup('boot')!), /^novash boot --image IMAGE \[--flavor FLAVOR\]/);
  });

  test('missing: named, with the usage, before anything runs; --help still works', () => {
    assert.throws(
      () => parseCommandLine(['boot', 'vm1'], lookup),
      /^UsageError: novash boot: --image IMAGE is required\. Usage: novash boot --image IMAGE/,
    );
    assert.equal(parseCommandLine(['boot', '--image', 'cirros', 'vm1'], lookup).input.options.image, 'cirros');
    assert.equal(parseCommandLine(['boot', '--help'], lookup).globals.help, true);
  });
});

describe('edit distance and nearest', () => {
  test('transpositions count one', () => {
    assert.equal(editDistance('lsit', 'list'), 1);
    assert.equal(editDistance('flavor-lst', 'flavor-list'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  test('short words need a close match; prefixes count', () => {
    assert.deepEqual(nearest('lst', ['list', 'show']), ['list']);
    assert.deepEqual(nearest('xyz', ['list', 'show']), []);
    assert.deepEqual(nearest('flav', ['flavor-list', 'flavor-show', 'list']), ['flavor-list', 'flavor-show']);
  });

  test('suggestCommands and suggestOptions name only what exists', () => {
    assert.deepEqual(
      suggestCommands(['server', 'list'], FAKE_COMMANDS).map((s) => s.line),
      ['list'],
    );
    assert.deepEqual(suggestCommands(['server', 'frobnicate'], FAKE_COMMANDS), []);
    assert.deepEqual(suggestOptions('--all-projects', ['long', 'limit']), []);
  });
});
