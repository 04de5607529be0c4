import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultBackupName, defaultSnapshotName, NAME_RULE, stamp, validateName, validateServerName } from '../../src/forms/names.js';

describe('forms: server and image names (Nova parameter_types.name)', () => {
  it('accepts printable names, inner spaces and non-ASCII letters', () => {
    for (const n of ['vm1', 'web server 01', 'Ärger-ß', 'x', 'a'.repeat(255), 'ü'.repeat(255), 'tab-less_name.v2:ok']) {
      assert.equal(validateServerName(n), undefined, n);
    }
  });
  it('requires a name and says what is allowed', () => {
    assert.equal(validateServerName(''), `Name is required (${NAME_RULE}).`);
  });
  it('refuses more than 255 characters, counting code points', () => {
    assert.match(validateServerName('a'.repeat(256))!, /256 characters long; at most 255 are allowed/);
    assert.equal(validateServerName('é'.repeat(255)), undefined);
  });
  it('refuses leading and trailing spaces (any Zs space)', () => {
    assert.match(validateServerName(' vm1')!, /must not start or end with a space/);
    assert.match(validateServerName('vm1 ')!, /must not start or end with a space/);
    assert.match(validateServerName('vm1\u00A0')!, /must not start or end with a space/);
    assert.match(validateServerName('   ')!, /must not start or end with a space/);
  });
  it('refuses control, format and separator characters, naming the character', () => {
    assert.match(validateServerName('vm\t1')!, /a tab \(U\+0009\)/);
    assert.match(validateServerName('vm\n1')!, /a line break \(U\+000A\)/);
    assert.match(validateServerName('vm\u200B1')!, /U\+200B/);
    assert.match(validateServerName('vm\u20281')!, /U\+2028/);
    assert.match(validateServerName('vm\u007F1')!, /U\+007F/);
  });
  it("refuses characters beyond U+FFFF, which Nova's pattern does not cover", () => {
    assert.match(validateServerName('vm-😀')!, /beyond U\+FFFF/);
  });
  it('names the field it validates', () => {
    assert.match(validateName('', 'Backup name')!, /^Backup name is required/);
  });
});

describe('forms: default names', () => {
  const at = new Date(2026, 10, 22, 9, 5);
  it('stamps yyyymmdd-hhmm in local time', () => {
    assert.equal(stamp(at), '20261122-0905');
  });
  it('names a backup <server>-backup-<yyyymmdd-hhmm>', () => {
    assert.equal(defaultBackupName('vm1', at), 'vm1-backup-20261122-0905');
    assert.equal(defaultSnapshotName('vm1', at), 'vm1-snapshot-20261122-0905');
  });
  it('keeps the default valid for a 255-character server name', () => {
    const n = defaultBackupName('s'.repeat(255), at);
    assert.equal(n.length, 255);
    assert.equal(validateName(n), undefined);
    assert.ok(n.endsWith('-backup-20261122-0905'));
  });
});
