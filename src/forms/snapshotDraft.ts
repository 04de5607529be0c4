import { novashCommand } from './commandLine.js';
import { parseMetadataText } from './metadata.js';
import { defaultSnapshotName, validateName } from './names.js';
import type { DraftError } from './errors.js';

/** The snapshot form's draft (createImage): name and metadata, validated; the one-shot command line. */
export interface SnapshotDraft {
  name: string;
  metadataText: string;
}

export function newSnapshotDraft(serverName: string, now: Date = new Date()): SnapshotDraft {
  return { name: defaultSnapshotName(serverName, now), metadataText: '' };
}

export function validateSnapshot(draft: SnapshotDraft): DraftError[] {
  const errors: DraftError[] = [];
  const nameError = validateName(draft.name, 'Name');
  if (nameError) errors.push({ field: 'name', message: nameError });
  const meta = parseMetadataText(draft.metadataText);
  if (!meta.ok) errors.push({ field: 'metadata', message: meta.message });
  return errors;
}

/** `novash image-create --wait [--metadata k=v ...] SERVER NAME` */
export function snapshotCommandLine(serverRef: string, draft: SnapshotDraft, cloudName?: string): string {
  const meta = parseMetadataText(draft.metadataText);
  const opts: Array<[string] | [string, string]> = [];
  if (meta.ok) for (const [k, v] of Object.entries(meta.metadata)) opts.push(['--metadata', `${k}=${v}`]);
  opts.push(['--wait']);
  return novashCommand(cloudName, 'image-create', opts, [serverRef, draft.name]);
}
