import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFilter, parseFilter } from '../../src/app/filter.js';

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

test('an unknown field is matched as plain text (an address with a port still finds something)', () => {
  assert.deepEqual(names('nosuch:thing'), []);
  const withPort = [{ name: 'x', status: 'ACTIVE', ip: '10.0.0.1:22' }];
  assert.equal(withPort.filter(makeFilter('10.0.0.1:22', fields, hay)).length, 1);
});
