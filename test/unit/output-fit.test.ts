/**
 * Display width and tables that fit the terminal: CJK and emoji take two columns, combining marks
 * none; a fitted table is never wider than asked, loses nothing, and wraps where words allow.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boxTable } from '../../src/commands/boxTable.js';
import { powerStateCell, shown } from '../../src/commands/cell.js';
import { formatResult } from '../../src/commands/output.js';
import type { Cell, CommandResult } from '../../src/commands/types.js';
import { displayWidth, padEndWidth, truncateWidth, wrapWidth } from '../../src/util/displayWidth.js';

describe('displayWidth', () => {
  test('CJK and emoji count 2, combining marks and zero-width characters 0', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('中文'), 4);
    assert.equal(displayWidth('サーバー'), 8);
    assert.equal(displayWidth('👍'), 2);
    assert.equal(displayWidth('👨‍👩‍👧'), 2);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('a\u200bb'), 2);
  });

  test('padding and cutting by columns, never through a wide character', () => {
    assert.equal(padEndWidth('中', 4), '中  ');
    assert.equal(truncateWidth('中文字', 4), '中…');
    assert.equal(truncateWidth('中文字', 5), '中文…');
    assert.equal(truncateWidth('short', 10), 'short');
  });

  test('wrapping at spaces and after hyphens; a word longer than the line is cut', () => {
    assert.deepEqual(wrapWidth('Web Server 1', 6), ['Web', 'Server', '1']);
    assert.deepEqual(wrapWidth('9168b536-cd40-4630-b43f-b259807c6e87', 14), ['9168b536-cd40-', '4630-b43f-', 'b259807c6e87']);
    assert.deepEqual(wrapWidth('private=192.168.1.30', 12), ['private=', '192.168.1.30']);
    assert.deepEqual(wrapWidth('abcdefgh', 3), ['abc', 'def', 'gh']);
    assert.deepEqual(wrapWidth('中文字幕', 5), ['中文', '字幕']);
  });
});

function widths(text: string): number[] {
  return text.split('\n').map(displayWidth);
}

describe('boxTable', () => {
  test('CJK, emoji and combining marks line up: every line has the same display width', () => {
    const out = boxTable(
      ['ID', 'Name'],
      [
        ['1', '中文サーバー'],
        ['2', 'café 👍'],
        ['3', 'cafe\u0301'],
        ['4', 'plain'],
      ],
    );
    assert.equal(new Set(widths(out)).size, 1, out);
    assert.match(out, /\| 1 {2}\| 中文サーバー \|/);
  });

  test('fitted: no line wider than asked, every cell still all there', () => {
    const rows = [
      ['9168b536-cd40-4630-b43f-b259807c6e87', 'Web Server 1', 'ACTIVE', 'private=192.168.1.30, 10.0.0.5', 'cirros-0.6.2-x86_64-disk'],
      ['0e44cc9c-e052-415d-afbf-469b0d384170', '中文サーバー名', 'SHUTOFF', 'private=192.168.1.31', 'ubuntu-22.04'],
    ];
    for (const width of [80, 60, 40]) {
      const out = boxTable(['ID', 'Name', 'Status', 'Networks', 'Image'], rows, { width });
      assert.ok(Math.max(...widths(out)) <= width, `${width}:\n${out}`);
      assert.equal(new Set(widths(out)).size, 1);
      // Each column's lines, joined, give back its cells (spaces at line breaks aside).
      const lines = out.split('\n');
      const body = lines.slice(lines.indexOf(lines[0]!, 1) + 1, -1);
      const column = (i: number) =>
        body
          .map((l) => l.slice(2, -2).split(' | ')[i]!.trim())
          .join('')
          .replace(/\s/g, '');
      for (let i = 0; i < 5; i++) assert.equal(column(i), rows.map((r) => r[i]!.replace(/\s/g, '')).join(''), `column ${i} at ${width}`);
    }
  });

  test('a fitted table wraps a UUID at its hyphens, not in the middle of a word', () => {
    const out = boxTable(['ID', 'Name', 'Status'], [['9168b536-cd40-4630-b43f-b259807c6e87', 'web-server-with-a-long-name', 'ACTIVE']], {
      width: 40,
    });
    const idLines = out
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .slice(1)
      .map((l) => l.split(' | ')[0]!.slice(2).trim())
      .filter(Boolean);
    assert.ok(
      idLines.every((l) => /^[0-9a-f-]+$/.test(l) && (l.endsWith('-') || l === idLines.at(-1))),
      out,
    );
  });

  test('a table that fits is left alone', () => {
    assert.equal(boxTable(['A'], [['x']], { width: 80 }), boxTable(['A'], [['x']]));
  });
});

describe('a server list on an 80-column terminal', () => {
  const uuid = (n: number) => `${String(n).padStart(8, '0')}-cd40-4630-b43f-b259807c6e87`;
  const rows: Cell[][] = Array.from({ length: 30 }, (_, i) => [
    uuid(i),
    i === 3 ? '中文サーバー名' : `web-${i}`,
    i % 5 ? 'ACTIVE' : 'SHUTOFF',
    shown(null, '-'),
    powerStateCell(i % 5 ? 1 : 4),
    shown({ private: [`10.0.0.${i}`] }, `private=10.0.0.${i}`),
    'cirros-0.6.2-x86_64-disk',
    'm1.small',
  ]);
  const list: CommandResult = {
    kind: 'table',
    columns: ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks', 'Image', 'Flavor'],
    rows,
  };

  test('fits, lines up, keeps status words whole', () => {
    const out = formatResult(list, { format: 'table', width: 80 });
    assert.ok(Math.max(...widths(out)) <= 80, out);
    assert.equal(new Set(widths(out)).size, 1, 'every line has the same display width');
    assert.match(out, /\| SHUTOFF /);
    assert.match(out, /\| ACTIVE /);
  });
});
