import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  GLOBAL_OPTIONS,
  findCommandIndex,
  parseCommandLine,
  parseInteger,
  parseKeyValues,
  splitCommandLine,
  usageLine,
} from '../../src/commands/parse.js';
import { findCommand } from '../../src/commands/table.js';
import { UsageError } from '../../src/session/errors.js';
import { DEFAULT_RETRIED_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from '../../src/session/http.js';
import { lookup } from './fakeCommands.js';

function usageError(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UsageError, `expected UsageError, got ${String(err)}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

describe('parseCommandLine', () => {
  test('global options before the command, command options and positionals after', () => {
    const p = parseCommandLine(['--os-cloud', 'devstack', '-f', 'json', 'boot', '--image', 'cirros', '--nic', 'none', 'vm1'], lookup);
    assert.equal(p.command?.name, 'boot');
    assert.equal(p.globals['os-cloud'], 'devstack');
    assert.equal(p.globals.format, 'json');
    assert.deepEqual(p.input.options, { image: 'cirros', nic: ['none'] });
    assert.deepEqual(p.input.args, { name: 'vm1' });
  });

  test('global options after the command, mixed with its own', () => {
    const p = parseCommandLine(['list', '--long', '--os-cloud=prod', '--name', 'web', '--debug', '-c', 'ID', '-c', 'Name'], lookup);
    assert.equal(p.command?.name, 'list');
    assert.deepEqual(p.input.options, { long: true, name: 'web' });
    assert.equal(p.globals['os-cloud'], 'prod');
    assert.equal(p.globals.debug, true);
    assert.deepEqual(p.globals.column, ['ID', 'Name']);
  });

  test('a short option with its value attached (-fjson) before the command', () => {
    const p = parseCommandLine(['-fjson', 'show', 'vm1'], lookup);
    assert.equal(p.command?.name, 'show');
    assert.equal(p.globals.format, 'json');
    assert.deepEqual(p.input.args, { server: 'vm1' });
  });

  test('an alias finds its command', () => {
    assert.equal(parseCommandLine(['ls'], lookup).command?.name, 'list');
  });

  test('no command: just the global options (the app starts)', () => {
    const p = parseCommandLine(['--os-cloud', 'prod', '--read-only'], lookup);
    assert.equal(p.command, undefined);
    assert.equal(p.globals['os-cloud'], 'prod');
    assert.equal(p.globals['read-only'], true);
  });

  test('a variadic positional takes every remaining word', () => {
    const p = parseCommandLine(['delete', 'a', 'b', '--os-cloud', 'x', 'c'], lookup);
    assert.deepEqual(p.input.args, { server: ['a', 'b', 'c'] });
    assert.equal(p.globals['os-cloud'], 'x');
  });

  test('a value that looks like the command name is not taken for it', () => {
    const p = parseCommandLine(['--os-cloud', 'list', 'show', 'vm'], lookup);
    assert.equal(p.command?.name, 'show');
    assert.equal(p.globals['os-cloud'], 'list');
  });

  test('an unknown command', () => {
    usageError(() => parseCommandLine(['frobnicate'], lookup), "novash: 'frobnicate' is not a command. See 'novash help' for the list.");
  });

  test('an unknown option names itself and where to look', () => {
    usageError(
      () => parseCommandLine(['boot', '--bogus', 'vm1'], lookup),
      "novash boot: unknown option '--bogus'. See 'novash help boot' for the options.",
    );
    usageError(() => parseCommandLine(['--bogus'], lookup), "novash: unknown option '--bogus'. See 'novash help' for the options.");
  });

  test("another command's option is unknown here", () => {
    usageError(() => parseCommandLine(['show', '--image', 'x', 'vm'], lookup), /novash show: unknown option '--image'/);
  });

  test('an option missing its value', () => {
    usageError(() => parseCommandLine(['list', '--os-cloud'], lookup), "novash list: option '--os-cloud' needs a value.");
  });

  test('a missing positional shows the usage', () => {
    usageError(
      () => parseCommandLine(['boot', '--image', 'cirros'], lookup),
      /^novash boot: missing <name>\. Usage: novash boot \[--image IMAGE\] \[--flavor FLAVOR\] .*<name>$/,
    );
    usageError(() => parseCommandLine(['delete'], lookup), /^novash delete: missing <server>\. Usage: novash delete <server> \[\.\.\.\]$/);
    usageError(() => parseCommandLine(['resize', 'vm1'], lookup), /^novash resize: missing <flavor>\./);
  });

  test('one argument too many', () => {
    usageError(() => parseCommandLine(['show', 'a', 'b'], lookup), "novash show: unexpected argument 'b'. Usage: novash show <server>");
  });

  test('--help skips the argument checks', () => {
    const p = parseCommandLine(['boot', '--help'], lookup);
    assert.equal(p.command?.name, 'boot');
    assert.equal(p.globals.help, true);
  });
});

describe('findCommandIndex', () => {
  test('skips global options and their values, not boolean flags', () => {
    assert.equal(findCommandIndex(['--os-cloud', 'x', 'list']), 2);
    assert.equal(findCommandIndex(['--debug', 'list']), 1);
    assert.equal(findCommandIndex(['--os-cloud=x', 'list']), 1);
    assert.equal(findCommandIndex(['-f', 'json', '-c', 'ID', 'list']), 4);
    assert.equal(findCommandIndex(['--os-cloud', 'x']), -1);
  });
});

describe('usageLine', () => {
  test('options, then positionals; optional ones in brackets', () => {
    assert.equal(usageLine(lookup('help')!), 'novash help [<command>]');
    assert.equal(usageLine(lookup('list')!), 'novash list [--name REGEX] [--long] [--limit N]');
  });
});

describe('splitCommandLine', () => {
  test('words, quotes and backslashes as a shell splits them', () => {
    assert.deepEqual(splitCommandLine('boot  --image "my image"   \'vm one\''), ['boot', '--image', 'my image', 'vm one']);
    assert.deepEqual(splitCommandLine('show my\\ server'), ['show', 'my server']);
    assert.deepEqual(splitCommandLine('show "say \\"hi\\""'), ['show', 'say "hi"']);
    assert.deepEqual(splitCommandLine("show 'a\\b'"), ['show', 'a\\b']);
    assert.deepEqual(splitCommandLine('meta a="x y"'), ['meta', 'a=x y']);
  });

  test('empty quotes are an empty word; blank lines are no words', () => {
    assert.deepEqual(splitCommandLine('list --name ""'), ['list', '--name', '']);
    assert.deepEqual(splitCommandLine('   '), []);
  });

  test('an unclosed quote is an error', () => {
    usageError(() => splitCommandLine('show "vm'), 'Unclosed " quote.');
    usageError(() => splitCommandLine("show 'vm"), "Unclosed ' quote.");
  });
});

describe('parseKeyValues', () => {
  test('key=value pairs; the value may hold "="', () => {
    assert.deepEqual(parseKeyValues(['a=1', 'b=x=y', 'empty='], '--meta'), { a: '1', b: 'x=y', empty: '' });
    assert.deepEqual(parseKeyValues('k=v', '--property'), { k: 'v' });
    assert.deepEqual(parseKeyValues(undefined, '--meta'), {});
  });

  test('anything else is named in the message', () => {
    usageError(() => parseKeyValues(['novalue'], '--meta'), "--meta 'novalue' is not of the form key=value.");
    usageError(() => parseKeyValues(['=v'], '--property'), "--property '=v' is not of the form key=value.");
  });
});

describe('parseInteger', () => {
  test('whole numbers within bounds', () => {
    assert.equal(parseInteger('5', '--limit', 1), 5);
    assert.equal(parseInteger(' 0 ', '--rotation'), 0);
    assert.equal(parseInteger(undefined, '--limit'), undefined);
  });

  test('not a number', () => {
    usageError(() => parseInteger('abc', '--limit', 1), "--limit must be a whole number (got 'abc').");
    usageError(() => parseInteger('1.5', '--limit', 1), "--limit must be a whole number (got '1.5').");
  });

  test('out of bounds: the message says what is allowed', () => {
    usageError(() => parseInteger('0', '--limit', 1), '--limit must be at least 1 (got 0).');
    usageError(() => parseInteger('11', '--count', 1, 10), '--count must be between 1 and 10 (got 11).');
  });
});

describe('negative numbers and huge ones get the message about their value', () => {
  test('a negative positional is a value, not an unknown option: rotation -1 says what is allowed', () => {
    const p = parseCommandLine(['backup', 'vm1', 'nightly', 'daily', '-1', '--meta', 'k=v'], findCommand);
    assert.equal(p.input.args.rotation, '-1');
    assert.deepEqual(p.input.options.meta, ['k=v']);
    assert.equal(parseCommandLine(['list', '--limit', '-5'], findCommand).input.options.limit, '-5');
    assert.throws(() => parseInteger('-1', '<rotation>', 0), { message: '<rotation> must be at least 0 (got -1).' });
  });
  test('an option given a negative number keeps it, and an unknown -x is still unknown', () => {
    assert.throws(() => parseCommandLine(['list', '-x'], lookup), UsageError);
  });
  test('1e20 is not a whole number; 100000000000000000000 is too large, not "at least 1"', () => {
    assert.throws(() => parseInteger('1e20', '--min-count', 1), { message: "--min-count must be a whole number (got '1e20')." });
    assert.throws(() => parseInteger('100000000000000000000', '--min-count', 1), {
      message: '--min-count is too large (got 100000000000000000000; at most 9007199254740991).',
    });
  });
});

describe('global options: help', () => {
  test('--timeout names the deadlines the session really uses when it is not given', () => {
    const help = GLOBAL_OPTIONS.timeout!.help;
    assert.ok(help.includes(`default ${DEFAULT_RETRIED_TIMEOUT_MS / 1000} for a GET`), help);
    assert.ok(help.includes(`; ${DEFAULT_TIMEOUT_MS / 1000} otherwise`), help);
  });
});
