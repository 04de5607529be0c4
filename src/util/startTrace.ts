import { appendFileSync } from 'node:fs';

/**
 * Milestones for the benchmarks: with NOVASH_TRACE_FILE set, "label ms [detail]" lines (ms since
 * the process started) go to that file. Nothing happens otherwise.
 */
const file = process.env.NOVASH_TRACE_FILE;
const seen = new Set<string>();

/** Appends one event. */
export function traceEvent(label: string, detail?: string | number): void {
  if (!file) return;
  try {
    appendFileSync(file, `${label} ${performance.now().toFixed(1)}${detail === undefined ? '' : ` ${detail}`}\n`);
  } catch {
    // a trace is best effort
  }
}

/** Marks the first time `label` happens. */
export function traceStart(label: string, detail?: string | number): void {
  if (!file || seen.has(label)) return;
  seen.add(label);
  traceEvent(label, detail);
}

/**
 * The terminal side: every key read and every frame written (for the per-key times), and the
 * first frame after the feed first handed servers to the screen, and after the whole list.
 */
export function traceTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): void {
  if (!file) return;
  stdin.on('data', (chunk: Buffer | string) => traceEvent('key', JSON.stringify(String(chunk))));
  const write = stdout.write.bind(stdout) as (...args: unknown[]) => boolean;
  stdout.write = ((...args: unknown[]) => {
    const ok = write(...args);
    const chunk = args[0];
    traceEvent('frame', typeof chunk === 'string' ? chunk.length : 0);
    if (seen.has('rows-emitted')) traceStart('first-rows-frame');
    if (seen.has('list-complete')) traceStart('list-complete-frame');
    return ok;
  }) as typeof stdout.write;
}
