/**
 * Copies text to the terminal's clipboard with OSC 52 (xterm, iTerm2, kitty, WezTerm, Windows
 * Terminal; tmux passes it on with `set -g set-clipboard on`). The sequence prints nothing.
 */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export function copyToTerminal(stdout: NodeJS.WriteStream | undefined, text: string): boolean {
  if (!stdout || typeof stdout.write !== 'function') return false;
  stdout.write(osc52(text));
  return true;
}
