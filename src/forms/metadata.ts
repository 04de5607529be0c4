import { splitCommandLine } from '../commands/parse.js';

/**
 * Metadata as typed in a form field: `key=value` pairs separated by spaces, quoted like a shell
 * word when a value has spaces (`role=web "note=hello world"`). Keys and values follow Nova's
 * schema (parameter_types.metadata): key 1–255 of letters, digits, space and - _ : . ; value
 * at most 255 characters.
 */
export const METADATA_KEY = /^[a-zA-Z0-9-_:. ]{1,255}$/;
export const METADATA_KEY_RULE = '1–255 letters, digits, spaces or - _ : .';

export type MetadataParse = { ok: true; metadata: Record<string, string> } | { ok: false; message: string };

export function parseMetadataText(text: string, field = 'Metadata'): MetadataParse {
  let words: string[];
  try {
    words = splitCommandLine(text);
  } catch (err) {
    return { ok: false, message: `${field}: ${(err as Error).message} Use key=value pairs separated by spaces.` };
  }
  const metadata: Record<string, string> = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0)
      return {
        ok: false,
        message: `${field}: '${w}' is not key=value (pairs separated by spaces; quote a value with spaces: "note=hello world").`,
      };
    const key = w.slice(0, eq);
    const value = w.slice(eq + 1);
    if (!METADATA_KEY.test(key)) return { ok: false, message: `${field}: key '${key}' is not allowed (${METADATA_KEY_RULE}).` };
    if ([...value].length > 255)
      return { ok: false, message: `${field}: the value of '${key}' is ${[...value].length} characters long; at most 255 are allowed.` };
    if (key in metadata) return { ok: false, message: `${field}: key '${key}' is given twice.` };
    metadata[key] = value;
  }
  return { ok: true, metadata };
}

/** The `key=value` words of a metadata record, for a command line. */
export function metadataWords(metadata: Record<string, string>): string[] {
  return Object.entries(metadata).map(([k, v]) => `${k}=${v}`);
}
