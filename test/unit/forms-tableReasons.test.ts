import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import React from 'react';
import { computeWidths, layoutWithReasons, Table, type Column } from '../../screens/widgets/Table.js';

/** The forms' flavor list: a flexible name and three numbers (as screens/forms/columns.ts). */
interface Row {
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
}
const columns: Array<Column<Row>> = [
  { key: 'name', title: 'Name', value: (f) => f.name },
  { key: 'vcpus', title: 'vCPUs', width: 5, align: 'right', value: (f) => String(f.vcpus) },
  { key: 'ram', title: 'RAM MiB', width: 8, align: 'right', value: (f) => String(f.ram) },
  { key: 'disk', title: 'Disk GB', width: 7, align: 'right', value: (f) => String(f.disk) },
];
const rows: Row[] = [
  { name: 'm1.tiny', vcpus: 1, ram: 512, disk: 1 },
  { name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
  { name: 'm1.xlarge', vcpus: 8, ram: 16384, disk: 160 },
];
const LONG = 'disk 1 GB < image min_disk 10 GB; RAM 512 MiB < image min_ram 1024 MiB';
const SHORT = 'needs 8 vCPUs, quota has 3 left';
const reasonOf = (r: Row) => (r.name === 'm1.tiny' ? LONG : r.name === 'm1.xlarge' ? SHORT : undefined);

describe('Table: room for the disabled rows’ reasons', () => {
  it('lays out as before when no row has a reason', () => {
    assert.deepEqual(
      layoutWithReasons(columns, rows, 80, () => undefined),
      { widths: computeWidths(columns, 80), reasons: 0, cut: false },
    );
    assert.deepEqual(layoutWithReasons(columns, rows, 80), { widths: computeWidths(columns, 80), reasons: 0, cut: false });
  });

  it('takes the room the flexible column does not use, and all of a reason that fits', () => {
    const { widths, reasons, cut } = layoutWithReasons(columns, rows, 80, (r) => (r.name === 'm1.xlarge' ? SHORT : undefined));
    assert.equal(reasons, SHORT.length);
    assert.equal(cut, false);
    assert.ok(widths[0]! >= 'm1.xlarge'.length, 'the names stay whole');
    assert.ok(2 + widths.reduce((s, w) => s + w, 0) + 3 + 2 + reasons <= 80);
  });

  it('at 80 columns cuts a reason that does not fit, never a name below its length or 16', () => {
    const { widths, reasons, cut } = layoutWithReasons(columns, rows, 80, reasonOf);
    assert.equal(cut, true);
    assert.equal(widths[0], 'm1.xlarge'.length);
    assert.equal(2 + widths.reduce((s, w) => s + w, 0) + 3 + 2 + reasons, 80);
    const long = [{ name: 'a-rather-long-image-name-of-40-characters', vcpus: 1, ram: 1, disk: 1 }];
    assert.equal(layoutWithReasons(columns, long, 80, () => LONG).widths[0], 16);
  });

  it('draws every row within the width, and the cursor row’s cut reason in full under the table', () => {
    const draw = (cursor: number) => {
      const inst = render(React.createElement(Table<Row>, { columns, rows, cursor, height: 5, width: 80, disabledReason: reasonOf }));
      const lines = (inst.lastFrame() ?? '').split('\n');
      inst.unmount();
      return lines;
    };
    const lines = draw(0);
    assert.ok(
      lines.every((l) => l.length <= 80),
      lines.join('\n'),
    );
    assert.match(lines[1]!, /^> m1\.tiny\s+1\s+512\s+1 {2}disk 1 GB < image min_disk 10 GB; RAM 512 M…$/);
    assert.equal(lines[1]!.length, 80);
    assert.match(lines[3]!, new RegExp(`m1\\.xlarge\\s+8\\s+16384\\s+160 {2}${SHORT}$`));
    assert.equal(lines[4], `  ${LONG}`);
    // Elsewhere the line is there, empty: the table does not change height as the cursor moves.
    assert.equal(draw(1).length, lines.length);
    assert.equal(draw(1)[4]!.trim(), '');
  });
});
