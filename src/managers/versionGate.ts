import { UsageError } from '../session/errors.js';
import { atLeast } from '../session/microversion.js';
import { FieldError } from './fieldError.js';

/** A field Nova takes only from `min`: refused before sending, named by the field. */
export function requireFieldVersion(microversion: string, min: string, field: string, label: string): void {
  if (!atLeast(microversion, min))
    throw new FieldError(field, `needs compute API version ${min} or later (in use: ${microversion}).`, label);
}

/** A field Nova takes only before `until` (exclusive). */
export function forbidFieldFrom(microversion: string, until: string, field: string, label: string, why = ''): void {
  if (atLeast(microversion, until))
    throw new FieldError(
      field,
      `is only accepted before compute API version ${until} (in use: ${microversion}).${why ? ` ${why}` : ''}`,
      label,
    );
}

/** A whole request Nova serves only from `min`. */
export function requireVersion(microversion: string, min: string, what: string): void {
  if (!atLeast(microversion, min)) throw new UsageError(`${what} needs compute API version ${min} or later (in use: ${microversion}).`);
}

/** Encodes one path segment (ids, names, tags). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
