/**
 * The guided forms (boot, backup, snapshot, resize, rebuild). This file is the contract between
 * the app and the forms: the app mounts one of these in its body and suspends its own keys while
 * it is open; the form calls onClose when it is done or cancelled.
 */
export type { FormHostProps, FormOutcome } from './types.js';
export { BootForm } from './boot/BootForm.js';
export { BackupForm } from './BackupForm.js';
export { SnapshotForm } from './SnapshotForm.js';
export { ResizeForm } from './ResizeForm.js';
export { RebuildForm } from './RebuildForm.js';
