import { NAME_MAX, validateName } from '../managers/names.js';

export { NAME_MAX, NAME_RULE, validateName } from '../managers/names.js';

export const validateServerName = (name: string): string | undefined => validateName(name, 'Name');

/** yyyymmdd-hhmm in local time: what an operator reads on their own clock. */
export function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}

function withSuffix(serverName: string, suffix: string): string {
  // Keep the default itself valid: trim the server part so the whole fits in 255 characters.
  const room = NAME_MAX - suffix.length;
  return `${[...serverName].slice(0, Math.max(0, room)).join('').trimEnd()}${suffix}`;
}

/** `<server>-backup-<yyyymmdd-hhmm>` */
export function defaultBackupName(serverName: string, date: Date = new Date()): string {
  return withSuffix(serverName, `-backup-${stamp(date)}`);
}

/** `<server>-snapshot-<yyyymmdd-hhmm>` */
export function defaultSnapshotName(serverName: string, date: Date = new Date()): string {
  return withSuffix(serverName, `-snapshot-${stamp(date)}`);
}
