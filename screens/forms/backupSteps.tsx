import React from 'react';
import { sizeText } from '../../src/commands/images.js';
import { BACKUP_TYPES, parseRotation, type BackupDraft } from '../../src/forms/backupDraft.js';
import { describeRotation, rotationPreview, type RotationPreview } from '../../src/forms/rotation.js';
import type { Image, Server } from '../../src/managers/types.js';
import { describeError } from '../../src/session/errors.js';
import { color, statusColor } from '../theme.js';
import { ChoiceField, FormFrame, STEP_KEYS, TextField, type FormFrameProps } from './fields.js';
import { commandLines, reviewLine, wrappedLines, type FormLine } from './lines.js';
import { textOf, type TextFields } from './textEdit.js';

/** The backup form's Details and Review steps: the request, and what the rotation keeps and deletes. */

export type BackupTextKey = 'name' | 'customType' | 'rotation';
export type BackupFieldKey = BackupTextKey | 'type';

/** The fields of Details, in order (Custom type only for a custom type). */
export function fieldsOf(d: BackupDraft): BackupFieldKey[] {
  return ['name', 'type', ...(d.typeChoice === 'custom' ? (['customType'] as const) : []), 'rotation'];
}

export interface BackupDetailsProps {
  frame: Omit<FormFrameProps, 'children' | 'hints'>;
  state: TextFields<BackupTextKey> & { draft: BackupDraft; field: number; visited: string[] };
  errors: Array<{ field: string; message: string }>;
  width: number;
}

/** Details: name, type (daily, weekly, custom), rotation. */
export function BackupDetailsStep(props: BackupDetailsProps): React.JSX.Element {
  const { state: s, errors, width } = props;
  const fields = fieldsOf(s.draft);
  const focus = fields[Math.min(s.field, fields.length - 1)];
  const err = (f: string) => (s.visited.includes('details') || f !== 'name' ? errors.find((e) => e.field === f)?.message : undefined);
  return (
    <FormFrame {...props.frame} hints={`↑↓ field  ←→ type  Enter next  ${STEP_KEYS}`}>
      <TextField
        label="Name"
        state={textOf(s, 'name')}
        focused={focus === 'name'}
        width={width}
        error={errors.find((e) => e.field === 'name')?.message}
      />
      <ChoiceField
        label="Type"
        options={['daily', 'weekly', 'custom…']}
        index={BACKUP_TYPES.indexOf(s.draft.typeChoice)}
        focused={focus === 'type'}
        note={focus === 'type' ? '←→ change' : ''}
      />
      {s.draft.typeChoice === 'custom' ? (
        <TextField
          label="Custom type"
          state={textOf(s, 'customType')}
          focused={focus === 'customType'}
          width={width}
          placeholder="any label, e.g. hourly"
          error={err('type')}
        />
      ) : null}
      <TextField
        label="Rotation"
        state={textOf(s, 'rotation')}
        focused={focus === 'rotation'}
        width={width}
        note="backups of this type to keep, the new one included (0 deletes all)"
        error={errors.find((e) => e.field === 'rotation')?.message}
      />
    </FormFrame>
  );
}

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
  const lines: FormLine[] = [
    reviewLine('server', `${server.name} (${server.id})`),
    reviewLine('name', draft.name),
    reviewLine('backup_type', type || '(none)'),
    reviewLine('rotation', draft.rotation),
  ];
  for (const e of r.errors) lines.push(...wrappedLines(e.message, width, { color: color('red') }));
  lines.push({ text: '' });
  const parsed = parseRotation(draft.rotation);
  const rotation = parsed.ok ? parsed.value : undefined;
  if (!backups.data && !backups.error)
    lines.push({ text: `  Listing the existing ${type} backups of ${server.name}…`, color: color('cyan') });
  else if (backups.error)
    lines.push({ text: `  Cannot list the existing backups: ${describeError(backups.error)} (Ctrl-R retry)`, color: color('red') });
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
export function rotationQuestion(
  serverName: string,
  type: string,
  rotation: number,
  preview: RotationPreview<Image>,
  listError: unknown,
): string {
  const names = preview.remove.map((b) => b.name).join(', ');
  if (preview.removesNew)
    return `Rotation 0: Nova deletes every ${type} backup of ${serverName}, the new one too (${preview.remove.length} existing: ${names || 'none'}).`;
  if (listError)
    return `The existing ${type} backups could not be listed (${describeError(listError)}): Nova may delete older ones beyond rotation ${rotation}.`;
  return `Nova will delete ${preview.remove.length} older ${type} backup${preview.remove.length > 1 ? 's' : ''} of ${serverName}: ${names}.`;
}
