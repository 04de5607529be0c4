import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesCell, dashIfNone, limitCell, powerStateCell, shown } from '../../src/commands/cell.js';
import { cellText, formatResult, outputOptions, parseFormat, type OutputOptions } from '../../src/commands/output.js';
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

/** Typed cells: what a server list holds. */
const SERVERS: CommandResult = {
  kind: 'table',
  columns: ['Name', 'Task State', 'Power State', 'Size', 'RAM', 'Networks'],
  rows: [
    ['web', dashIfNone(null), powerStateCell(1), bytesCell(196608), 512, shown({ private: ['10.0.0.3'] }, 'private=10.0.0.3')],
    ['db one', 'spawning', powerStateCell(null), bytesCell(null), 2048, shown({}, '')],
  ],
};

function usage(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

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

  test('table: numbers right-aligned, display text of typed cells (cliff aligns a FormattableColumn left)', () => {
    const out = formatResult(SERVERS, 'table').split('\n');
    assert.equal(out[3], '| web    | -          | Running     | 192 KiB |  512 | private=10.0.0.3 |');
    assert.equal(out[4], '| db one | spawning   |             |         | 2048 |                  |');
  });

  test('json: machine values — numbers, null, the bytes and the mapping, never the display text', () => {
    assert.deepEqual(JSON.parse(formatResult(SERVERS, 'json')), [
      { Name: 'web', 'Task State': null, 'Power State': 1, Size: 196608, RAM: 512, Networks: { private: ['10.0.0.3'] } },
      { Name: 'db one', 'Task State': 'spawning', 'Power State': null, Size: null, RAM: 2048, Networks: {} },
    ]);
    assert.deepEqual(JSON.parse(formatResult(TABLE, 'json')), [
      { ID: 'a1', Name: 'web', Status: 'ACTIVE' },
      { ID: 'b2', Name: 'database', Status: null },
    ]);
  });

  test('--noindent: json on one line', () => {
    assert.equal(
      formatResult(TABLE, { format: 'json', noindent: true }),
      '[{"ID":"a1","Name":"web","Status":"ACTIVE"},{"ID":"b2","Name":"database","Status":null}]',
    );
  });

  test('value: one line per row, values as they are; null is nothing; a mapping one JSON word', () => {
    assert.equal(formatResult(TABLE, 'value'), 'a1 web ACTIVE\nb2 database ');
    assert.equal(formatResult(SERVERS, 'value'), 'web  1 196608 512 {"private":["10.0.0.3"]}\ndb one spawning   2048 {}');
  });

  test('-c picks columns as cliff does: in the result order, names matched loosely', () => {
    assert.equal(formatResult(TABLE, 'value', ['name', 'ID']), 'a1 web\nb2 database');
    assert.deepEqual(JSON.parse(formatResult(SERVERS, 'json', ['power_state'])), [{ 'Power State': 1 }, { 'Power State': null }]);
    assert.match(formatResult(TABLE, 'table', ['Name']), /^\+----------\+\n\| Name {5}\|/);
  });

  test('-c: an unknown name next to known ones is ignored with a warning; only unknown ones are an error', () => {
    const warnings: string[] = [];
    assert.equal(formatResult(TABLE, { format: 'value', columns: ['Name', 'Flavr'], warn: (m) => warnings.push(m) }), 'web\ndatabase');
    assert.deepEqual(warnings, ["novash: no column 'Flavr' (ignored). Columns: ID, Name, Status."]);
    usage(() => formatResult(TABLE, 'table', ['Flavor']), "No column 'Flavor'. Columns: ID, Name, Status.");
  });

  test('an empty list prints nothing (as cliff), or its header with --print-empty', () => {
    const empty: CommandResult = { kind: 'table', columns: ['ID'], rows: [] };
    assert.equal(formatResult(empty, 'table'), '');
    assert.equal(formatResult(empty, { format: 'table', printEmpty: true }), '+----+\n| ID |\n+----+\n+----+');
    assert.equal(formatResult(empty, 'value'), '');
    assert.equal(formatResult(empty, 'json'), '[]');
    assert.equal(formatResult(empty, 'csv'), '"ID"');
  });

  test('multi-line cells make taller rows', () => {
    const out = formatResult({ kind: 'table', columns: ['A', 'B'], rows: [['x\ny', 'z']] }, 'table');
    assert.equal(out, ['+---+---+', '| A | B |', '+---+---+', '| x | z |', '| y |   |', '+---+---+'].join('\n'));
  });

  test('shell needs one item', () => {
    usage(() => formatResult(TABLE, 'shell'), '-f shell shows one item, and this result is a list of 2: use -f json, yaml, csv or value.');
    assert.equal(formatResult({ ...TABLE, rows: [TABLE.rows[0]!] } as CommandResult, 'shell'), 'id="a1"\nname="web"\nstatus="ACTIVE"');
  });
});

describe('--sort-column', () => {
  const rows: CommandResult = {
    kind: 'table',
    columns: ['Name', 'RAM', 'Zone'],
    rows: [
      ['b', 2048, 'z2'],
      ['a', 512, null],
      ['c', 512, 'z1'],
      ['d', bytesCell(100), 'z1'],
    ],
  };
  const names = (o: Partial<OutputOptions>) => formatResult(rows, { format: 'value', columns: ['Name'], ...o }).split('\n');

  test('by the machine value: numbers as numbers (a Shown cell by its value)', () => {
    assert.deepEqual(names({ sortColumns: ['RAM'] }), ['d', 'a', 'c', 'b']);
    assert.deepEqual(names({ sortColumns: ['RAM'], sortDescending: true }), ['b', 'a', 'c', 'd']);
  });

  test('several columns: the first one given sorts first, ties keep their order', () => {
    assert.deepEqual(names({ sortColumns: ['Zone', 'Name'] }), ['c', 'd', 'b', 'a']);
    assert.deepEqual(names({ sortColumns: ['RAM', 'Zone'] }), ['d', 'c', 'a', 'b']);
  });

  test('null sorts after everything ascending, before everything descending (cliff)', () => {
    assert.deepEqual(names({ sortColumns: ['Zone'] }), ['c', 'd', 'b', 'a']);
    assert.deepEqual(names({ sortColumns: ['Zone'], sortDescending: true }), ['a', 'b', 'c', 'd']);
  });

  test('a column not shown can sort; an unknown one is ignored with a warning', () => {
    const warnings: string[] = [];
    assert.deepEqual(names({ sortColumns: ['nope', 'ram'], warn: (m) => warnings.push(m) }), ['d', 'a', 'c', 'b']);
    assert.match(warnings[0]!, /^novash: no column 'nope' to sort by \(ignored\)/);
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
    assert.equal(formatResult(RECORD, 'value', ['metadata']), '{"role":"frontend"}');
    usage(() => formatResult(RECORD, 'value', ['flavor']), /No column 'flavor'\. Columns: id, name, metadata, locked\./);
  });

  test('shell: name="value" lines, names made shell variables, --prefix', () => {
    const rec: CommandResult = {
      kind: 'record',
      fields: [
        ['OS-EXT-STS:task_state', null],
        ['Power State', powerStateCell(4)],
        ['name', 'a "b"'],
        ['meta', { k: 'v' }],
      ],
    };
    assert.equal(
      formatResult(rec, { format: 'shell', prefix: 'vm_' }),
      'vm_os_ext_sts_task_state=""\nvm_power_state="4"\nvm_name="a \\"b\\""\nvm_meta="{\\"k\\":\\"v\\"}"',
    );
  });

  test('csv of a record: its fields as one row', () => {
    assert.equal(formatResult(RECORD, 'csv'), '"id","name","metadata","locked"\n"a1","web","{""role"":""frontend""}",false');
  });
});

describe('formatResult: text and messages', () => {
  test('text as is (one trailing newline dropped), or wrapped in JSON / YAML', () => {
    assert.equal(formatResult({ kind: 'text', text: 'line1\nline2\n' }, 'table'), 'line1\nline2');
    assert.deepEqual(JSON.parse(formatResult({ kind: 'text', text: 'log' }, 'json')), { output: 'log' });
    assert.equal(formatResult({ kind: 'text', text: 'log' }, 'yaml'), 'output: log');
  });

  test('console text on a terminal has its escapes made visible; on a pipe it is the real text', () => {
    const text = 'boot\u001b]0;PWNED\u0007 ok\n';
    assert.equal(formatResult({ kind: 'text', text }, { format: 'table', tty: true }), 'boot^[]0;PWNED^G ok');
    assert.equal(formatResult({ kind: 'text', text }, { format: 'table', tty: false }), 'boot\u001b]0;PWNED\u0007 ok');
  });

  test('messages: the text (made safe), or {message, errors, data} for json and yaml', () => {
    const m: CommandResult = { kind: 'message', text: 'Server x\u001b[2J deleted.', errors: ['Cannot delete y'], data: { imageId: 'i1' } };
    assert.equal(formatResult(m, { format: 'table', columns: ['x'] }), 'Server x^[[2J deleted.');
    assert.deepEqual(JSON.parse(formatResult(m, 'json')), {
      message: 'Server x\u001b[2J deleted.',
      errors: ['Cannot delete y'],
      data: { imageId: 'i1' },
    });
    // Keys sorted, as PyYAML's safe_dump (cliff's) writes them.
    assert.equal(formatResult(m, 'yaml'), 'data:\n  imageId: i1\nerrors:\n  - Cannot delete y\nmessage: "Server x\\e[2J deleted."');
  });
});

describe('cellText (what a table shows)', () => {
  test('objects as key=value lists, arrays comma-joined, null empty, Shown cells by their text', () => {
    assert.equal(cellText({ a: '1', b: 2 }), "a='1', b='2'");
    assert.equal(cellText(['x', 'y']), 'x, y');
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
    assert.equal(cellText(0), '0');
    assert.equal(cellText(true), 'true');
    assert.equal(cellText(bytesCell(21430272)), '20.4 MiB');
    assert.equal(cellText(limitCell(-1)), 'unlimited');
    assert.equal(cellText(limitCell(null)), 'unlimited');
    assert.equal(cellText(limitCell(10)), '10');
  });
});

describe('parseFormat and outputOptions', () => {
  test('table by default; the six formats; anything else named with the right ones', () => {
    assert.equal(parseFormat(undefined), 'table');
    for (const f of ['table', 'json', 'value', 'yaml', 'csv', 'shell']) assert.equal(parseFormat(f), f);
    usage(() => parseFormat('xml'), "Unknown output format 'xml': use table, json, value, yaml, csv or shell.");
  });

  test('tables fit the terminal on a TTY, with --fit-width (COLUMNS on a pipe), or to --max-width anywhere', () => {
    assert.equal(outputOptions({}, { isTTY: true, columns: 80 }).width, 80);
    assert.equal(outputOptions({}, { isTTY: false, columns: 80 }).width, undefined);
    assert.equal(outputOptions({ 'fit-width': true }, { isTTY: false, env: { COLUMNS: '100' } }).width, 100);
    assert.equal(outputOptions({ 'max-width': '60' }, { isTTY: false }).width, 60);
    assert.equal(outputOptions({ 'max-width': '0' }, { isTTY: false }).width, undefined);
    // The openstack CLI's variables set the defaults.
    assert.equal(outputOptions({}, { isTTY: false, env: { CLIFF_MAX_TERM_WIDTH: '70' } }).width, 70);
    assert.equal(outputOptions({}, { isTTY: false, env: { CLIFF_FIT_WIDTH: '1', COLUMNS: '90' } }).width, 90);
  });

  test('bad output options are refused before anything runs', () => {
    usage(() => outputOptions({ 'max-width': 'wide' }), "--max-width must be a whole number of columns (got 'wide'); 0 turns fitting off.");
    usage(() => outputOptions({ quote: 'some' }), "--quote must be all, minimal, none or nonnumeric (got 'some').");
    usage(
      () => outputOptions({ 'sort-ascending': true, 'sort-descending': true }),
      '--sort-ascending and --sort-descending cannot be combined.',
    );
  });
});
