import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clipText, oneLine, safeText } from '../../src/util/terminalText.js';

describe('clipText / oneLine', () => {
  test('text within the limit is kept; longer text says how much was left out', () => {
    assert.equal(clipText('abc', 5), 'abc');
    assert.equal(clipText('abcdefgh', 5), 'abcde… (3 more characters)');
  });
  test('a surrogate pair is never cut in half', () => {
    const out = clipText(`abcd${'😀'}xyz`, 5);
    assert.equal(out, 'abcd… (5 more characters)');
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(out));
  });
  test('line breaks and the blanks around them become one space', () => {
    assert.equal(oneLine('first line  \r\n   second\n\nthird '), 'first line second third');
  });
  test('clipped, flattened and made safe, nothing live remains', () => {
    assert.equal(safeText(oneLine(clipText('a\u001b[2J\nb', 100))), 'a^[[2J b');
  });
});
