import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { NO_KEY } from '../../screens/keys/keyPress.js';
import { editText, type TextState } from '../../screens/widgets/editText.js';

const k = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over });
const at = (value: string, cursor = value.length): TextState => ({ value, cursor });
const backspace = (s: TextState) => editText(s, '', k({ backspace: true }))!;
const del = (s: TextState) => editText(s, '', k({ delete: true }))!;
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

describe('text fields: Delete removes the character under the cursor, Backspace the one before it', () => {
  it('Delete in the middle keeps the cursor where it is; Backspace moves it back', () => {
    assert.deepEqual(del(at('web-01', 3)), { value: 'web01', cursor: 3 });
    assert.deepEqual(backspace(at('web-01', 3)), { value: 'we-01', cursor: 2 });
  });
  it('Delete at the start removes the first character; at the end it does nothing', () => {
    assert.deepEqual(del(at('abc', 0)), { value: 'bc', cursor: 0 });
    assert.deepEqual(del(at('abc')), { value: 'abc', cursor: 3 });
  });
  it('Delete removes an emoji or a letter with its accent whole', () => {
    assert.deepEqual(del(at('a😀b', 1)), { value: 'ab', cursor: 1 });
    assert.deepEqual(del(at('xe\u0301y', 1)), { value: 'xy', cursor: 1 });
  });
});
