import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PromptHistory } from '../../src/app/history.js';

test('the prompt history is kept between runs, without repeats in a row or secrets, and capped', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-hist-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'sub', 'history');
  const h = new PromptHistory(path, 3);
  h.add('list');
  h.add('list');
  h.add('flavor-list');
  h.add('boot --os-password hunter2 vm');
  h.add('  show vm1  ');
  assert.deepEqual(h.entries(), ['list', 'flavor-list', 'show vm1']);
  h.add('limits');
  assert.deepEqual(h.entries(), ['flavor-list', 'show vm1', 'limits']);
  assert.equal(readFileSync(path, 'utf8'), 'flavor-list\nshow vm1\nlimits\n');
  assert.deepEqual(new PromptHistory(path, 3).entries(), ['flavor-list', 'show vm1', 'limits']);
  assert.deepEqual(new PromptHistory(join(dir, 'missing')).entries(), []);
});
