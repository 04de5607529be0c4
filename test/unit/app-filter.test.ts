import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFilter, narrows, parseFilter } from '../../src/app/filter.js';

interface Row {
  name: string;
  status: string;
  ip: string;
}

const rows: Row[] = [
  { name: 'web-1', status: 'ACTIVE', ip: '10.0.0.5' },
  { name: 'web-2', status: 'SHUTOFF', ip: '10.0.0.6' },
  { name: 'db-1', status: 'ERROR', ip: '10.0.1.9' },
];
const fields = { name: (r: Row) => r.name, status: (r: Row) => r.status, ip: (r: Row) => r.ip };
const hay = (r: Row) => `${r.name} ${r.status} ${r.ip}`;
const names = (text: string) => rows.filter(makeFilter(text, fields, hay)).map((r) => r.name);

test('parseFilter splits terms, fields, negation and alternatives', () => {
  assert.deepEqual(parseFilter('  web  status:ACTIVE,SHUTOFF !db ip:!10.0.1 '), [
    { field: undefined, values: ['web'], negate: false },
    { field: 'status', values: ['active', 'shutoff'], negate: false },
    { field: undefined, values: ['db'], negate: true },
    { field: 'ip', values: ['10.0.1'], negate: true },
  ]);
});

test('plain words match anywhere, case-insensitively, all of them', () => {
  assert.deepEqual(names(''), ['web-1', 'web-2', 'db-1']);
  assert.deepEqual(names('WEB'), ['web-1', 'web-2']);
  assert.deepEqual(names('web 10.0.0.6'), ['web-2']);
  assert.deepEqual(names('active'), ['web-1']);
});

test('field:value matches one field; ! excludes; commas give alternatives', () => {
  assert.deepEqual(names('status:ACTIVE'), ['web-1']);
  assert.deepEqual(names('status:active,error'), ['web-1', 'db-1']);
  assert.deepEqual(names('status:!ACTIVE'), ['web-2', 'db-1']);
  assert.deepEqual(names('!web'), ['db-1']);
  assert.deepEqual(names('name:1 ip:10.0.0'), ['web-1']);
});

test('a ! or a field: with nothing after it yet (half typed) filters nothing, like an empty filter', () => {
  assert.deepEqual(names('!'), ['web-1', 'web-2', 'db-1']);
  assert.deepEqual(names('status:!'), ['web-1', 'web-2', 'db-1']);
  assert.deepEqual(names('web !'), ['web-1', 'web-2']);
});

test('an unknown field is matched as plain text (an address with a port still finds something)', () => {
  assert.deepEqual(names('nosuch:thing'), []);
  const withPort = [{ name: 'x', status: 'ACTIVE', ip: '10.0.0.1:22' }];
  assert.equal(withPort.filter(makeFilter('10.0.0.1:22', fields, hay)).length, 1);
});

test('narrows: one more letter of plain words narrows; negations, alternatives and fields may widen', () => {
  assert.equal(narrows('web', 'web-'), true);
  assert.equal(narrows('web', 'web 01'), true);
  assert.equal(narrows('', 'w'), false);
  assert.equal(narrows('web', 'we'), false);
  assert.equal(narrows('!err', '!erro'), false);
  assert.equal(narrows('status:ACTIVE', 'status:ACTIVE,'), false);
  assert.equal(narrows('name', 'name:'), false);
});

test('typed letter by letter, narrowing the last result gives what filtering every row gives', () => {
  for (const typed of ['web-1', '10.0.0', 'db 1', 'active web']) {
    let last = { text: '', rows: rows as Row[] };
    for (let i = 1; i <= typed.length; i++) {
      const text = typed.slice(0, i);
      const base = narrows(last.text, text) ? last.rows : rows;
      const out = base.filter(makeFilter(text, fields, hay));
      assert.deepEqual(
        out.map((r) => r.name),
        names(text),
        text,
      );
      last = { text, rows: out };
    }
  }
});
