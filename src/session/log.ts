/** Where --debug lines and the --timings table go (stderr in the CLI, a buffer in tests or the app). */
export type LogSink = (line: string) => void;

export interface TimingEntry {
  method: string;
  url: string;
  status: number | string;
  ms: number;
}

/** Collects one entry per HTTP request, for `--timings` (novaclient prints the same table). */
export class TimingRecorder {
  readonly entries: TimingEntry[] = [];
  record(entry: TimingEntry): void {
    this.entries.push(entry);
  }
  format(): string {
    const rows = this.entries.map((e) => [`${e.method} ${e.url}`, String(e.status), (e.ms / 1000).toFixed(3)]);
    const total = this.entries.reduce((s, e) => s + e.ms, 0);
    rows.push(['Total', '', (total / 1000).toFixed(3)]);
    const w0 = Math.max(3, ...rows.map((r) => r[0]!.length));
    const w1 = Math.max(6, ...rows.map((r) => r[1]!.length));
    const w2 = Math.max(7, ...rows.map((r) => r[2]!.length));
    const line = `+-${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+-${'-'.repeat(w2)}-+`;
    const fmt = (r: string[]) => `| ${r[0]!.padEnd(w0)} | ${r[1]!.padEnd(w1)} | ${r[2]!.padStart(w2)} |`;
    return [line, fmt(['URL', 'Status', 'Seconds']), line, ...rows.slice(0, -1).map(fmt), line, fmt(rows.at(-1)!), line].join('\n');
  }
}
