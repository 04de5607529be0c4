/**
 * The shell side of completion: the line split as bash splits it, candidates escaped so each comes
 * back as one word that means itself, and the three scripts valid for their shells.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bashScript, fishScript, zshScript } from '../../src/commands/complete.js';
import { bashEscape, bashReplies, splitLine } from '../../src/commands/shellWords.js';

const WORDBREAKS = `"'><=;|&(:`;

/** What bash itself makes of a word (the reply put back on a command line). */
function bashReads(word: string): string[] {
  const r = spawnSync('bash', ['--norc', '-c', `printf '%s\\n' ${word}`], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(0, -1);
}

describe('splitLine', () => {
  test('words as bash splits them; the last one is the word at the cursor', () => {
    const s = splitLine(`novash --os-cloud "my cloud" show web\\ se`);
    assert.deepEqual(s.words, ['novash', '--os-cloud', 'my cloud', 'show']);
    assert.equal(s.current.value, 'web se');
    assert.equal(s.current.raw, 'web\\ se');
  });

  test('a line ending in a space: an empty word at the cursor', () => {
    const s = splitLine('novash show ');
    assert.deepEqual(s.words, ['novash', 'show']);
    assert.equal(s.current.value, '');
  });

  test('an open quote is fine', () => {
    const s = splitLine(`novash show 'my v`);
    assert.equal(s.current.value, 'my v');
    assert.equal(s.current.openQuote, "'");
  });
});

describe('bashEscape', () => {
  const NAMES = [
    'my vm',
    'a$(touch /tmp/pwned)`id`',
    "it's",
    'x"y',
    'semi;colon&amp|pipe',
    'glob*?[a]',
    '~home #hash',
    'back\\slash',
    'tab\there',
  ];

  test('bare: each name comes back from bash as one word, exactly itself', () => {
    for (const n of NAMES) assert.deepEqual(bashReads(bashEscape(n, null)), [n], n);
  });

  test('inside an open quote: closing the quote gives the name back', () => {
    for (const n of NAMES) {
      assert.deepEqual(bashReads(`'${bashEscape(n, "'")}'`), [n], n);
      assert.deepEqual(bashReads(`"${bashEscape(n, '"')}"`), [n], n);
    }
  });
});

describe('bashReplies: what replaces the text readline completes', () => {
  test('a bare word: the whole candidate, escaped', () => {
    const { current } = splitLine('novash show my');
    assert.deepEqual(bashReplies(current, ['my vm $(x)', 'my-vm'], WORDBREAKS), ['my\\ vm\\ \\$\\(x\\)', 'my-vm']);
  });

  test("after '=' (a word break): only the value", () => {
    const { current } = splitLine('novash boot --flavor=m1.');
    assert.deepEqual(bashReplies(current, ['--flavor=m1.tiny', '--flavor=m1 big'], WORDBREAKS), ['m1.tiny', 'm1\\ big']);
  });

  test("after ':' in a name: the part after it", () => {
    const { current } = splitLine('novash show web:1');
    assert.deepEqual(bashReplies(current, ['web:10', 'web:1 b'], WORDBREAKS), ['10', '1\\ b']);
  });

  test('inside an open quote: the rest within the quote; an escaped space is not a break', () => {
    assert.deepEqual(bashReplies(splitLine("novash show 'my v").current, ["my vm's"], WORDBREAKS), ["my vm'\\''s"]);
    assert.deepEqual(bashReplies(splitLine('novash show "a:b').current, ['a:b $x'], WORDBREAKS), ['a:b \\$x']);
    assert.deepEqual(bashReplies(splitLine('novash show my\\ v').current, ['my vm'], WORDBREAKS), ['my\\ vm']);
  });
});

function shellAvailable(name: string): boolean {
  return spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('the completion scripts parse in their shells', () => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-complete-'));
  const check = (shell: string, script: string, args: string[]) => {
    const file = join(dir, `novash.${shell}`);
    writeFileSync(file, script);
    const r = spawnSync(shell, [...args, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
  };

  test('bash -n', () => check('bash', bashScript(), ['-n']));
  test(
    'zsh -n, a #compdef function that runs no compinit of its own',
    { skip: shellAvailable('zsh') ? false : 'zsh is not installed' },
    () => {
      const script = zshScript();
      assert.match(script, /^#compdef novash\n/);
      assert.doesNotMatch(script, /^\s*(autoload\b.*compinit|compinit|bashcompinit)/m);
      check('zsh', script, ['-n']);
    },
  );
  test('fish -n', { skip: shellAvailable('fish') ? false : 'fish is not installed' }, () => check('fish', fishScript(), ['-n']));
});
