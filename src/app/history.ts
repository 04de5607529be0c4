import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDirs } from '../util/paths.js';

/** Lines that may carry a secret never go into the history file. */
const SECRET_RE = /--os-(password|token|application-credential-secret)\b|(^|\s)(password|secret)=/i;

/** The ':' prompt's history, kept between runs in `<config dir>/history` (one line per entry). */
export class PromptHistory {
  private lines: string[] = [];

  constructor(
    readonly path: string = join(stateDirs().config, 'history'),
    readonly max = 500,
  ) {
    try {
      this.lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-max);
    } catch {
      this.lines = [];
    }
  }

  entries(): readonly string[] {
    return this.lines;
  }

  /** Adds a line (not twice in a row), then saves: a history is a convenience and never fails the app. */
  add(line: string): void {
    const l = line.replace(/[\r\n]+/g, ' ').trim();
    if (!l || SECRET_RE.test(l)) return;
    if (this.lines.at(-1) !== l) this.lines.push(l);
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max);
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, this.lines.join('\n') + '\n', { mode: 0o600 });
      renameSync(tmp, this.path);
    } catch {
      // read-only home, full disk: keep the in-memory history
    }
  }
}
