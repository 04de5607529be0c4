import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { UsageError } from '../session/errors.js';

/**
 * User data, checked once for the CLI, the boot form and the library alike: at most 48 KiB raw,
 * because Nova accepts at most 64 KiB of it base64-encoded. A file is read through a bounded
 * buffer (the cap plus one byte), so `/dev/zero` or a huge file is refused without filling memory.
 */
export const USER_DATA_MAX_BYTES = 48 * 1024;

export type UserDataCheck =
  { ok: true; path: string; bytes: number } | { ok: true; path: ''; bytes: 0 } | { ok: false; path: string; message: string };

export function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The problem with user data of this size, or undefined when it fits. */
export function userDataTooBig(bytes: number, what = 'User data'): string | undefined {
  if (bytes <= USER_DATA_MAX_BYTES) return undefined;
  return `${what} is ${bytes} bytes (${kib(bytes)}); at most ${USER_DATA_MAX_BYTES} bytes (48 KiB) are allowed (Nova takes 64 KiB base64-encoded).`;
}

function expandHome(path: string): string {
  return path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}

function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? String(err);
}

/**
 * Reads at most the cap plus one byte of a regular file. `field` names the value in messages
 * ('--user-data' for the CLI, 'User data' for the form).
 */
function readBounded(path: string, field: string): { data?: Buffer; check: UserDataCheck } {
  const p = path.trim();
  if (!p) return { check: { ok: true, path: '', bytes: 0 } };
  let fd: number;
  try {
    fd = openSync(expandHome(p), 'r');
  } catch (err) {
    return { check: { ok: false, path: p, message: `${field}: cannot read '${p}' (${errnoText(err)}).` } };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { check: { ok: false, path: p, message: `${field}: '${p}' is a directory; give a file.` } };
    if (!st.isFile())
      return {
        check: {
          ok: false,
          path: p,
          message: `${field}: '${p}' is not a regular file (a device or a pipe); give a file of at most 48 KiB.`,
        },
      };
    const buf = Buffer.alloc(USER_DATA_MAX_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n >= buf.length) break;
    }
    const tooBig = userDataTooBig(n > USER_DATA_MAX_BYTES ? Math.max(st.size, n) : n, `${field}: '${p}'`);
    if (tooBig) return { check: { ok: false, path: p, message: tooBig } };
    return { data: buf.subarray(0, n), check: { ok: true, path: p, bytes: n } };
  } catch (err) {
    return { check: { ok: false, path: p, message: `${field}: cannot read '${p}' (${errnoText(err)}).` } };
  } finally {
    closeSync(fd);
  }
}

/** Checks a file without keeping its bytes (the form checks while the user types). */
export function checkUserDataFile(path: string, field = 'User data'): UserDataCheck {
  return readBounded(path, field).check;
}

/** The file's bytes, checked; throws an Error with the message when it cannot be used. */
export function readUserDataFile(path: string, field = 'User data'): Buffer | undefined {
  const { data, check } = readBounded(path, field);
  if (!check.ok) throw new UsageError(check.message);
  return data;
}
