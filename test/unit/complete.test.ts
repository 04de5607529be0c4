import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FILES_MARKER, bashScript, completeWords, type CandidateSource } from '../../src/commands/complete.js';
import type { CompleterKind } from '../../src/commands/types.js';
import { FAKE_COMMANDS } from './fakeCommands.js';

/** A fake completion cache: names per kind, filtered by prefix; records what was asked. */
function fakeSource(): CandidateSource & { asked: Array<[CompleterKind, string]> } {
  const data: Record<string, string[]> = {
    server: ['web-1', 'web-2', 'db', '11111111-2222-4333-8444-555555555555'],
    network: ['private', 'public', '3cb9bc59-5699-4588-a4b1-b87f96708bc6'],
    'server-group': ['affinity', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'],
    flavor: ['m1.tiny', 'm1.small'],
    image: ['cirros', 'ubuntu'],
    command: FAKE_COMMANDS.filter((c) => !c.hidden).map((c) => c.name),
  };
  const asked: Array<[CompleterKind, string]> = [];
  const fn = ((kind: CompleterKind, prefix: string) => {
    asked.push([kind, prefix]);
    return (data[String(kind)] ?? []).filter((v) => v.startsWith(prefix));
  }) as CandidateSource & { asked: Array<[CompleterKind, string]> };
  fn.asked = asked;
  return fn;
}

function complete(line: string[], source = fakeSource()): string[] {
  return completeWords(line, line.length - 1, FAKE_COMMANDS, source);
}

describe('completeWords', () => {
  test('command names, sorted, hidden ones left out', () => {
    assert.deepEqual(complete(['']), ['backup', 'boot', 'delete', 'help', 'list', 'resize', 'show']);
    assert.deepEqual(complete(['b']), ['backup', 'boot']);
    assert.deepEqual(complete(['secret']), []);
  });

  test('after --, a word starting with - is a positional: a server named --web completes, options do not', () => {
    const data = ['--web', '-db', 'web-1'];
    const withDashes = fakeSource();
    const source = (kind: CompleterKind, prefix: string) =>
      kind === 'server' ? data.filter((v) => v.startsWith(prefix)) : withDashes(kind, prefix);
    const run = (line: string[]) => completeWords(line, line.length - 1, FAKE_COMMANDS, source);
    assert.deepEqual(run(['show', '--', '--w']), ['--web']);
    assert.deepEqual(run(['show', '--', '-']), ['--web', '-db']);
    // Before --, it is still an option; `--` itself is not a positional.
    assert.deepEqual(run(['show', '--w']), []);
    assert.deepEqual(complete(['resize', '--', '-db', 'm1.t']), ['m1.tiny']);
  });

  test('command names after global options and their values', () => {
    assert.deepEqual(complete(['--os-cloud', 'prod', 'sh']), ['show']);
    assert.deepEqual(complete(['-f', 'json', '--debug', 'de']), ['delete']);
  });

  test("options: the command's own and the global ones", () => {
    assert.deepEqual(complete(['boot', '--im']), ['--image']);
    assert.deepEqual(complete(['boot', '--os-c']), ['--os-cacert', '--os-cloud', '--os-compute-api-version']);
    assert.deepEqual(complete(['list', '--im']), []);
    assert.deepEqual(complete(['--deb']), ['--debug']);
  });

  test('option values: fixed choices', () => {
    assert.deepEqual(complete(['boot', '--nic', '']), ['auto', 'none', 'net-id=', 'net-name=', 'port-id=', 'v4-fixed-ip=', 'v6-fixed-ip=']);
    assert.deepEqual(complete(['boot', '--nic', 'n']), ['none', 'net-id=', 'net-name=']);
    assert.deepEqual(complete(['list', '-f', '']), ['table', 'json', 'value', 'yaml', 'csv', 'shell']);
    assert.deepEqual(complete(['--format', 'j']), ['json']);
  });

  test('key=value values: networks for --nic (ids where an id is wanted), server groups and servers by name or id for --hint', () => {
    assert.deepEqual(complete(['boot', '--nic', 'net-id=']), ['net-id=3cb9bc59-5699-4588-a4b1-b87f96708bc6']);
    assert.deepEqual(complete(['boot', '--nic', 'net-name=p']), ['net-name=private', 'net-name=public']);
    assert.deepEqual(complete(['boot', '--nic', 'port-id=']), []);
    assert.deepEqual(complete(['boot', '--hint', '']), ['group=', 'same_host=', 'different_host=']);
    // boot resolves --hint names to ids before sending: both complete.
    assert.deepEqual(complete(['boot', '--hint', 'group=']), ['group=affinity', 'group=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
    assert.deepEqual(complete(['boot', '--hint', 'same_host=1']), ['same_host=11111111-2222-4333-8444-555555555555']);
    assert.deepEqual(complete(['boot', '--hint', 'different_host=web']), ['different_host=web-1', 'different_host=web-2']);
    assert.deepEqual(complete(['boot', '--nic=net-name=pri']), ['--nic=net-name=private']);
  });

  test('option values: resource names from the source', () => {
    const src = fakeSource();
    assert.deepEqual(complete(['boot', '--image', 'c'], src), ['cirros']);
    assert.deepEqual(complete(['boot', '--flavor', 'm1.t'], src), ['m1.tiny']);
    assert.deepEqual(src.asked, [
      ['image', 'c'],
      ['flavor', 'm1.t'],
    ]);
  });

  test('option values with no completer offer nothing (not positionals, not options)', () => {
    const src = fakeSource();
    assert.deepEqual(complete(['list', '--name', ''], src), []);
    assert.deepEqual(complete(['--os-cloud', ''], src), []);
    assert.deepEqual(src.asked, []);
  });

  test('file values: the marker the shell script turns into file completion', () => {
    assert.deepEqual(complete(['boot', '--user-data', '']), [FILES_MARKER]);
    assert.deepEqual(complete(['list', '--os-cacert', '/et']), [FILES_MARKER]);
    assert.ok(bashScript().includes(FILES_MARKER));
  });

  test('positional server names from the source', () => {
    const src = fakeSource();
    assert.deepEqual(complete(['show', 'web'], src), ['web-1', 'web-2']);
    assert.deepEqual(src.asked, [['server', 'web']]);
  });

  test('positionals are counted past options and their values', () => {
    // Candidates come back in the source's order (the completion cache sorts them).
    assert.deepEqual(complete(['resize', 'web-1', '']), ['m1.tiny', 'm1.small']);
    assert.deepEqual(complete(['--os-cloud', 'prod', 'resize', '--debug', 'web-1', 'm1']), ['m1.tiny', 'm1.small']);
    assert.deepEqual(complete(['backup', 'web-1', 'nightly', '']), ['daily', 'weekly']);
    assert.deepEqual(complete(['backup', '-f', 'json', 'web-1', 'nightly', 'w']), ['weekly']);
  });

  test('a variadic positional keeps completing', () => {
    assert.deepEqual(complete(['delete', 'web-1', 'web-2', 'd']), ['db']);
  });

  test('nothing for arguments without a completer, past the last positional, or after an unknown command', () => {
    assert.deepEqual(complete(['boot', '--image', 'cirros', '']), []);
    assert.deepEqual(complete(['show', 'web-1', '']), []);
    assert.deepEqual(complete(['frobnicate', '']), []);
  });

  test('help completes command names', () => {
    assert.deepEqual(complete(['help', 'bo']), ['boot']);
  });

  test('an alias is understood as its command', () => {
    assert.deepEqual(complete(['ls', '--lo']), ['--long']);
  });

  test('after --option=: the values, written back with the option', () => {
    const src = fakeSource();
    assert.deepEqual(complete(['boot', '--flavor=m1.'], src), ['--flavor=m1.tiny', '--flavor=m1.small']);
    assert.deepEqual(complete(['boot', '--nic=a']), ['--nic=auto']);
    assert.deepEqual(complete(['--format=y']), ['--format=yaml']);
    assert.deepEqual(complete(['boot', '--user-data=./c']), [FILES_MARKER]);
    // A boolean takes no value; an unknown option has none to offer.
    assert.deepEqual(complete(['boot', '--wait=']), []);
    assert.deepEqual(complete(['boot', '--bogus=x']), []);
    // A completed --opt=value does not take the next word as its value.
    assert.deepEqual(complete(['resize', '--os-cloud=prod', 'web-1', 'm1.s'], src), ['m1.small']);
  });

  test('the cursor may sit in the middle of the line', () => {
    const src = fakeSource();
    assert.deepEqual(completeWords(['show', 'we', '--debug'], 1, FAKE_COMMANDS, src), ['web-1', 'web-2']);
  });
});
