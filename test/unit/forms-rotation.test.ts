import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRotation, newestFirst, rotationPreview } from '../../src/forms/rotation.js';

const b = (name: string, createdAt: string) => ({ name, createdAt });
// Given oldest first on purpose: the preview sorts newest first itself.
const existing = [b('b1', '2026-11-20T10:00:00Z'), b('b2', '2026-11-21T10:00:00Z'), b('b3', '2026-11-22T10:00:00Z')];
const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name);

describe('forms: backup rotation preview (Nova _rotate_backups)', () => {
  it('sorts newest first', () => {
    assert.deepEqual(names(newestFirst(existing)), ['b3', 'b2', 'b1']);
  });
  it('keeps rotation newest including the new one: deletes the oldest N + 1 - R', () => {
    const p = rotationPreview(existing, 2);
    assert.deepEqual(names(p.keep), ['b3']);
    assert.deepEqual(names(p.remove), ['b2', 'b1']);
    assert.equal(p.removesNew, false);
  });
  it('deletes nothing when there is room', () => {
    assert.deepEqual(names(rotationPreview(existing, 4).remove), []);
    assert.deepEqual(names(rotationPreview(existing, 10).keep), ['b3', 'b2', 'b1']);
    assert.deepEqual(names(rotationPreview([], 1).remove), []);
  });
  it('rotation 1 keeps only the new backup', () => {
    const p = rotationPreview(existing, 1);
    assert.deepEqual(names(p.keep), []);
    assert.deepEqual(names(p.remove), ['b3', 'b2', 'b1']);
  });
  it('rotation 0 deletes everything, the new one too', () => {
    const p = rotationPreview(existing, 0);
    assert.deepEqual(names(p.remove), ['b3', 'b2', 'b1']);
    assert.equal(p.removesNew, true);
    assert.equal(rotationPreview([], 0).removesNew, true);
  });
  it('matches max(0, N + 1 - R) for every small N and R', () => {
    for (let n = 0; n < 6; n++) {
      const list = Array.from({ length: n }, (_, i) => b(`x${i}`, new Date(Date.UTC(2026, 0, 1 + i)).toISOString()));
      for (let r = 0; r < 8; r++) {
        const p = rotationPreview(list, r);
        assert.equal(p.remove.length, Math.min(n, Math.max(0, n + 1 - r)), `n=${n} r=${r}`);
        assert.equal(p.keep.length + p.remove.length, n);
        // The ones removed are always the oldest.
        for (const k of p.keep) for (const d of p.remove) assert.ok(k.createdAt > d.createdAt);
      }
    }
  });
  it('describes the outcome in one sentence', () => {
    assert.equal(
      describeRotation(3, 2, 'daily', 'vm1'),
      'Nova keeps the 2 newest daily backups of vm1, the new one included: the 2 oldest of 3 existing will be deleted.',
    );
    assert.equal(
      describeRotation(0, 2, 'daily', 'vm1'),
      'Nova keeps the 2 newest daily backups of vm1, the new one included: no existing backup is deleted.',
    );
    assert.match(describeRotation(2, 0, 'weekly', 'vm1'), /Rotation 0: Nova deletes every weekly backup of vm1, the new one too/);
  });
});
