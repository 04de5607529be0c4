#!/usr/bin/env node
/**
 * The bundles bin/novash.js runs (each through a V8 code cache, see there):
 * - dist/fast.cjs    --version, help, completion scripts and one Tab: no HTTP client, no token
 *                    store; clouds.yaml (YAML) only loaded to complete a cloud's names;
 * - dist/novash.cjs  the one-shot commands: no Ink, no React (the app is loaded from dist/app.cjs);
 * - dist/app.cjs     the same CLI with the interactive app inside, loaded lazily after the first
 *                    servers page was asked for.
 * What novash never uses is left out: got's HTTP/2 support, conf's schema validation (ajv) and
 * migrations (semver).
 *   node scripts/bundle.mjs [--metafile]   (prints each bundle's size and what weighs most)
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { lazyStartUp, lazyStringWidth, patch } from './lazyStartUp.mjs';

/**
 * Changes to Ink and yoga-layout for the app bundle. They use top-level await, which a CommonJS bundle (the only kind V8 caches
 * through vm.Script) cannot hold. yoga's is its WebAssembly start: it becomes a promise the app
 * awaits before the first render (globalThis.__novashYogaReady, see screens/app/start.tsx). Ink's
 * two only run under DEV=true (React devtools), which the bundle does not support.
 */
const inkForBundle = {
  name: 'ink-for-bundle',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => ({
      contents: patch(
        args.path,
        'const Yoga = wrapAssembly(await loadYoga());\nexport default Yoga;',
        'let Yoga;\nglobalThis.__novashYogaReady = loadYoga().then((m) => { Yoga = wrapAssembly(m); });\nexport { Yoga as default };',
      ),
      loader: 'js',
    }));
    // yoga's WebAssembly is a base64 data: URL, which emscripten's loader reads with fetch(): Node
    // loads its whole fetch implementation (undici, 30-60 ms) for it. Decoded here in place.
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      let text = patch(args.path, 'function ya(){return w||"function"!=typeof fetch?', 'function ya(){return true?');
      text = patch(
        { text },
        'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c}',
        "var d=new Uint8Array(Buffer.from(a.slice(37),'base64'))}",
      );
      return { contents: text, loader: 'js' };
    });
    // Ink measures and splits every line of the screen into styled characters on every frame,
    // with caches that live for one frame. A cursor move or a scroll draws mostly lines the last
    // frame had: keep those caches (and the clipped slices) between frames, bounded.
    b.onLoad({ filter: /ink[\\/]build[\\/]output\.js$/ }, (args) => {
      let text = patch(args.path, '    caches = new OutputCaches();', '    caches = sharedOutputCaches();');
      text = patch(
        { text },
        'export default class Output {',
        `const CACHE_LIMIT = 20000;
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
const rowMemo = [];
let sharedCaches;
const sharedOutputCaches = () => {
    if (!sharedCaches || sharedCaches.styledChars.size + sharedCaches.widths.size > CACHE_LIMIT) sharedCaches = new OutputCaches();
    return sharedCaches;
};
let slices = new Map();
const cachedSlice = (line, from, to) => {
    // A line that fits its clip is drawn whole: slicing it would only cost a tokenization.
    if (from === 0 && to === sharedOutputCaches().getStringWidth(line)) return line;
    const key = from + ':' + to + ':' + line;
    let out = slices.get(key);
    if (out === undefined) {
        if (slices.size > CACHE_LIMIT) slices = new Map();
        out = sliceAnsi(line, from, to);
        slices.set(key, out);
    }
    return out;
};
export default class Output {`,
      );
      text = patch({ text }, 'return sliceAnsi(line, from, to);', 'return cachedSlice(line, from, to);');
      // A line of plain ASCII (and the few narrow symbols the screens use) with colour codes needs
      // no grapheme segmentation: one character is one cell. Anything else goes the full way.
      text = patch({ text }, 'cached = styledCharsFromTokens(tokenize(line));', 'cached = styledCharsFromTokens(quickTokenize(line));');
      text = patch(
        { text },
        'const CACHE_LIMIT = 20000;',
        `const CACHE_LIMIT = 20000;
const SIMPLE_LINE = /^(?:[\\x20-\\x7e\\u2026\\u25b2\\u25bc\\u203a\\u00b7]|\\x1b\\[[0-9;]*m)*$/;
const SGR = /\\x1b\\[[0-9;]*m/g;
const sgrTokens = new Map();
const quickTokenize = (line) => {
    if (!SIMPLE_LINE.test(line)) return tokenize(line);
    const out = [];
    let at = 0;
    const chars = (end) => {
        for (; at < end; at++) out.push({ type: 'char', value: line[at], fullWidth: false });
    };
    SGR.lastIndex = 0;
    for (let m = SGR.exec(line); m; m = SGR.exec(line)) {
        chars(m.index);
        let codes = sgrTokens.get(m[0]);
        if (codes === undefined) sgrTokens.set(m[0], (codes = tokenize(m[0])));
        for (const c of codes) out.push(c);
        at = m.index + m[0].length;
    }
    chars(line.length);
    return out;
};`,
      );
      // One blank cell for the whole grid (cells are only read), and a row whose cells are the
      // very objects of the last frame's row is the same text.
      text = patch(
        { text },
        `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
        'row.push(BLANK_CELL);',
      );
      text = patch(
        { text },
        `.map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
        `.map((line, y) => {
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            const memo = rowMemo[y];
            if (memo && memo.cells.length === lineWithoutEmptyItems.length && memo.cells.every((c, i) => c === lineWithoutEmptyItems[i])) return memo.text;
            const rowText = styledCharsToString(lineWithoutEmptyItems).trimEnd();
            rowMemo[y] = { cells: lineWithoutEmptyItems, text: rowText };
            return rowText;
        })`,
      );
      return { contents: text, loader: 'js' };
    });
    // The width of a line is asked for several times a frame (layout, truncation, clipping), each
    // time through Intl.Segmenter when the line holds one non-ASCII character ('…'): once per text.
    b.onLoad({ filter: /node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
      // Only string-width 8 (Ink's); wrap-ansi's older copy is lazyStartUp's alone.
      if (!readFileSync(args.path, 'utf8').includes('export default function stringWidth(input, options = {}) {')) return undefined;
      // It starts from what every bundle holds (scripts/lazyStartUp.mjs).
      const lazy = lazyStringWidth(args.path);
      let text = patch(
        { text: lazy },
        'export default function stringWidth(input, options = {}) {',
        'function measureWidth(input, options = {}) {',
      );
      text += `
const widthCache = new Map();
export default function stringWidth(input, options) {
    if (options && (options.ambiguousIsNarrow !== undefined || options.countAnsiEscapeCodes)) return measureWidth(input, options);
    if (typeof input !== 'string' || input.length === 0) return measureWidth(input, options);
    let width = widthCache.get(input);
    if (width === undefined) {
        if (widthCache.size > 20000) widthCache.clear();
        // Plain ASCII and the screens' narrow symbols, with colour codes: one column each.
        width = /^(?:[\\x20-\\x7e\\u2026\\u25b2\\u25bc\\u203a\\u00b7]|\\x1b\\[[0-9;]*m)*$/.test(input) ? input.replace(/\\x1b\\[[0-9;]*m/g, '').length : measureWidth(input, options);
        widthCache.set(input, width);
    }
    return width;
}
`;
      return { contents: text, loader: 'js' };
    });
    // Characters in a run of the same style share one styles array, and turning them back into
    // text compares styles only where that array changes (not once per character).
    b.onLoad({ filter: /ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, (args) => {
      let text = patch(
        args.path,
        `    let codes = [];
    const ret = [];`,
        `    let codes = [];
    let run = null;
    const ret = [];`,
      );
      text = patch(
        { text },
        'codes = reduceAnsiCodesIncremental(codes, [token]);',
        'codes = reduceAnsiCodesIncremental(codes, [token]);\n            run = null;',
      );
      text = patch({ text }, 'styles: [...codes],', 'styles: (run ??= [...codes]),');
      text = patch(
        { text },
        'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
        'if (chars[i - 1].styles !== char.styles) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
      );
      return { contents: text, loader: 'js' };
    });
    b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const text = patch(
        args.path,
        "await import('./devtools.js');",
        "throw Object.assign(new Error('no devtools'), { code: 'ERR_MODULE_NOT_FOUND' });",
      );
      const from = '? await loadPackageJson()';
      if (!text.includes(from)) throw new Error(`bundle: ${args.path} changed: update scripts/bundle.mjs`);
      return { contents: text.replace(from, '? { name: undefined, version: undefined }'), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  charset: 'ascii',
  metafile: true,
  alias: {
    'http2-wrapper': './src/util/noHttp2.ts',
    'ajv/dist/2020.js': './src/util/noSchema.ts',
    'ajv-formats': './src/util/noSchema.ts',
    semver: './src/util/noSemver.ts',
  },
};

const bundles = [
  { entryPoints: ['src/fastpath.ts'], outfile: 'dist/fast.cjs', plugins: [lazyStartUp] },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/novash.cjs', external: ['../screens/run.js'], plugins: [lazyStartUp] },
  // react-devtools-core is only imported by Ink when DEV=true.
  // NODE_ENV: React's production build only (the development one times every render for its devtools).
  {
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/app.cjs',
    external: ['react-devtools-core'],
    plugins: [inkForBundle, lazyStartUp],
    define: { 'process.env.NODE_ENV': '"production"' },
  },
];

const results = await Promise.all(bundles.map((b) => build({ ...common, ...b })));
// esbuild escapes every non-ASCII character of the code (charset: ascii) but not of the comments
// it keeps: those are escaped here, so the launcher may decode a bundle as latin1 (~10x faster
// than UTF-8: ~5 ms of every start-up for 1 MB on this machine).
for (const { outfile } of bundles) {
  const text = readFileSync(outfile, 'utf8');
  const ascii = text.replace(/[^\p{ASCII}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  if (ascii !== text) writeFileSync(outfile, ascii);
}
if (process.argv.includes('--metafile')) {
  results.forEach((r, i) => {
    const out = bundles[i].outfile;
    writeFileSync(out.replace(/\.cjs$/, '.meta.json'), JSON.stringify(r.metafile));
    const inputs = Object.values(r.metafile.outputs)[0].inputs;
    const byPackage = new Map();
    for (const [file, info] of Object.entries(inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
      const key = m ? m[1] : file.split('/').slice(0, 2).join('/');
      byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
    }
    const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
    console.log(`${out}: ${(total / 1024).toFixed(0)} KiB`);
    for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`  ${(v / 1024).toFixed(0).padStart(5)} KiB  ${k}`);
  });
}
