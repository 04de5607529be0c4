import { createHash } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** How a secret appears in logs: its SHA-256 prefix, enough to tell two tokens apart, useless to an attacker. */
export function fingerprint(secret: string): string {
  return `{SHA256}${sha256Hex(secret).slice(0, 16)}`;
}
