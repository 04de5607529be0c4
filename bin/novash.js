#!/usr/bin/env node
// Starts novash. The one-shot commands run from one CommonJS bundle (dist/novash.cjs) whose
// compiled code V8 caches on disk, so a command starts in a few tens of milliseconds; the
// interactive app is loaded only when it is asked for.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const fail = (err) => {
  // No stack traces for users; --debug shows them.
  const debug = process.argv.includes('--debug');
  process.stderr.write(`ERROR: ${debug && err?.stack ? err.stack : (err?.message ?? String(err))}\n`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'novash.cjs');
const tscEntry = join(root, 'dist', 'src', 'cli.js');
const launchApp = async (globals) => (await import(new URL('../dist/screens/run.js', import.meta.url).href)).runApp(globals);

/** Runs the bundle through vm.Script with a V8 code cache; any trouble falls back to a plain require. */
function loadBundle() {
  const require = createRequire(bundle);
  let cacheFile;
  let script;
  try {
    const st = statSync(bundle);
    const key = createHash('sha256').update(`${process.version}\0${bundle}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
    const cacheDir = join(process.env.NOVASH_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'novash'), 'v8');
    cacheFile = join(cacheDir, `novash-${key}.bin`);
    const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    script = new Script(Module.wrap(readFileSync(bundle, 'utf8').replace(/^#!.*/, '')), { filename: bundle, cachedData });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
    const fresh = !cachedData || script.cachedDataRejected;
    return {
      main: module.exports.main,
      // After the run, when V8 has compiled what the command used: that is what the next run needs.
      saveCache: () => {
        if (!fresh) return;
        try {
          mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
          const tmp = `${cacheFile}.${process.pid}.tmp`;
          writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          renameSync(tmp, cacheFile);
        } catch {
          // a cache is only a speed-up
        }
      },
    };
  } catch {
    return { main: require(bundle).main, saveCache: () => {} };
  }
}

let code;
if (existsSync(bundle)) {
  const { main, saveCache } = loadBundle();
  code = await main(process.argv.slice(2), { launchApp });
  saveCache();
} else if (existsSync(tscEntry)) {
  code = await (await import(new URL('../dist/src/cli.js', import.meta.url).href)).main(process.argv.slice(2));
} else {
  fail(new Error("novash is not built: run 'npm install' (or 'npm run build') in its directory."));
}
// Flush stdout before leaving (a pipe may be slow), then exit even if a socket lingers.
process.stdout.write('', () => process.exit(code));
