import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slugify } from '../../src/managers/humanId.js';

// Expected values are what novaclient (oslo_utils.strutils.to_slug) gives for the same names.
describe('slugify (novaclient human_id)', () => {
  const cases: Array<[string, string]> = [
    ['My Server  Name!', 'my-server-name'],
    ['Café Ünïcode', 'cafe-unicode'],
    ['  --a--b  ', '-a-b'],
    ['web_01.prod', 'web_01prod'],
    ['ﬁle ①', 'file-1'],
    ['Straße', 'strae'],
    ['a\tb\nc', 'a-b-c'],
    ['x - y', 'x-y'],
    ['-_-', '-_-'],
    ['m1.tiny', 'm1tiny'],
    ['cirros-0.6.2-x86_64-disk', 'cirros-062-x86_64-disk'],
  ];
  for (const [name, slug] of cases) {
    test(`${JSON.stringify(name)} -> ${JSON.stringify(slug)}`, () => {
      assert.equal(slugify(name), slug);
    });
  }

  test('a name with nothing left after folding has no human id', () => {
    assert.equal(slugify('日本語'), undefined);
    assert.equal(slugify('!!!'), undefined);
    assert.equal(slugify(''), undefined);
    assert.equal(slugify(null), undefined);
    assert.equal(slugify(undefined), undefined);
  });
});
