import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cellText, formatResult, parseFormat } from '../../src/commands/output.js';
import type { CommandResult } from '../../src/commands/types.js';
import { UsageError } from '../../src/session/errors.js';

const TABLE: CommandResult = {
  kind: 'table',
  columns: ['ID', 'Name', 'Status'],
  rows: [
    ['a1', 'web', 'ACTIVE'],
    ['b2', 'database', null],
  ],
};

const RECORD: CommandResult = {
  kind: 'record',
  fields: [
    ['id', 'a1'],
    ['name', 'web'],
    ['metadata', { role: 'frontend' }],
    ['locked', false],
  ],
};

describe('formatResult: table results', () => {
  test('table: a box like the openstack CLI draws', () => {
    assert.equal(
      formatResult(TABLE, 'table'),
      [
        '+----+----------+--------+',
        '| ID | Name     | Status |',
        '+----+----------+--------+',
        '| a1 | web      | ACTIVE |',
        '| b2 | database |        |',
        '+----+----------+--------+',
      ].join('\n'),
    );
  });

  test('json: an array of objects keyed by column, null kept', () => {
    assert.deepEqual(JSON.parse(formatResult(TABLE, 'json')), [
      { ID: 'a1', Name: 'web', Status: 'ACTIVE' },
      { ID: 'b2', Name: 'database', Status: null },
    ]);
  });

  test('value: one line per row, cells separated by a space', () => {
    assert.equal(formatResult(TABLE, 'value'), 'a1 web ACTIVE\nb2 database ');
  });

  test('-c picks columns in the order given, case-insensitively', () => {
    assert.equal(formatResult(TABLE, 'value', ['name', 'ID']), 'web a1\ndatabase b2');
    assert.deepEqual(JSON.parse(formatResult(TABLE, 'json', ['Status'])), [{ Status: 'ACTIVE' }, { Status: null }]);
    assert.match(formatResult(TABLE, 'table', ['Name']), /^\+----------\+\n\| Name {5}\|/);
  });

  test('-c with a wrong column names it and lists the right ones', () => {
    assert.throws(() => formatResult(TABLE, 'table', ['Flavor']), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.equal(err.message, "No column 'Flavor'. Columns: ID, Name, Status.");
      return true;
    });
  });

  test('an empty table still has its header', () => {
    assert.equal(formatResult({ kind: 'table', columns: ['ID'], rows: [] }, 'table'), '+----+\n| ID |\n+----+\n+----+');
    assert.equal(formatResult({ kind: 'table', columns: ['ID'], rows: [] }, 'value'), '');
    assert.equal(formatResult({ kind: 'table', columns: ['ID'], rows: [] }, 'json'), '[]');
  });

  test('multi-line cells make taller rows', () => {
    const out = formatResult({ kind: 'table', columns: ['A', 'B'], rows: [['x\ny', 'z']] }, 'table');
    assert.equal(out, ['+---+---+', '| A | B |', '+---+---+', '| x | z |', '| y |   |', '+---+---+'].join('\n'));
  });
});

describe('formatResult: record results', () => {
  test('table: Field / Value', () => {
    assert.equal(
      formatResult(RECORD, 'table'),
      [
        '+----------+-----------------+',
        '| Field    | Value           |',
        '+----------+-----------------+',
        '| id       | a1              |',
        '| name     | web             |',
        "| metadata | role='frontend' |",
        '| locked   | false           |',
        '+----------+-----------------+',
      ].join('\n'),
    );
  });

  test('json keeps types; value prints one value per line; -c picks fields', () => {
    assert.deepEqual(JSON.parse(formatResult(RECORD, 'json')), { id: 'a1', name: 'web', metadata: { role: 'frontend' }, locked: false });
    assert.equal(formatResult(RECORD, 'value', ['name']), 'web');
    assert.equal(formatResult(RECORD, 'value', ['ID', 'locked']), 'a1\nfalse');
    assert.throws(() => formatResult(RECORD, 'value', ['flavor']), /No column 'flavor'\. Columns: id, name, metadata, locked\./);
  });
});

describe('formatResult: text and messages', () => {
  test('text as is (one trailing newline dropped), or wrapped in JSON', () => {
    assert.equal(formatResult({ kind: 'text', text: 'line1\nline2\n' }, 'table'), 'line1\nline2');
    assert.deepEqual(JSON.parse(formatResult({ kind: 'text', text: 'log' }, 'json')), { output: 'log' });
    assert.equal(formatResult({ kind: 'message', text: 'Request to delete server vm1 has been accepted.' }, 'table', ['x']),
      'Request to delete server vm1 has been accepted.');
  });
});

describe('cellText', () => {
  test('objects as key=value lists, arrays comma-joined, null empty', () => {
    assert.equal(cellText({ a: '1', b: 2 }), "a='1', b='2'");
    assert.equal(cellText(['x', 'y']), 'x, y');
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
    assert.equal(cellText(0), '0');
    assert.equal(cellText(true), 'true');
  });
});

describe('parseFormat', () => {
  test('table by default; json and value; anything else named', () => {
    assert.equal(parseFormat(undefined), 'table');
    assert.equal(parseFormat('json'), 'json');
    assert.equal(parseFormat('value'), 'value');
    assert.throws(() => parseFormat('yaml'), /Unknown output format 'yaml': use table, json or value\./);
  });
});
