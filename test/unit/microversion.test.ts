import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CLIENT_MAX_MICROVERSION,
  MicroversionError,
  atLeast,
  chooseMicroversion,
  microversionHeaders,
  parseMicroversion,
  versionDocumentUrl,
} from '../../src/session/microversion.js';

describe('chooseMicroversion', () => {
  test('min(client max, server max) when nothing is pinned', () => {
    // The local cloud (Zed) stops at 2.93: use 2.93, not the client's max.
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.93' }), '2.93');
    // A newer cloud than the client: use the client's max.
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.120' }), CLIENT_MAX_MICROVERSION);
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.120' }, undefined, '2.96'), '2.96');
  });

  test('versions compare as numbers, not strings (2.9 < 2.10 < 2.100)', () => {
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.9' }, undefined, '2.10'), '2.9');
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.100' }, undefined, '2.10'), '2.10');
    assert.equal(atLeast('2.10', '2.9'), true);
    assert.equal(atLeast('2.9', '2.10'), false);
  });

  test('a pinned version within the range is used as is, even below the max', () => {
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.93' }, '2.47'), '2.47');
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.93' }, '2.1'), '2.1');
    assert.equal(chooseMicroversion({ min: '2.1', max: '2.93' }, '2.93'), '2.93');
  });

  test('a pinned version outside the range names the range the cloud accepts', () => {
    assert.throws(
      () => chooseMicroversion({ min: '2.1', max: '2.93' }, '2.95'),
      (err: unknown) => {
        assert.ok(err instanceof MicroversionError);
        assert.equal(err.message, 'Compute API version 2.95 is not supported by this cloud, which accepts 2.1 to 2.93.');
        return true;
      },
    );
    assert.throws(() => chooseMicroversion({ min: '2.10', max: '2.93' }, '2.5'), /accepts 2\.10 to 2\.93/);
  });

  test('a server without microversions gets no microversion header', () => {
    const v = chooseMicroversion({ min: '', max: '' });
    assert.deepEqual(microversionHeaders(v), {});
  });

  test('a version pinned against a server without microversions is refused, not silently dropped', () => {
    assert.throws(
      () => chooseMicroversion({ min: '', max: '' }, '2.79'),
      (err: unknown) => {
        assert.ok(err instanceof MicroversionError);
        assert.match(err.message, /2\.79/);
        assert.match(err.message, /does not support microversions/);
        return true;
      },
    );
  });
});

describe('microversion headers and parsing', () => {
  test('both headers are sent', () => {
    assert.deepEqual(microversionHeaders('2.79'), {
      'OpenStack-API-Version': 'compute 2.79',
      'X-OpenStack-Nova-API-Version': '2.79',
    });
  });

  test('parseMicroversion refuses what is not 2.N', () => {
    assert.equal(parseMicroversion('2.93'), 93);
    assert.throws(() => parseMicroversion('3.1'), /Not a compute microversion: '3\.1'/);
    assert.throws(() => parseMicroversion('latest'), /Not a compute microversion/);
  });
});

describe('versionDocumentUrl', () => {
  test('a catalog URL with the project id in it: the version document is at .../v2.1/', () => {
    assert.equal(versionDocumentUrl('http://nova:8774/v2.1/4b2c1e0f9a8d4c7b'), 'http://nova:8774/v2.1/');
    assert.equal(versionDocumentUrl('http://nova:8774/v2/4b2c1e0f9a8d4c7b'), 'http://nova:8774/v2/');
  });

  test('without a project id, and behind a path prefix', () => {
    assert.equal(versionDocumentUrl('http://nova:8774/v2.1'), 'http://nova:8774/v2.1/');
    assert.equal(versionDocumentUrl('http://nova:8774/v2.1/'), 'http://nova:8774/v2.1/');
    assert.equal(versionDocumentUrl('https://cloud.example/compute/v2.1'), 'https://cloud.example/compute/v2.1/');
  });

  test('a host name starting with v2 is not mistaken for the version', () => {
    assert.equal(versionDocumentUrl('http://v2.example.com/compute/v2.1/abc'), 'http://v2.example.com/compute/v2.1/');
  });
});
