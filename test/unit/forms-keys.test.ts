import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { filterRows, listKey } from '../../screens/forms/listNav.js';
import { editText } from '../../screens/forms/textEdit.js';
import { NO_KEY } from '../../screens/keys/keyPress.js';

const k = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over });

describe('forms: text editing', () => {
  it('types, moves and deletes like the app prompt', () => {
    let s = { value: '', cursor: 0 };
    s = editText(s, 'vm1', k())!;
    assert.deepEqual(s, { value: 'vm1', cursor: 3 });
    s = editText(s, '', k({ leftArrow: true }))!;
    s = editText(s, '-', k())!;
    assert.deepEqual(s, { value: 'vm-1', cursor: 3 });
    s = editText(s, '', k({ backspace: true }))!;
    assert.deepEqual(s, { value: 'vm1', cursor: 2 });
    s = editText(s, 'a', k({ ctrl: true }))!;
    assert.equal(s.cursor, 0);
    s = editText(s, 'e', k({ ctrl: true }))!;
    s = editText(s, ' two', k())!;
    s = editText(s, 'w', k({ ctrl: true }))!;
    assert.deepEqual(s, { value: 'vm1 ', cursor: 4 });
    s = editText(s, 'u', k({ ctrl: true }))!;
    assert.deepEqual(s, { value: '', cursor: 0 });
  });
  it('leaves Enter, Tab, arrows up/down and Esc to the form', () => {
    for (const key of [k({ return: true }), k({ tab: true }), k({ upArrow: true }), k({ downArrow: true }), k({ escape: true })]) {
      assert.equal(editText({ value: 'x', cursor: 1 }, '', key), undefined);
    }
  });
  it('drops control characters from typed text', () => {
    assert.deepEqual(editText({ value: '', cursor: 0 }, 'a\u0007b', k()), { value: 'ab', cursor: 2 });
  });
});

describe('forms: pick lists', () => {
  it('moves within bounds, picks, toggles, and edits the filter', () => {
    const s = { cursor: 0, filter: '' };
    assert.deepEqual(listKey(s, '', k({ downArrow: true }), 3, 10, true), { kind: 'state', state: { cursor: 1, filter: '' } });
    assert.deepEqual(listKey(s, '', k({ upArrow: true }), 3, 10, true), { kind: 'state', state: { cursor: 0, filter: '' } });
    assert.deepEqual(listKey({ cursor: 2, filter: '' }, '', k({ pageDown: true }), 3, 10, true), {
      kind: 'state',
      state: { cursor: 2, filter: '' },
    });
    assert.deepEqual(listKey(s, '', k({ return: true }), 3, 10, true), { kind: 'pick' });
    assert.deepEqual(listKey(s, 'm1', k(), 3, 10, true), { kind: 'state', state: { cursor: 0, filter: 'm1' } });
    assert.deepEqual(listKey({ cursor: 0, filter: 'm1' }, '', k({ backspace: true }), 3, 10, true), {
      kind: 'state',
      state: { cursor: 0, filter: 'm' },
    });
    assert.deepEqual(listKey(s, ' ', k(), 3, 10, false), { kind: 'toggle' });
    assert.deepEqual(listKey(s, 'j', k(), 3, 10, false), { kind: 'state', state: { cursor: 1, filter: '' } });
  });
  it('filters on every word, case-insensitively', () => {
    const rows = ['m1.tiny', 'm1.small', 'M1.Large', 'x'];
    assert.deepEqual(
      filterRows(rows, 'm1 L', (r) => r),
      ['m1.small', 'M1.Large'],
    );
    assert.deepEqual(
      filterRows(rows, '', (r) => r),
      rows,
    );
  });
});
