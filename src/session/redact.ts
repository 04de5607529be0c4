import { fingerprint } from '../util/hash.js';

const TOKEN_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token']);
const SECRET_KEYS = new Set(['password', 'secret', 'adminpass', 'admin_pass', 'private_key', 'token', 'application_credential_secret']);
/** User data may hold anything (keys, passwords in a cloud-init script): only its size is logged. */
const USER_DATA_KEYS = new Set(['user_data', 'os-ext-srv-attr:user_data']);

/** Headers as they may be logged: tokens become a SHA-256 prefix. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(', ') : String(value);
    const lower = name.toLowerCase();
    if (TOKEN_HEADERS.has(lower)) out[name] = fingerprint(v);
    else if (lower === 'authorization') out[name] = '***';
    else out[name] = v;
  }
  return out;
}

function redactValue(key: string, value: unknown): unknown {
  const k = key.toLowerCase();
  if (USER_DATA_KEYS.has(k) && typeof value === 'string') return `<user data: ${Buffer.byteLength(value, 'base64')} bytes>`;
  if (SECRET_KEYS.has(k)) {
    if (typeof value === 'string') return k === 'token' ? fingerprint(value) : '***';
    if (k === 'token' && value && typeof value === 'object' && 'id' in (value as object)) {
      return { ...(value as object), id: fingerprint(String((value as { id: unknown }).id)) };
    }
  }
  return redactDeep(value);
}

function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(k, v);
    return out;
  }
  return value;
}

/** A JSON body as it may be logged: passwords and secrets masked, token ids fingerprinted. */
export function redactBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') {
    try {
      return JSON.stringify(redactDeep(JSON.parse(body)));
    } catch {
      return body.length > 2000 ? body.slice(0, 2000) + '…' : body;
    }
  }
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  return JSON.stringify(redactDeep(body));
}

/** Removes secrets from arbitrary text, e.g. an error message quoting a URL or a body. */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}
