import { novashCommand } from './commandLine.js';
import type { DraftError } from './errors.js';
import { defaultBackupName, validateName } from './names.js';

/**
 * The backup form's draft (createBackup) and what it means without a cloud: validation messages
 * naming the field, the backup type, the one-shot command line. Rotation: see rotation.ts.
 */

export const BACKUP_TYPES = ['daily', 'weekly', 'custom'] as const;
export type BackupTypeChoice = (typeof BACKUP_TYPES)[number];

export interface BackupDraft {
  name: string;
  typeChoice: BackupTypeChoice;
  /** The label when typeChoice is custom. */
  customType: string;
  /** As typed: a whole number >= 0. */
  rotation: string;
}

export function newBackupDraft(serverName: string, now: Date = new Date()): BackupDraft {
  return { name: defaultBackupName(serverName, now), typeChoice: 'daily', customType: '', rotation: '1' };
}

export function backupTypeOf(draft: BackupDraft): string {
  return draft.typeChoice === 'custom' ? draft.customType.trim() : draft.typeChoice;
}

export type RotationParse = { ok: true; value: number } | { ok: false; message: string };

export function parseRotation(text: string): RotationParse {
  const t = text.trim();
  if (!/^\d+$/.test(t))
    return {
      ok: false,
      message: `Rotation must be a whole number, 0 or more (how many backups of this type to keep); got ${t ? `'${t}'` : 'nothing'}.`,
    };
  return { ok: true, value: Number(t) };
}

export function validateBackup(draft: BackupDraft): DraftError[] {
  const errors: DraftError[] = [];
  const nameError = validateName(draft.name, 'Name');
  if (nameError) errors.push({ field: 'name', message: nameError });
  if (draft.typeChoice === 'custom') {
    const t = draft.customType;
    if (!t.trim())
      errors.push({ field: 'type', message: 'Type: give a label for the custom backup type (daily, weekly, or any text, e.g. hourly).' });
    else if (t !== t.trim()) errors.push({ field: 'type', message: 'Type must not start or end with a space.' });
    else if ([...t].length > 255)
      errors.push({ field: 'type', message: `Type is ${[...t].length} characters long; at most 255 are allowed.` });
  }
  const rotation = parseRotation(draft.rotation);
  if (!rotation.ok) errors.push({ field: 'rotation', message: rotation.message });
  return errors;
}

/** `novash backup SERVER NAME TYPE ROTATION --wait` */
export function backupCommandLine(serverRef: string, draft: BackupDraft, cloudName?: string): string {
  return novashCommand(cloudName, 'backup', [['--wait']], [serverRef, draft.name, backupTypeOf(draft), draft.rotation.trim()]);
}
