import { UsageError } from '../session/errors.js';

/**
 * A value a manager refuses before sending, named by its field (minCount, flavorId), not by a CLI
 * flag: the boot form shows it as it is, the one-shot CLI names its own flag instead.
 */
export class FieldError extends UsageError {
  override name = 'FieldError';
  constructor(
    readonly field: string,
    /** "must be a whole number >= 1 (got 0)" */
    readonly problem: string,
    label: string,
  ) {
    super(`${label} ${problem}`);
  }

  /** The same problem under another name for the field (`--min-count must be ...`). */
  as(name: string): UsageError {
    return new UsageError(`${name} ${this.problem}`);
  }
}
