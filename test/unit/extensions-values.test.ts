/** Declared values: text -> typed value, the checks of a declaration, and a form's draft. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDraft, resourceFormFields } from '../../src/extensions/formDraft.js';
import type { DeclaredField, DeclaredResource } from '../../src/extensions/types.js';
import { FieldError, parseValue, valueProblem, valueText } from '../../src/extensions/values.js';

function field(over: Partial<DeclaredField>): DeclaredField {
  return { name: 'f', key: 'f', type: 'string', required: false, positional: false, create: true, update: true, title: 'F', ...over };
}

test('text becomes the declared type, or a FieldError naming what is allowed', () => {
  assert.equal(parseValue(field({ type: 'integer' }), ' 42 '), 42);
  assert.equal(parseValue(field({ type: 'number' }), '2.5'), 2.5);
  assert.equal(parseValue(field({ type: 'boolean' }), 'yes'), true);
  assert.equal(parseValue(field({ type: 'boolean' }), 'false'), false);
  assert.deepEqual(parseValue(field({ type: 'list' }), ['a,b', 'c']), ['a', 'b', 'c']);
  assert.deepEqual(parseValue(field({ type: 'map' }), ['k=v', 'x=1=2']), { k: 'v', x: '1=2' });
  assert.deepEqual(parseValue(field({ type: 'json' }), '{"max_server_per_host": 3}'), { max_server_per_host: 3 });
  assert.equal(parseValue(field({}), 'spaces kept '), 'spaces kept ');
  const problems: Array<[Partial<DeclaredField>, string, string]> = [
    [{ type: 'integer' }, '4.5', "must be a whole number (got '4.5')"],
    [{ type: 'number' }, '', "must be a number (got '')"],
    [{ type: 'boolean' }, 'maybe', "must be true or false (got 'maybe')"],
    [{ type: 'map' }, 'novalue', "takes key=value pairs ('novalue' is not one)"],
    [{ type: 'json' }, '{bad', `must be JSON, e.g. {"key": 1} (got '{bad')`],
    [{ maxLength: 3 }, 'abcd', 'must be at most 3 characters (got 4)'],
    [{ minLength: 2 }, 'a', 'must be at least 2 characters (got 1)'],
    [{ choices: ['active', 'error'] }, 'on', "must be one of active, error (got 'on')"],
    [{ type: 'integer', min: 1 }, '0', 'must be at least 1 (got 0)'],
    [{ type: 'integer', max: 9 }, '10', 'must be at most 9 (got 10)'],
  ];
  for (const [over, text, problem] of problems) {
    assert.throws(
      () => parseValue(field({ key: 'x', ...over }), text),
      (e: unknown) => e instanceof FieldError && e.field === 'x' && e.problem === problem && e.message === `x ${problem}.`,
    );
  }
  // Characters, not UTF-16 units: an emoji is one.
  assert.equal(valueProblem(field({ maxLength: 2 }), '😀😀'), undefined);
  // Typed values (the programmatic client) are checked, never coerced.
  assert.equal(valueProblem(field({ type: 'integer' }), '3'), 'must be a whole number (got 3)');
  assert.equal(valueProblem(field({ type: 'list' }), ['a', 1]), 'must be a list of texts (got ["a",1])');
  assert.equal(valueText(field({ type: 'map' }), { a: '1', b: '2' }), 'a=1,b=2');
  assert.equal(valueText(field({ type: 'list' }), ['a', 'b']), 'a,b');
});

const DOCS: DeclaredResource = {
  kind: 'resource',
  name: 'document',
  plural: 'documents',
  title: 'Documents',
  summary: 'Documents',
  service: 'compute',
  path: '/os-documents',
  listKey: 'document',
  showKey: 'document',
  idField: 'id',
  nameField: 'name',
  clientChosenId: true,
  body: { style: 'bare' },
  operations: new Set(['list', 'show', 'create', 'update', 'delete']),
  columns: ['id', 'name'],
  commands: {},
  source: { file: 'site.yaml', line: 1, column: 1 },
  fields: [
    field({ key: 'id', name: 'id', type: 'integer', required: true, positional: true, update: false, title: 'ID', min: 1 }),
    field({ key: 'name', name: 'name', required: true, positional: true, maxLength: 45, title: 'Name' }),
    field({ key: 'created_at', name: 'created-at', create: false, update: false, title: 'Created At' }),
  ],
};

test('a form draft: required, typed and checked fields; an edit sends only what changed', () => {
  const create = resourceFormFields(DOCS, 'create');
  assert.deepEqual(
    create.map((f) => [f.field.key, f.required, f.initial]),
    [
      ['id', true, ''],
      ['name', true, ''],
    ],
  );
  assert.deepEqual(readDraft(create, {}, 'create').errors, { id: 'is required', name: 'is required' });
  assert.deepEqual(readDraft(create, { id: 'x', name: 'n'.repeat(46) }, 'create').errors, {
    id: "must be a whole number (got 'x')",
    name: 'must be at most 45 characters (got 46)',
  });
  assert.deepEqual(readDraft(create, { id: '3', name: 'third' }, 'create'), { values: { id: 3, name: 'third' }, errors: {} });
  const item = { id: '3', name: 'third', raw: { id: 3, name: 'third', created_at: 'x' } };
  const edit = resourceFormFields(DOCS, 'update', item);
  assert.deepEqual(
    edit.map((f) => [f.field.key, f.initial]),
    [['name', 'third']],
  );
  assert.equal(readDraft(edit, {}, 'update').formError, 'Nothing changed yet.');
  assert.deepEqual(readDraft(edit, { name: 'renamed' }, 'update').values, { name: 'renamed' });
});
