#!/usr/bin/env node
'use strict';
// Starts novash (CommonJS: bin/package.json says so, as an ES module entry costs Node ~10 ms more).
// Each bundle of dist/ runs through vm.Script with a V8 code cache on disk, so its code is not
// compiled again on every run:
// - dist/fast.cjs   --version, help, completion and one Tab: loads no HTTP client, no token store;
// - dist/novash.cjs the one-shot commands, without Ink or React;
// - dist/app.cjs    the same CLI with the interactive app, for `novash` with no command on a
//                   terminal (a wrong guess only costs time: every bundle runs the same main).
const {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { isAscii } = require('node:buffer');
const Module = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

const fail = (err) => {
  // No stack traces for users; --debug shows them.
  const debug = process.argv.includes('--debug');
  process.stderr.write(`ERROR: ${debug && err?.stack ? err.stack : (err?.message ?? String(err))}\n`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const dist = join(__dirname, '..', 'dist');
const bundlePath = (name) => join(dist, name);

/** A short, stable tag of a path (FNV-1a): node:crypto alone would cost a few ms to load. */
function tag(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Start-up milestones for the benchmarks (src/util/startTrace.ts writes the rest). */
function writeTrace(label) {
  try {
    appendFileSync(process.env.NOVASH_TRACE_FILE, `${label} ${performance.now().toFixed(1)}\n`);
  } catch {
    // best effort
  }
}

/** Runs a bundle with a V8 code cache; any trouble falls back to a plain require. */
function loadBundle(file) {
  const require = Module.createRequire(file);
  try {
    const st = statSync(file);
    const cacheDir = join(process.env.NOVASH_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'novash'), 'v8');
    const cacheFile = join(cacheDir, `${basename(file, '.cjs')}-${tag(file)}-${process.version}-${st.size}-${Math.round(st.mtimeMs)}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    // The bundles are ASCII (scripts/bundle.mjs sees to it): latin1 decodes them ~10x faster than UTF-8.
    const bytes = readFileSync(file);
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const script = new Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: file, cachedData });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, require, module, file, dirname(file));
    if (process.env.NOVASH_TRACE_FILE) writeTrace(`loaded-${basename(file, '.cjs')}`);
    let fresh = !cachedData || script.cachedDataRejected;
    return {
      exports: module.exports,
      // After the run, when V8 has compiled what the command used: that is what the next run needs.
      saveCache: () => {
        if (!fresh) return;
        fresh = false;
        try {
          mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
          const tmp = `${cacheFile}.${process.pid}.tmp`;
          writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          renameSync(tmp, cacheFile);
          // The caches of earlier builds of this bundle are of no use any more.
          const prefix = `${basename(file, '.cjs')}-${tag(file)}-`;
          for (const old of readdirSync(cacheDir)) {
            if (old.startsWith(prefix) && old !== basename(cacheFile) && !old.endsWith('.tmp'))
              rmSync(join(cacheDir, old), { force: true });
          }
        } catch {
          // a cache is only a speed-up
        }
      },
    };
  } catch {
    return { exports: require(file), saveCache: () => {} };
  }
}

/** Words after which dist/fast.cjs is tried first (src/fastpath.ts says which it answers). */
const FAST_WORDS = new Set(['__complete', '--version', '--help', '-h', 'help', 'completion']);
/** Global options that take a value as the next word (the rest are flags). */
const VALUE_OPTION = /^(--os-[a-z-]+|--timeout|--format|--column|-f|-c)$/;

/** Whether the command line names a command (else it is the app, on a terminal). */
function namesCommand(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '--') return true;
    if (VALUE_OPTION.test(a)) i++;
  }
  return false;
}

async function run(argv) {
  if (argv.some((a) => FAST_WORDS.has(a)) && existsSync(bundlePath('fast.cjs'))) {
    const fast = loadBundle(bundlePath('fast.cjs'));
    const code = await fast.exports.runLocal(argv);
    fast.saveCache();
    if (code !== undefined) return code;
  }
  const appBundle = bundlePath('app.cjs');
  const runAppBundle = async () => {
    const app = loadBundle(appBundle);
    // The app may run for hours and end by a closed terminal: keep what start-up compiled once
    // the first screen is up, not only at a clean exit.
    setTimeout(app.saveCache, 3000).unref();
    const code = await app.exports.main(argv);
    app.saveCache();
    return code;
  };
  // The command line first: process.stdin is only made (a socket or a tty stream) when the app may start.
  if (!namesCommand(argv) && existsSync(appBundle) && process.stdin.isTTY && process.stdout.isTTY) return runAppBundle();
  if (existsSync(bundlePath('novash.cjs'))) {
    const cli = loadBundle(bundlePath('novash.cjs'));
    // The one-shot bundle holds no Ink/React: the app bundle runs the same command line again.
    const code = await cli.exports.main(argv, { launchApp: runAppBundle });
    cli.saveCache();
    return code;
  }
  if (existsSync(join(dist, 'src', 'cli.js'))) {
    return (await import(join(dist, 'src', 'cli.js'))).main(argv);
  }
  throw new Error("novash is not built: run 'npm install' (or 'npm run build') in its directory.");
}

run(process.argv.slice(2)).then(
  // Flush stdout before leaving (a pipe may be slow), then exit even if a socket lingers.
  (code) => process.stdout.write('', () => process.exit(code)),
  fail,
);
