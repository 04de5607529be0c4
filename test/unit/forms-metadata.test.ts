import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseMetadataText } from '../../src/forms/metadata.js';
import { checkUserDataFile, readUserDataFile } from '../../src/managers/userData.js';

describe('forms: metadata key=value field', () => {
  it('parses pairs separated by spaces, with shell quotes for spaces', () => {
    assert.deepEqual(parseMetadataText(''), { ok: true, metadata: {} });
    assert.deepEqual(parseMetadataText('role=web  "note=hello world" empty= eq=a=b'), {
      ok: true,
      metadata: { role: 'web', note: 'hello world', empty: '', eq: 'a=b' },
    });
  });
  it('names the field and what is allowed', () => {
    assert.deepEqual(parseMetadataText('role'), {
      ok: false,
      message: `Metadata: 'role' is not key=value (pairs separated by spaces; quote a value with spaces: "note=hello world").`,
    });
    assert.deepEqual(parseMetadataText('=x'), {
      ok: false,
      message: `Metadata: '=x' is not key=value (pairs separated by spaces; quote a value with spaces: "note=hello world").`,
    });
    assert.match(
      (parseMetadataText('k/1=x') as { message: string }).message,
      /key 'k\/1' is not allowed \(1–255 letters, digits, spaces or - _ : \.\)/,
    );
    assert.match((parseMetadataText(`k=${'v'.repeat(256)}`) as { message: string }).message, /256 characters long; at most 255/);
    assert.match((parseMetadataText('k=1 k=2') as { message: string }).message, /given twice/);
    assert.match((parseMetadataText('"k=1') as { message: string }).message, /Unclosed " quote/);
  });
});

describe('forms: user data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'novash-ud-'));
  it('accepts no path, and files up to 48 KiB', () => {
    assert.deepEqual(checkUserDataFile('  '), { ok: true, path: '', bytes: 0 });
    const p = join(dir, 'ok.yaml');
    writeFileSync(p, Buffer.alloc(48 * 1024, 'a'));
    assert.deepEqual(checkUserDataFile(p), { ok: true, path: p, bytes: 48 * 1024 });
    assert.equal(readUserDataFile(p)!.length, 48 * 1024);
    assert.equal(readUserDataFile(''), undefined);
  });
  it('refuses a missing file, a directory, and anything over 48 KiB', () => {
    assert.deepEqual(checkUserDataFile(join(dir, 'nope')), {
      ok: false,
      path: join(dir, 'nope'),
      message: `User data: cannot read '${join(dir, 'nope')}' (no such file).`,
    });
    assert.match((checkUserDataFile(dir) as { message: string }).message, /is a directory; give a file/);
    const big = join(dir, 'big');
    writeFileSync(big, Buffer.alloc(48 * 1024 + 1));
    assert.equal(
      (checkUserDataFile(big) as { message: string }).message,
      `User data: '${big}' is 49153 bytes (48.0 KiB); at most 49152 bytes (48 KiB) are allowed (Nova takes 64 KiB base64-encoded).`,
    );
    assert.throws(() => readUserDataFile(big), /at most 49152 bytes \(48 KiB\)/);
  });
});
