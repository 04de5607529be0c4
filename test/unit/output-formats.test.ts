/**
 * The machine formats as cliff writes them (csv quoting modes, shell, yaml), and terminal safety:
 * a name holding escape sequences never reaches the terminal live in any format, while json and
 * yaml still carry its real value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { formatResult } from '../../src/commands/output.js';
import type { CommandResult } from '../../src/commands/types.js';
import { parseCsv } from '../support/csv.js';

const HOSTILE = 'x\u001b[31mRED\u001b]0;PWNED\u0007 \u009b2J del\u007f \u202eevil';
/** Any C0/C1 control, DEL, or bidi override left raw. */
const LIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const ROWS: CommandResult = {
  kind: 'table',
  columns: ['Name', 'Size', 'Public', 'Note', 'Tags'],
  rows: [
    ['plain', 5, true, null, ['a', 'b']],
    ['a,b "q" back\\slash', 1.5, false, '', []],
  ],
};

describe('-f csv (cliff: Python csv, escapechar \\)', () => {
  test('nonnumeric (the default): strings quoted, numbers and booleans not, null an empty unquoted field', () => {
    assert.equal(
      formatResult(ROWS, 'csv'),
      ['"Name","Size","Public","Note","Tags"', '"plain",5,true,,"[""a"",""b""]"', '"a,b ""q"" back\\\\slash",1.5,false,"","[]"'].join('\n'),
    );
  });

  test('all, minimal and none', () => {
    const csv = (quote: 'all' | 'minimal' | 'none') => formatResult(ROWS, { format: 'csv', quote }).split('\n');
    assert.equal(csv('all')[1], '"plain","5","true",,"[""a"",""b""]"');
    assert.equal(csv('minimal')[1], 'plain,5,true,,"[""a"",""b""]"');
    assert.equal(csv('minimal')[2], '"a,b ""q"" back\\\\slash",1.5,false,,[]');
    assert.equal(csv('none')[1], 'plain,5,true,,[\\"a\\"\\,\\"b\\"]');
    assert.equal(csv('none')[2], 'a\\,b \\"q\\" back\\\\slash,1.5,false,,[]');
  });

  test('parses back to the same values', () => {
    const [header, ...rows] = parseCsv(formatResult(ROWS, 'csv'));
    assert.deepEqual(header, ['Name', 'Size', 'Public', 'Note', 'Tags']);
    assert.deepEqual(rows, [
      ['plain', 5, true, null, '["a","b"]'],
      ['a,b "q" back\\slash', 1.5, false, '', '[]'],
    ]);
  });
});

describe('-f yaml', () => {
  test('typed values that YAML 1.1 and 1.2 readers both take back as they were', () => {
    const tricky: CommandResult = {
      kind: 'table',
      columns: ['Name', 'Created', 'N', 'B', 'Z'],
      rows: [
        ['yes', '2018-04-25T10:00:00Z', 3, false, null],
        ['0755', 'on', 0, true, null],
      ],
    };
    const text = formatResult(tricky, 'yaml');
    // Quoted where YAML 1.1 (PyYAML) would read a boolean, an octal number or a date.
    assert.match(text, /Name: "yes"/);
    assert.match(text, /Created: "2018-04-25T10:00:00Z"/);
    assert.match(text, /Created: "on"/);
    assert.deepEqual(parseYaml(text), [
      { Name: 'yes', Created: '2018-04-25T10:00:00Z', N: 3, B: false, Z: null },
      { Name: '0755', Created: 'on', N: 0, B: true, Z: null },
    ]);
  });

  test('a record: field by field, in its order', () => {
    const rec: CommandResult = {
      kind: 'record',
      fields: [
        ['name', 'vm'],
        ['id', 'x'],
        ['meta', { b: '2', a: '1' }],
      ],
    };
    assert.equal(formatResult(rec, 'yaml'), 'name: vm\nid: x\nmeta:\n  a: "1"\n  b: "2"');
  });
});

describe('terminal safety of every format', () => {
  const hostile: CommandResult = { kind: 'table', columns: ['Name', 'Meta'], rows: [[HOSTILE, { [HOSTILE]: HOSTILE }]] };
  const record: CommandResult = {
    kind: 'record',
    fields: [
      ['name', HOSTILE],
      ['meta', { [HOSTILE]: HOSTILE }],
    ],
  };

  for (const format of ['table', 'value', 'csv', 'yaml', 'json'] as const) {
    test(`${format}: no control character is live`, () => {
      for (const r of [hostile, record]) assert.doesNotMatch(formatResult(r, format), LIVE);
    });
  }

  test('shell: no control character is live, and nothing in a value is expanded by eval', () => {
    const evil: CommandResult = {
      kind: 'record',
      fields: [
        ['name', HOSTILE],
        ['cmd', '$(touch /tmp/x) `id` "q" \\'],
      ],
    };
    const text = formatResult(evil, 'shell');
    assert.doesNotMatch(text, LIVE);
    assert.equal(text.split('\n')[1], 'cmd="\\$(touch /tmp/x) \\`id\\` \\"q\\" \\\\"');
  });

  test('table, value and csv show the escapes in caret notation', () => {
    assert.match(formatResult(hostile, 'value'), /^x\^\[\[31mRED\^\[\]0;PWNED\^G /);
    assert.match(formatResult(hostile, 'table'), /\| x\^\[\[31mRED\^\[\]0;PWNED\^G /);
  });

  test('json and yaml keep the real value (escaped), C1, DEL and bidi included', () => {
    assert.deepEqual(JSON.parse(formatResult(hostile, 'json')), [{ Name: HOSTILE, Meta: { [HOSTILE]: HOSTILE } }]);
    assert.deepEqual(parseYaml(formatResult(hostile, 'yaml')), [{ Name: HOSTILE, Meta: { [HOSTILE]: HOSTILE } }]);
    assert.deepEqual(JSON.parse(formatResult(record, 'json')), { name: HOSTILE, meta: { [HOSTILE]: HOSTILE } });
    assert.match(formatResult(hostile, 'json'), /\\u009B2J del\\u007F \\u202Eevil/);
  });
});
