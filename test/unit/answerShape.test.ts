import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyObject, listIn, notJsonReason, resourceIn } from '../../src/session/answerShape.js';
import { UnexpectedAnswerError } from '../../src/session/errors.js';
import type { HttpResponse } from '../../src/session/http.js';

function res(body: unknown, method = 'GET'): HttpResponse {
  return { status: 200, headers: {}, body, requestId: 'req-42', url: 'http://nova:8774/v2.1/servers/detail', method, service: 'compute' };
}

function detail(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UnexpectedAnswerError, String(err));
    assert.equal(err.status, 200);
    assert.equal(err.requestId, 'req-42');
    return err.message;
  }
  assert.fail('expected an UnexpectedAnswerError');
}

describe('notJsonReason', () => {
  test('JSON by content type or by its first character passes', () => {
    assert.equal(notJsonReason('{"a": 1}', ''), undefined);
    assert.equal(notJsonReason('garbage', 'application/json'), undefined);
    assert.equal(notJsonReason('  [1]', 'text/plain'), undefined);
  });
  test('an HTML page is named with its title; text with its start, on one line', () => {
    assert.equal(
      notJsonReason('<!DOCTYPE html><html><head><title>Sign in\n to Portal</title></head></html>', 'text/html; charset=utf-8'),
      'the body is an HTML page (text/html) titled "Sign in to Portal", not JSON',
    );
    assert.equal(notJsonReason('Service\nUnavailable', ''), 'the body is not JSON (no content type): "Service Unavailable"');
  });
});

describe('shape checks', () => {
  test('a list key missing, not a list, or holding non-objects or items without an id', () => {
    assert.equal(
      detail(() => listIn(res({}), 'servers')),
      '"servers" should be a list, but is missing',
    );
    assert.equal(
      detail(() => listIn(res({ servers: {} }), 'servers')),
      '"servers" should be a list, but is an object',
    );
    assert.equal(
      detail(() => listIn(res({ servers: [null] }), 'servers')),
      'item 0 of "servers" should be an object, but is null',
    );
    assert.equal(
      detail(() => listIn(res({ servers: [{ id: 'a' }, { name: 'b' }] }), 'servers')),
      'item 1 of "servers" has no id',
    );
    assert.equal(
      detail(() => listIn(res({ keypairs: [{ keypair: { name: 1 } }] }), 'keypairs', 'name', 'keypair')),
      'item 0 of "keypairs" has no name',
    );
    assert.deepEqual(listIn(res({ servers: [] }), 'servers'), []);
  });
  test('a resource: an object with an id where one is wanted', () => {
    assert.equal(
      detail(() => resourceIn(res({ server: [] }), 'server')),
      '"server" should be an object, but is a list',
    );
    assert.equal(
      detail(() => resourceIn(res({ server: { name: 'x' } }), 'server')),
      '"server" has no id',
    );
    assert.equal(
      detail(() => resourceIn(res('<html>'), undefined)),
      'the body should be a JSON object, but is text',
    );
    assert.equal(
      detail(() => bodyObject(res(''))),
      'the body should be a JSON object, but is an empty body',
    );
    assert.deepEqual(resourceIn(res({ id: 7 }), undefined), { id: 7 });
  });
});
