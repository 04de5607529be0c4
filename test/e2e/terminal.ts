/** Drives the real app in a detached tmux session: keys with send-keys, the screen with capture-pane. */
import { spawnSync } from 'node:child_process';
import { BIN } from './cloud.js';

export function shellWord(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export type ScreenMatch = RegExp | string | ((text: string) => boolean);

function matches(what: ScreenMatch, text: string): boolean {
  // Text may wrap at the pane's edge: also try it with the lines joined.
  const flat = text.replace(/\s*\n\s*/g, ' ');
  if (typeof what === 'string') return text.includes(what) || flat.includes(what);
  if (typeof what === 'function') return what(text);
  return what.test(text) || what.test(flat);
}

export class TmuxTerminal {
  constructor(readonly session: string) {}

  tmux(...args: string[]): string {
    const r = spawnSync('tmux', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /**
   * Starts `novash --os-cloud CLOUD` with the given environment (CI unset: Ink draws nothing
   * when it thinks it runs in CI); after the app a mark with its exit code, and the shell stays a
   * moment for capture-pane.
   */
  start(
    env: NodeJS.ProcessEnv,
    size: { columns: number; rows: number },
    exitMark: string,
    cloud = 'devcloud',
    extraArgs: string[] = [],
  ): void {
    const vars = Object.entries(env)
      .filter(([k]) => k.startsWith('OS_') || k.startsWith('NOVASH_') || k === 'PATH' || k === 'HOME' || k === 'LANG')
      .map(([k, v]) => `${k}=${shellWord(String(v))}`)
      .join(' ');
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      String(size.columns),
      '-y',
      String(size.rows),
      `env -u CI ${vars} TERM=xterm-256color ${shellWord(process.execPath)} ${shellWord(BIN)} --os-cloud ${cloud}${extraArgs.map((a) => ` ${shellWord(a)}`).join('')}; echo "${exitMark}=$?"; sleep 60`,
    );
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.session]);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** Literal text. */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /**
   * Pastes text as a terminal does: tmux writes the whole buffer to the app at once (one read),
   * a line break as Enter (CR), no bracketed-paste marks (the app does not ask for them).
   */
  paste(text: string): void {
    const buffer = `${this.session}-paste`;
    this.tmux('set-buffer', '-b', buffer, text);
    this.tmux('paste-buffer', '-d', '-b', buffer, '-t', this.session);
  }

  /** Literal text and then named keys in one tmux command, without waiting in between (fast typing). */
  typeThen(text: string, ...names: string[]): void {
    const args = ['send-keys', '-t', this.session, '-l', text];
    for (const k of names) args.push(';', 'send-keys', '-t', this.session, k);
    this.tmux(...args);
  }

  /** Named keys: Enter, Tab, BTab, Down, Up, BSpace, Escape, C-u... */
  keys(...names: string[]): void {
    for (const k of names) this.tmux('send-keys', '-t', this.session, k);
  }

  async waitScreen(what: ScreenMatch, timeoutMs = 60_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const last = this.screen();
      if (matches(what, last)) return last;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; screen:\n${last}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async waitGone(what: RegExp | string, timeoutMs = 120_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (!(typeof what === 'string' ? s.includes(what) : what.test(s))) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)} to go; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** A ':' command in the app. */
  async command(line: string): Promise<void> {
    this.type(':');
    await this.waitScreen(/^:/m, 10_000);
    this.type(line);
    this.keys('Enter');
  }
}
