import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { NO_KEY } from '../../screens/keys/keyPress.js';
import { editText, type TextState } from '../../screens/widgets/editText.js';

const k = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over });
const at = (value: string, cursor = value.length): TextState => ({ value, cursor });
const backspace = (s: TextState) => editText(s, '', k({ delete: true }))!;
const left = (s: TextState) => editText(s, '', k({ leftArrow: true }))!;
const right = (s: TextState) => editText(s, '', k({ rightArrow: true }))!;

describe('text fields: a character is what the terminal draws as one, not a UTF-16 unit', () => {
  it('Backspace removes an emoji whole (no lone surrogate left behind)', () => {
    assert.deepEqual(backspace(at('du😀')), { value: 'du', cursor: 2 });
  });
  it('Backspace removes a flag, an emoji with a skin tone, a letter with a combining accent whole', () => {
    assert.equal(backspace(at('x🇯🇵')).value, 'x');
    assert.equal(backspace(at('x👍🏽')).value, 'x');
    assert.equal(backspace(at('xe\u0301')).value, 'x');
    assert.equal(backspace(at('漢字')).value, '漢');
  });
  it('Left and Right step over an emoji in one press, and typing lands beside it', () => {
    let s = left(at('a😀b', 3));
    assert.equal(s.cursor, 1);
    s = right(s);
    assert.equal(s.cursor, 3);
    s = left(left(at('a😀b')));
    s = editText(s, 'X', k())!;
    assert.equal(s.value, 'aX😀b');
  });
});
