import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { novashCommand, rebuildCommandLine, refFor, resizeCommandLine } from '../../src/forms/commandLine.js';
import { shellJoin, shellQuote } from '../../src/forms/shellQuote.js';
import { splitCommandLine } from '../../src/commands/parse.js';

/** What a real POSIX shell makes of a line: one argument per line, NUL-separated. */
function shellWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`]).toString();
  return out.split('\0').slice(0, -1);
}

describe('forms: shell quoting', () => {
  it('leaves safe words bare', () => {
    assert.equal(shellQuote('m1.tiny'), 'm1.tiny');
    assert.equal(shellQuote('net-id=3f2a-11'), 'net-id=3f2a-11');
    assert.equal(shellQuote('/tmp/user-data.yaml'), '/tmp/user-data.yaml');
  });
  it('single-quotes anything else, and the empty word', () => {
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('my vm'), "'my vm'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote('$HOME'), "'$HOME'");
    assert.equal(shellQuote('a*b'), "'a*b'");
  });
  it('round-trips through a real shell', () => {
    const words = ['novash', 'boot', 'it\'s a "vm"', '$(rm -rf /)', '`x`', 'a\\b', 'tab\there', 'ünï', '!bang', '~home', 'x;y|z&', ''];
    assert.deepEqual(shellWords(shellJoin(words)), words);
  });
  it('round-trips through the app prompt splitter too', () => {
    const words = ['boot', "it's", 'two words', 'plain'];
    assert.deepEqual(splitCommandLine(shellJoin(words)), words);
  });
});

describe('forms: one-shot command lines', () => {
  it('puts --os-cloud first and the positionals last', () => {
    assert.equal(
      novashCommand('devcloud', 'resize', [['--wait']], ['vm1', 'm1.small']),
      'novash --os-cloud devcloud resize --wait vm1 m1.small',
    );
    assert.equal(resizeCommandLine('vm1', 'm1.small'), 'novash resize --wait vm1 m1.small');
    assert.equal(rebuildCommandLine('vm 1', 'tiny-image', 'c'), "novash --os-cloud c rebuild --wait 'vm 1' tiny-image");
  });
  it('guards positionals and option values that start with a dash', () => {
    assert.equal(novashCommand(undefined, 'boot', [['--image', '-odd']], ['-vm']), 'novash boot --image=-odd -- -vm');
  });
  it('refers by name when the name is unique, else by id', () => {
    const list = [
      { id: 'a', name: 'x' },
      { id: 'b', name: 'y' },
      { id: 'c', name: 'y' },
      { id: 'd', name: '' },
    ];
    assert.equal(refFor(list, 'a'), 'x');
    assert.equal(refFor(list, 'b'), 'b');
    assert.equal(refFor(list, 'd'), 'd');
    assert.equal(refFor(list, 'zz'), 'zz');
  });
});
