import { readFileSync, statSync } from 'node:fs';
import { USER_DATA_MAX_BYTES } from '../managers/servers.js';

/**
 * User data from a file path, checked against Nova's cap: 48 KiB raw, because Nova accepts at
 * most 64 KiB of it base64-encoded. A check stats the file only; the bytes are read at submit.
 */
export type UserDataCheck =
  | { ok: true; path: string; bytes: number }
  | { ok: true; path: ''; bytes: 0 }
  | { ok: false; path: string; message: string };

export function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function expandHome(path: string): string {
  return path.startsWith('~/') && process.env.HOME ? `${process.env.HOME}${path.slice(1)}` : path;
}

function tooBig(field: string, path: string, bytes: number): string {
  return `${field}: '${path}' is ${bytes} bytes (${kib(bytes)}); at most ${USER_DATA_MAX_BYTES} bytes (48 KiB) are allowed (Nova takes 64 KiB base64-encoded).`;
}

export function checkUserDataFile(path: string, field = 'User data'): UserDataCheck {
  const p = path.trim();
  if (!p) return { ok: true, path: '', bytes: 0 };
  let st;
  try {
    st = statSync(expandHome(p));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, path: p, message: `${field}: cannot read '${p}' (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? 'error'}).` };
  }
  if (!st.isFile()) return { ok: false, path: p, message: `${field}: '${p}' is not a regular file.` };
  if (st.size > USER_DATA_MAX_BYTES) {
    return { ok: false, path: p, message: tooBig(field, p, st.size) };
  }
  return { ok: true, path: p, bytes: st.size };
}

/** Reads the file at submit time, checking the cap again (the file may have changed). */
export function readUserDataFile(path: string): Buffer | undefined {
  const check = checkUserDataFile(path);
  if (!check.ok) throw new Error(check.message);
  if (!check.path) return undefined;
  const data = readFileSync(expandHome(check.path));
  if (data.length > USER_DATA_MAX_BYTES) throw new Error(tooBig('User data', check.path, data.length));
  return data;
}
