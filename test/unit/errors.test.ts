import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError, NotFoundError, UnexpectedAnswerError, describeError, parseErrorBody } from '../../src/session/errors.js';

describe('parseErrorBody', () => {
  test('Nova: {"<kind>": {"code", "message"}}', () => {
    assert.deepEqual(
      parseErrorBody(404, '{"itemNotFound": {"code": 404, "message": "Instance 9a1b could not be found."}}', 'application/json'),
      { kind: 'itemNotFound', message: 'Instance 9a1b could not be found.' },
    );
    assert.deepEqual(
      parseErrorBody(409, '{"conflictingRequest": {"code": 409, "message": "Cannot \'stop\' instance while it is in vm_state stopped"}}'),
      { kind: 'conflictingRequest', message: "Cannot 'stop' instance while it is in vm_state stopped" },
    );
    assert.deepEqual(
      parseErrorBody(
        403,
        '{"forbidden": {"code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"}}',
      ),
      { kind: 'forbidden', message: 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances' },
    );
  });

  test('Keystone: {"error": {"code", "title", "message"}}', () => {
    const r = parseErrorBody(
      401,
      '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
      'application/json',
    );
    assert.equal(r.message, 'The request you have made requires authentication.');
  });

  test('Keystone with an empty message falls back to the title', () => {
    assert.equal(parseErrorBody(403, '{"error": {"code": 403, "title": "Forbidden", "message": ""}}').message, 'Forbidden');
  });

  test('Neutron: {"NeutronError": {"type", "message", "detail"}}', () => {
    const r = parseErrorBody(
      404,
      '{"NeutronError": {"type": "NetworkNotFound", "message": "Network 5e3c could not be found.", "detail": ""}}',
      'application/json',
    );
    assert.equal(r.message, 'Network 5e3c could not be found.');
  });

  test('Glance HTML page: the explanation, without the tags or the status line', () => {
    const html = `<html>
 <head>
  <title>404 Not Found</title>
 </head>
 <body>
  <h1>404 Not Found</h1>
  No image found with ID 0c4f2a1e-5b6d-4e7f-8a9b-1c2d3e4f5a6b<br /><br />


 </body>
</html>`;
    assert.deepEqual(parseErrorBody(404, html, 'text/html; charset=UTF-8'), {
      kind: 'http404',
      message: 'No image found with ID 0c4f2a1e-5b6d-4e7f-8a9b-1c2d3e4f5a6b',
    });
  });

  test('Glance HTML with a one-word status', () => {
    const html =
      '<html><head><title>409 Conflict</title></head><body><h1>409 Conflict</h1>Image status transition from active to active is not allowed<br /><br /></body></html>';
    assert.equal(parseErrorBody(409, html, 'text/html').message, 'Image status transition from active to active is not allowed');
  });

  test('webob plain text: the status line is dropped', () => {
    assert.equal(
      parseErrorBody(404, '404 Not Found\n\nThe resource could not be found.\n\n   ', 'text/plain').message,
      'The resource could not be found.',
    );
    assert.equal(
      parseErrorBody(400, "400 Bad Request\n\nProvided object does not match schema 'image'\n\n", 'text/plain').message,
      "Provided object does not match schema 'image'",
    );
    assert.equal(
      parseErrorBody(403, '403 Forbidden\r\n\r\nYou are not authorized to complete this action.\r\n').message,
      'You are not authorized to complete this action.',
    );
  });

  test('plain text that is only a message is kept whole', () => {
    assert.equal(
      parseErrorBody(503, 'Service temporarily unavailable, try again later', 'text/plain').message,
      'Service temporarily unavailable, try again later',
    );
    assert.equal(parseErrorBody(500, '500 Internal Server Error', 'text/plain').message, '500 Internal Server Error');
  });

  test('an empty body gives the status text', () => {
    assert.deepEqual(parseErrorBody(404, ''), { kind: 'http404', message: 'Not found' });
    assert.deepEqual(parseErrorBody(503, undefined), { kind: 'http503', message: 'Service unavailable' });
    assert.deepEqual(parseErrorBody(418, '   '), { kind: 'http418', message: 'HTTP 418' });
  });

  test('a JSON content type with a body that is not JSON is read as text', () => {
    assert.equal(parseErrorBody(502, 'upstream connect error', 'application/json').message, 'upstream connect error');
  });

  test('a huge text body is only scanned at its start, and says how much is left out', () => {
    const m = parseErrorBody(500, 'x'.repeat(50_000), 'text/plain').message;
    assert.equal(m, `${'x'.repeat(20_000)}… (30000 more characters)`);
  });

  test('a kind that is not a label (escapes, spaces) gives way to the status', () => {
    assert.equal(parseErrorBody(500, '{"\u001b]0;PWNED\u0007": {"message": "boom"}}').kind, 'http500');
    assert.equal(parseErrorBody(500, '{"computeFault": {"message": "boom"}}').kind, 'computeFault');
  });
});

describe('ApiError.describe / describeError', () => {
  test('message, HTTP status and request id on one line', () => {
    const err = new NotFoundError('Instance 9a1b could not be found.', 404, 'itemNotFound', 'req-1234', 'GET', 'http://nova/servers/9a1b');
    assert.equal(err.describe(), 'Instance 9a1b could not be found. (HTTP 404, request req-1234)');
    assert.equal(describeError(err), 'Instance 9a1b could not be found. (HTTP 404, request req-1234)');
    assert.ok(err instanceof ApiError);
  });

  test('a 50 MB message is cut to 500 characters, on one line, and the status and request id still end it', () => {
    const err = new ApiError(`first line\nsecond ${'y'.repeat(50_000_000)}`, 500, 'computeFault', 'req-77', 'GET', 'http://nova/limits');
    const line = describeError(err);
    assert.ok(line.length < 600, `${line.length} characters`);
    assert.match(line, /^first line second y+… \(49999\d{3} more characters\) \(HTTP 500, request req-77\)$/);
  });

  test('control characters from the cloud are made visible, in the message and the request id', () => {
    const err = new ApiError(
      'image x\u001b[31mRED\u001b]0;PWNED\u0007 is busy',
      409,
      'conflictingRequest',
      'req-\u001b[2J',
      'DELETE',
      'http://g/x',
    );
    assert.equal(describeError(err), 'image x^[[31mRED^[]0;PWNED^G is busy (HTTP 409, request req-^[[2J)');
    assert.equal(describeError(new Error('a\u0007b\nc')), 'a^Gb c');
  });

  test('an unexpected 2xx names the service, request, status and request id; a POST may have been carried out', () => {
    const get = new UnexpectedAnswerError(
      'compute',
      '"servers" should be a list, but is missing',
      200,
      'req-1',
      'GET',
      'http://nova:8774/v2.1/servers/detail',
    );
    assert.equal(
      get.describe(),
      'Unexpected answer from compute to GET /v2.1/servers/detail (HTTP 200, request req-1): "servers" should be a list, but is missing',
    );
    const post = new UnexpectedAnswerError('compute', 'the body is not JSON', 202, undefined, 'POST', 'http://nova:8774/v2.1/servers');
    assert.match(post.describe(), /\(HTTP 202\): the body is not JSON; the cloud accepted the POST, so it may have been carried out$/);
  });

  test('without a request id; plain errors and non-errors', () => {
    assert.equal(new ApiError('Bad request', 400, 'badRequest', undefined, 'POST', '/x').describe(), 'Bad request (HTTP 400)');
    assert.equal(describeError(new Error('boom')), 'boom');
    assert.equal(describeError('text'), 'text');
  });
});

test('a reworded cloud error keeps its class, status and request id; the new words are what is said', () => {
  const nf = new NotFoundError('The resource could not be found.', 404, 'itemNotFound', 'req-1', 'GET', 'http://n/v2.0/floatingips');
  const said = nf.reworded(`This cloud's Neutron serves no floating IPs: ${nf.message}`);
  assert.ok(said instanceof NotFoundError);
  assert.equal(said.requestId, 'req-1');
  assert.equal(said.describe(), "This cloud's Neutron serves no floating IPs: The resource could not be found. (HTTP 404, request req-1)");
  const api = new ApiError('Unavailable console type novnc.', 400, 'badRequest', 'req-2', 'POST', 'http://n/servers/x/remote-consoles');
  assert.equal(api.reworded('No console.').constructor, ApiError);
});
