import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildBootBody, imageIdFromResponse, type BootRequest } from '../../src/managers/servers.js';
import { USER_DATA_MAX_BYTES } from '../../src/managers/userData.js';
import { UsageError } from '../../src/session/errors.js';

const IMAGE = '0c4f2a1e-5b6d-4e7f-8a9b-1c2d3e4f5a6b';
const NET = '5e3c1d2b-0a9f-4e8d-b7c6-a5f4e3d2c1b0';
const BASE: BootRequest = { name: 'vm1', imageId: IMAGE, flavorId: '1' };

function server(req: Partial<BootRequest>, mv = '2.93'): Record<string, unknown> {
  return (buildBootBody({ ...BASE, ...req }, mv) as { server: Record<string, unknown> }).server;
}

function usage(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof UsageError, `expected UsageError, got ${String(err)}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

describe('buildBootBody', () => {
  test('the smallest request: name, flavorRef, imageRef and automatic networking from 2.37', () => {
    assert.deepEqual(buildBootBody(BASE, '2.93'), { server: { name: 'vm1', flavorRef: '1', imageRef: IMAGE, networks: 'auto' } });
  });

  test('before 2.37 no networks key is sent unless asked for', () => {
    assert.deepEqual(server({}, '2.36'), { name: 'vm1', flavorRef: '1', imageRef: IMAGE });
  });

  test('optional fields map to their API names', () => {
    const s = server({
      keyName: 'mykey',
      securityGroups: ['default', 'web'],
      availabilityZone: 'nova',
      metadata: { role: 'web' },
      description: 'front end',
      configDrive: true,
      userData: Buffer.from('#!/bin/sh\necho hi\n'),
    });
    assert.equal(s.key_name, 'mykey');
    assert.deepEqual(s.security_groups, [{ name: 'default' }, { name: 'web' }]);
    assert.equal(s.availability_zone, 'nova');
    assert.deepEqual(s.metadata, { role: 'web' });
    assert.equal(s.description, 'front end');
    assert.equal(s.config_drive, true);
    assert.equal(Buffer.from(String(s.user_data), 'base64').toString(), '#!/bin/sh\necho hi\n');
  });

  test('empty metadata and security groups are left out', () => {
    const s = server({ metadata: {}, securityGroups: [] });
    assert.equal('metadata' in s, false);
    assert.equal('security_groups' in s, false);
  });

  test('name: required, at most 255 characters', () => {
    usage(
      () => server({ name: '  ' }),
      'The server name must not start or end with a space (1–255 characters, no leading or trailing spaces, no control characters).',
    );
    usage(
      () => server({ name: '' }),
      'The server name is required (1–255 characters, no leading or trailing spaces, no control characters).',
    );
    usage(
      () => server({ name: 'x\u001b[31mRED' }),
      'The server name contains character U+001B; only printable characters are allowed (1–255 characters, no leading or trailing spaces, no control characters; nothing beyond U+FFFF such as emoji).',
    );
    assert.equal(server({ name: 'a'.repeat(255) }).name, 'a'.repeat(255));
    usage(() => server({ name: 'a'.repeat(256) }), 'The server name is 256 characters long; at most 255 are allowed.');
  });

  test('names as Nova takes them: 255 CJK characters pass; an emoji (beyond U+FFFF, refused by Nova) is named', () => {
    const name = '漢'.repeat(255);
    assert.equal(server({ name }).name, name);
    usage(() => server({ name: 'web 😀' }), /^The server name contains '😀' \(U\+1F600, beyond U\+FFFF\)/);
  });

  test('image and flavor are required', () => {
    usage(() => server({ imageId: undefined }), 'An image is required.');
    usage(() => server({ flavorId: '' }), 'A flavor is required.');
  });

  test('user data: 48 KiB is accepted, one byte more is refused with the sizes', () => {
    const max = Buffer.alloc(USER_DATA_MAX_BYTES, 'a');
    assert.equal(USER_DATA_MAX_BYTES, 48 * 1024);
    assert.equal(Buffer.from(String(server({ userData: max }).user_data), 'base64').length, USER_DATA_MAX_BYTES);
    // One byte over must not read "48.0 KiB; at most 48 KiB": the byte counts are given.
    usage(
      () => server({ userData: Buffer.alloc(USER_DATA_MAX_BYTES + 1, 'a') }),
      'User data is 49153 bytes (48.0 KiB); at most 49152 bytes (48 KiB) are allowed (Nova takes 64 KiB base64-encoded).',
    );
    usage(() => server({ userData: Buffer.alloc(100 * 1024, 'a') }), /^User data is 102400 bytes \(100\.0 KiB\)/);
  });

  test('--nic none / auto need 2.37', () => {
    assert.equal(server({ networks: 'none' }, '2.37').networks, 'none');
    assert.equal(server({ networks: 'auto' }, '2.37').networks, 'auto');
    usage(() => server({ networks: 'none' }, '2.36'), 'The network choice none needs compute API version 2.37 or later (in use: 2.36).');
    usage(() => server({ networks: 'auto' }, '2.1'), 'The network choice auto needs compute API version 2.37 or later (in use: 2.1).');
  });

  test('explicit networks, ports and fixed IPs', () => {
    assert.deepEqual(server({ networks: [{ uuid: NET }, { port: 'p-1' }, { uuid: NET, fixedIp: '10.0.0.5' }] }, '2.1').networks, [
      { uuid: NET },
      { port: 'p-1' },
      { uuid: NET, fixed_ip: '10.0.0.5' },
    ]);
  });

  test('one server: no count keys, no reservation id', () => {
    const s = server({ minCount: 1, maxCount: 1 });
    for (const k of ['min_count', 'max_count', 'return_reservation_id']) assert.equal(k in s, false, k);
  });

  test('multi-create sets the counts and asks for the reservation id', () => {
    const s = server({ minCount: 2, maxCount: 3 });
    assert.equal(s.min_count, 2);
    assert.equal(s.max_count, 3);
    assert.equal(s.return_reservation_id, true);
    const exact = server({ minCount: 3 });
    assert.equal(exact.min_count, 3);
    assert.equal(exact.max_count, 3);
    const upTo = server({ maxCount: 4 });
    assert.equal(upTo.min_count, 1);
    assert.equal(upTo.max_count, 4);
    assert.equal(upTo.return_reservation_id, true);
  });

  test('bad counts are refused', () => {
    usage(() => server({ minCount: 0 }), 'The minimum count must be a whole number >= 1 (got 0).');
    usage(() => server({ minCount: 1.5 }), /The minimum count must be a whole number >= 1/);
    usage(() => server({ minCount: 3, maxCount: 2 }), 'The maximum count must be a whole number >= the minimum count (got 2).');
  });
});

describe('imageIdFromResponse (createImage / createBackup)', () => {
  test('from 2.45 the body carries image_id', () => {
    assert.equal(imageIdFromResponse({ image_id: IMAGE }, {}), IMAGE);
    assert.equal(imageIdFromResponse({ image_id: IMAGE }, { location: 'http://glance:9292/v2/images/other' }), IMAGE);
  });

  test('before 2.45 the Location header carries the image URL', () => {
    assert.equal(imageIdFromResponse('', { location: `http://glance:9292/v2/images/${IMAGE}` }), IMAGE);
    assert.equal(imageIdFromResponse(undefined, { location: [`http://glance:9292/images/${IMAGE}/`] }), IMAGE);
  });

  test('a backup with rotation 0 before 2.45 gives no image id', () => {
    assert.equal(imageIdFromResponse('', {}), undefined);
    assert.equal(imageIdFromResponse({}, {}), undefined);
  });
});
