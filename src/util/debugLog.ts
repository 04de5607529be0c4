import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A debug log never grows past this: then it becomes `<file>.1` (replacing the one before) and a new one starts. */
export const DEBUG_LOG_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A line sink writing to a file that only its user can read (0600, in a 0700 directory), rotated
 * at `maxBytes` with one backup. Best effort: a full disk or a vanished directory never fails
 * the program that logs. Lines should already be redacted (the session scrubs every secret).
 */
export function openDebugLog(file: string, maxBytes = DEBUG_LOG_MAX_BYTES): (line: string) => void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  let size = 0;
  try {
    chmodSync(file, 0o600);
    size = statSync(file).size;
  } catch {
    // not there yet: created below with 0600
  }
  return (line: string) => {
    const text = `${new Date().toISOString()} ${line}\n`;
    try {
      if (size > 0 && size + Buffer.byteLength(text) > maxBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      appendFileSync(file, text, { mode: 0o600 });
      size += Buffer.byteLength(text);
    } catch {
      // a log is best effort
    }
  };
}
