import type { ProgressReporter } from './types.js';

/** --wait progress on stderr: one line rewritten in place on a terminal, one line per change otherwise. */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let last = '';
  let open = false;
  return {
    update(text) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${text}`);
        open = true;
      } else {
        // Drop the elapsed-seconds counter when comparing, so a pipe gets one line per real change.
        const key = text.replace(/\s*\(\d+s\)$/, '');
        if (key !== last) stream.write(`${text}\n`);
        last = key;
      }
    },
    done(text) {
      if (open) stream.write('\r\x1b[K');
      open = false;
      if (text) stream.write(`${text}\n`);
      last = '';
    },
  };
}
