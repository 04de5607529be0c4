#!/usr/bin/env node
// The bundled CLI when built (fast start), else the tsc output.
import { existsSync } from 'node:fs';

const fail = (err) => {
  // No stack traces for users; --debug shows them.
  const debug = process.argv.includes('--debug');
  process.stderr.write(`ERROR: ${debug && err?.stack ? err.stack : (err?.message ?? String(err))}\n`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const fallback = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(bundle) && !existsSync(fallback)) fail(new Error("novash is not built: run 'npm install' (or 'npm run build') in its directory."));
const { main } = await import(existsSync(bundle) ? bundle.href : fallback.href);
const code = await main(process.argv.slice(2));
// Flush stdout before leaving (a pipe may be slow), then exit even if a socket lingers.
process.stdout.write('', () => process.exit(code));
