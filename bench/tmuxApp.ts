/**
 * The real app (node bin/novash.js, the bundled dist/app.cjs) in a detached tmux session, timed
 * from inside: with NOVASH_TRACE_FILE the app writes its milestones (bundle loaded, first servers
 * request sent, first page, first frame with rows, whole list, every key read and every frame
 * written), in ms since its process started. tmux only carries keys in and the screen out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) d = dirname(d);
  return d;
})();
export const BIN = join(ROOT, 'bin', 'novash.js');

export interface TraceEvent {
  label: string;
  ms: number;
  detail?: string;
}

export function parseTrace(text: string): TraceEvent[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [label, ms, ...rest] = line.split(' ');
      return { label: label!, ms: Number(ms), detail: rest.length ? rest.join(' ') : undefined };
    });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

export class TracedApp {
  readonly dir = mkdtempSync(join(tmpdir(), 'novash-trace-'));
  readonly traceFile = join(this.dir, 'trace.txt');
  private readonly session = `novash-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /**
   * Starts `novash ARGS` on a columns x rows terminal with exactly this environment (plus
   * PATH/HOME/LANG); `bin`: another build's bin/novash.js (the benchmarks' baseline).
   */
  constructor(env: NodeJS.ProcessEnv, args: string[], size = { columns: 120, rows: 40 }, nodeArgs: string[] = [], bin = BIN) {
    const vars = Object.entries({ ...env, NOVASH_TRACE_FILE: this.traceFile })
      .filter(
        ([k, v]) =>
          v !== undefined &&
          (k.startsWith('OS_') ||
            k.startsWith('NOVASH_') ||
            ['PATH', 'HOME', 'LANG', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'NO_COLOR'].includes(k)),
      )
      .map(([k, v]) => `${k}=${quote(String(v))}`)
      .join(' ');
    const cmd = `env -i ${vars} TERM=xterm-256color ${[process.execPath, ...nodeArgs].map(quote).join(' ')} ${quote(bin)} ${args.map(quote).join(' ')}; sleep 600`;
    const r = spawnSync('tmux', ['new-session', '-d', '-s', this.session, '-x', String(size.columns), '-y', String(size.rows), cmd], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`tmux: ${r.stderr}`);
  }

  trace(): TraceEvent[] {
    try {
      return parseTrace(readFileSync(this.traceFile, 'utf8'));
    } catch {
      return [];
    }
  }

  screen(): string {
    return spawnSync('tmux', ['capture-pane', '-p', '-t', this.session], { encoding: 'utf8' }).stdout;
  }

  /** Waits for a trace label (the first one after `after` events, when given). */
  async waitFor(label: string, timeoutMs = 60_000, after = 0): Promise<TraceEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.trace()
        .slice(after)
        .find((e) => e.label === label);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`the app wrote no '${label}' in ${timeoutMs} ms; the screen shows:\n${this.screen()}`);
      await pause(20);
    }
  }

  /** Sends tmux key names (NPage, Escape, j...) or, with literal, text. */
  send(keys: string, literal = false): void {
    spawnSync('tmux', ['send-keys', '-t', this.session, ...(literal ? ['-l'] : []), keys]);
  }

  /** Sends one key; the ms from the app reading it to the first frame it wrote after. */
  async timeKey(keys: string, opts: { literal?: boolean; quietMs?: number } = {}): Promise<number> {
    const before = this.trace().length;
    this.send(keys, opts.literal);
    const until = Date.now() + 10_000;
    for (;;) {
      const t = this.trace();
      const k = t.findIndex((e, i) => i >= before && e.label === 'key');
      const frame = k >= 0 ? t.slice(k + 1).find((e) => e.label === 'frame') : undefined;
      if (frame) {
        await pause(opts.quietMs ?? 40);
        return frame.ms - t[k]!.ms;
      }
      if (Date.now() > until) throw new Error(`no frame after the key ${keys}; the screen shows:\n${this.screen()}`);
      await pause(10);
    }
  }

  /** q, then the session goes (the app saves its code cache on the way out). */
  async quit(): Promise<void> {
    this.send('q');
    await pause(400);
    spawnSync('tmux', ['kill-session', '-t', this.session]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
