#!/usr/bin/env node
// The bundled CLI when built (fast start), else the tsc output.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : new URL('../dist/src/cli.js', import.meta.url).href);
const code = await main(process.argv.slice(2));
// Flush stdout before leaving (a pipe may be slow), then exit even if a socket lingers.
process.stdout.write('', () => process.exit(code));
