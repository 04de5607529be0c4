/**
 * What createBackup's rotation will delete. Nova (compute manager `_rotate_backups`) lists the
 * server's backups of that type newest first, the new one included, and deletes every one past
 * the `rotation` newest. So with N existing backups and rotation R, the new backup makes N + 1 and
 * the oldest max(0, N + 1 - R) existing ones go; rotation 0 deletes them all, the new one too.
 */
export interface RotationPreview<T> {
  /** Existing backups that stay, newest first. */
  keep: T[];
  /** Existing backups Nova will delete, newest first (the oldest ones). */
  remove: T[];
  /** Rotation 0: the new backup itself is deleted as soon as it is made. */
  removesNew: boolean;
}

function time(x: { createdAt?: string }): number {
  const t = x.createdAt ? Date.parse(x.createdAt) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Newest first by created_at (stable for equal or missing times). */
export function newestFirst<T extends { createdAt?: string }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => time(b.item) - time(a.item) || a.i - b.i)
    .map((x) => x.item);
}

export function rotationPreview<T extends { createdAt?: string }>(existing: T[], rotation: number): RotationPreview<T> {
  const sorted = newestFirst(existing);
  const r = Math.max(0, Math.floor(rotation));
  const removeCount = Math.min(sorted.length, Math.max(0, sorted.length + 1 - r));
  const keepCount = sorted.length - removeCount;
  return { keep: sorted.slice(0, keepCount), remove: sorted.slice(keepCount), removesNew: r === 0 };
}

/** One sentence for the form: what happens to the existing backups. */
export function describeRotation(existingCount: number, rotation: number, type: string, serverName: string): string {
  const removeCount = Math.min(existingCount, Math.max(0, existingCount + 1 - rotation));
  if (rotation === 0) {
    return `Rotation 0: Nova deletes every ${type} backup of ${serverName}, the new one too (${existingCount} existing).`;
  }
  const kept = `Nova keeps the ${rotation} newest ${type} backup${rotation === 1 ? '' : 's'} of ${serverName}, the new one included`;
  if (removeCount === 0) return `${kept}: no existing backup is deleted.`;
  return `${kept}: the ${removeCount} oldest of ${existingCount} existing will be deleted.`;
}
