import { sizeText } from '../../src/commands/images.js';
import { parseRotation, type BackupDraft } from '../../src/forms/backupDraft.js';
import { describeRotation, rotationPreview, type RotationPreview } from '../../src/forms/rotation.js';
import type { Image, Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { color, statusColor } from '../theme.js';
import { commandLines, reviewLine, wrappedLines, type FormLine } from './lines.js';

/** The backup form's Review: the request, and what the rotation keeps and deletes. */

function backupRow(b: Image): string {
  return `${b.name}  ${b.createdAt ?? ''}  ${b.status}${b.size ? `  ${sizeText(b.size)}` : ''}`;
}

export interface BackupReview {
  server: Server;
  draft: BackupDraft;
  type: string;
  errors: Array<{ message: string }>;
  /** The server's existing backups of that type (loading: neither data nor error). */
  backups: { data?: Image[]; error?: unknown };
  width: number;
  /** The equivalent one-shot command. */
  command: string;
}

export function backupReviewLines(r: BackupReview): FormLine[] {
  const { server, draft, type, width, backups } = r;
  const lines: FormLine[] = [reviewLine('server', `${server.name} (${server.id})`), reviewLine('name', draft.name), reviewLine('backup_type', type || '(none)'), reviewLine('rotation', draft.rotation)];
  for (const e of r.errors) lines.push(...wrappedLines(e.message, width, { color: color('red') }));
  lines.push({ text: '' });
  const parsed = parseRotation(draft.rotation);
  const rotation = parsed.ok ? parsed.value : undefined;
  if (!backups.data && !backups.error) lines.push({ text: `  Listing the existing ${type} backups of ${server.name}…`, color: color('cyan') });
  else if (backups.error) lines.push({ text: `  Cannot list the existing backups: ${describeError(backups.error)} (Ctrl-R retry)`, color: color('red') });
  else if (rotation !== undefined && type) {
    const preview = rotationPreview(backups.data ?? [], rotation);
    lines.push(...wrappedLines(describeRotation(backups.data?.length ?? 0, rotation, type, server.name), width, { bold: true }));
    lines.push({ text: `  Existing ${type} backups of ${server.name} in Glance, newest first:`, dim: true });
    if (!preview.keep.length && !preview.remove.length) lines.push({ text: '    (none)', dim: true });
    const tag = (t: string) => `    ${t.padEnd(9)}`;
    for (const b of preview.keep) lines.push({ text: `${tag('keep')}${backupRow(b)}`, color: statusColor('ACTIVE') });
    for (const b of preview.remove) lines.push({ text: `${tag('DELETE')}${backupRow(b)}`, color: color('red'), bold: true });
    lines.push({
      text: `${tag(preview.removesNew ? 'DELETE' : 'new')}${draft.name}  (made by this backup${preview.removesNew ? ', deleted at once by rotation 0' : ''})`,
      color: preview.removesNew ? color('red') : color('cyan'),
    });
  }
  lines.push(...commandLines(r.command, width));
  return lines;
}

/** The question before a backup whose rotation deletes older backups (or cannot tell which). */
export function rotationQuestion(serverName: string, type: string, rotation: number, preview: RotationPreview<Image>, listError: unknown): string {
  const names = preview.remove.map((b) => b.name).join(', ');
  if (preview.removesNew) return `Rotation 0: Nova deletes every ${type} backup of ${serverName}, the new one too (${preview.remove.length} existing: ${names || 'none'}).`;
  if (listError) return `The existing ${type} backups could not be listed (${describeError(listError)}): Nova may delete older ones beyond rotation ${rotation}.`;
  return `Nova will delete ${preview.remove.length} older ${type} backup${preview.remove.length > 1 ? 's' : ''} of ${serverName}: ${names}.`;
}
