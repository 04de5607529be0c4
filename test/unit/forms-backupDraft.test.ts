import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupCommandLine, backupTypeOf, newBackupDraft, parseRotation, validateBackup } from '../../src/forms/backupDraft.js';
import { newSnapshotDraft, snapshotCommandLine, validateSnapshot } from '../../src/forms/snapshotDraft.js';

const at = new Date(2026, 10, 22, 14, 30);

describe('forms: backup draft', () => {
  it('starts with the default name, daily, rotation 1', () => {
    assert.deepEqual(newBackupDraft('vm1', at), { name: 'vm1-backup-20261122-1430', typeChoice: 'daily', customType: '', rotation: '1' });
    assert.deepEqual(validateBackup(newBackupDraft('vm1', at)), []);
  });
  it('type: daily, weekly or a custom label', () => {
    assert.equal(backupTypeOf({ ...newBackupDraft('vm1', at), typeChoice: 'weekly' }), 'weekly');
    assert.equal(backupTypeOf({ ...newBackupDraft('vm1', at), typeChoice: 'custom', customType: 'hourly' }), 'hourly');
    assert.deepEqual(validateBackup({ ...newBackupDraft('vm1', at), typeChoice: 'custom' }), [
      { field: 'type', message: 'Type: give a label for the custom backup type (daily, weekly, or any text, e.g. hourly).' },
    ]);
  });
  it('rotation: a whole number >= 0', () => {
    assert.deepEqual(parseRotation('0'), { ok: true, value: 0 });
    assert.deepEqual(parseRotation(' 12 '), { ok: true, value: 12 });
    for (const bad of ['-1', '1.5', 'two', '']) assert.equal(parseRotation(bad).ok, false, bad);
    assert.deepEqual(validateBackup({ ...newBackupDraft('vm1', at), rotation: '-1' }), [
      { field: 'rotation', message: "Rotation must be a whole number, 0 or more (how many backups of this type to keep); got '-1'." },
    ]);
  });
  it('validates the name like a server name', () => {
    assert.equal(validateBackup({ ...newBackupDraft('vm1', at), name: ' x' })[0]!.field, 'name');
  });
  it('gives the one-shot command', () => {
    assert.equal(
      backupCommandLine('vm1', newBackupDraft('vm1', at), 'devcloud'),
      'novash --os-cloud devcloud backup --wait vm1 vm1-backup-20261122-1430 daily 1',
    );
  });
});

describe('forms: snapshot draft', () => {
  it('defaults, validation and command line', () => {
    const d = newSnapshotDraft('vm1', at);
    assert.deepEqual(d, { name: 'vm1-snapshot-20261122-1430', metadataText: '' });
    assert.deepEqual(
      validateSnapshot({ ...d, metadataText: 'bad' }).map((e) => e.field),
      ['metadata'],
    );
    assert.equal(
      snapshotCommandLine('vm1', { ...d, metadataText: 'a=1 "b=x y"' }),
      "novash image-create --metadata a=1 --metadata 'b=x y' --wait vm1 vm1-snapshot-20261122-1430",
    );
  });
});
