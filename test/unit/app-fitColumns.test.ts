import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitColumns, type FlexColumn } from '../../screens/widgets/fitColumns.js';

const col = (key: string, min: number, extra: Partial<FlexColumn<unknown>> = {}): FlexColumn<unknown> => ({
  key,
  title: key,
  min,
  value: () => '',
  ...extra,
});

test('columns share the spare width by weight, up to their max, and fill the line', () => {
  const cols = fitColumns([col('a', 10, { grow: 1 }), col('b', 10, { grow: 3 }), col('c', 5)], 80);
  const widths = cols.map((c) => c.width!);
  assert.equal(widths[2], 5);
  assert.ok(widths[1]! > widths[0]!);
  assert.equal(widths.reduce((s, w) => s + w, 0) + 2 + 2, 80);
  const capped = fitColumns([col('a', 10, { grow: 1, max: 12 }), col('b', 10, { grow: 1 })], 80).map((c) => c.width);
  assert.equal(capped[0], 12);
  assert.equal(capped[1], 80 - 2 - 1 - 12);
});

test('when even the minimums do not fit, the least important columns go first', () => {
  const cols = fitColumns([col('name', 20, { priority: 100 }), col('extra', 30, { priority: 1 }), col('status', 20, { priority: 50 })], 60);
  assert.deepEqual(
    cols.map((c) => c.key),
    ['name', 'status'],
  );
});

test('the servers columns fit 80 columns without dropping any', async () => {
  const { serverColumns } = await import('../../screens/servers/serverColumns.js');
  const cols = fitColumns(serverColumns({ imageNames: new Map(), flavorNames: new Map() }, { allTenants: false }), 80);
  assert.deepEqual(
    cols.map((c) => c.key),
    ['name', 'status', 'task', 'power', 'addresses', 'flavor', 'image', 'age'],
  );
  assert.ok(cols.reduce((s, c) => s + c.width!, 0) + cols.length - 1 + 2 <= 80);
});
