/**
 * Changes to packages in every bundle (see scripts/bundle.mjs): what they build when loaded is
 * built at its first real use, and work whose answer is known is skipped. A cpu profile of a
 * start-up showed each of these (ms on this machine's 2 shared cores):
 * - string-width 8 (Ink's and ours): an Intl.Segmenter (ICU's break data, 13-30 ms) and a
 *   /^\p{RGI_Emoji}$/v pattern (20-80 ms to build, as much again to compile at its first test),
 *   against which it tests every non-ASCII character: one '…' on the app's first screen cost
 *   ~150 ms;
 * - string-width 7 (wrap-ansi's): a segmenter, and every character of every text, ASCII too,
 *   through emoji-regex;
 * - slice-ansi and @alcalzone/ansi-tokenize (Ink's): a segmenter each;
 * - @sindresorhus/is (got's): two Intl.ListFormat (ICU's list data, ~17 ms) for the text of a
 *   type error;
 * - got: node:https and node:tls (for an https cloud only), node:zlib (for a compressed answer
 *   only: decompress-response) and node:dns (cacheable-lookup, for the dnsCache option novash
 *   does not set): 3-6 ms of Node's own modules. They are required when first used.
 * Every width, slice and message is the same as before for every text (a change that no longer
 * fits the package's code fails the build).
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Replaces `from` once in a file (or { text }); a missing `from` means the package changed: fail loudly. */
export function patch(file, from, to) {
  const text = typeof file === 'string' ? readFileSync(file, 'utf8') : file.text;
  if (!text.includes(from))
    throw new Error(`bundle: '${from}' not found in ${typeof file === 'string' ? file : 'a patched file'}: update scripts/lazyStartUp.mjs`);
  return text.replace(from, to);
}

/** How often `name` appears in code (comment lines left out). */
function uses(text, name) {
  return (text.replace(/^\s*\/\/.*$/gm, '').match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length;
}

/**
 * A cluster with no non-ASCII Emoji or Emoji_Component code point is no emoji (keycaps hold
 * U+20E3, flags regional indicators, every other emoji sequence an emoji), for \p{RGI_Emoji} and
 * emoji-regex alike: checked for every code point, alone and with U+FE0F / U+20E3.
 */
const MAYBE_EMOJI = 'const maybeEmoji = /(?![\\x00-\\x7f])[\\p{Emoji}\\p{Emoji_Component}]/u;';

/**
 * Every top-level `const NAME = new Intl.Segmenter(...)` becomes an object whose segment() makes
 * the segmenter at its first call; `oneCodePoint`: a text of one code point (always one grapheme
 * cluster) is its only segment. NAME must only ever be used as NAME.segment(...).
 */
function lazySegmenters(text, path, { oneCodePoint = false, ascii = false } = {}) {
  let found = 0;
  const out = text.replace(/^const (\w+) = new Intl\.Segmenter\(([^;]*)\);$/gm, (_, name, args) => {
    found++;
    const make = `(${name}Made ??= new Intl.Segmenter(${args}))`;
    // ASCII: every character is a cluster of its own, but for CR LF (UAX #29, GB3).
    const segment = oneCodePoint
      ? `(text) => (text.length === 1 || (text.length === 2 && text.codePointAt(0) > 0xffff) ? [{ segment: text }] : ${make}.segment(text))`
      : ascii
        ? `(text) => (/^[\\x00-\\x7f]*$/.test(text) && !text.includes('\\r\\n') ? Array.from(text, (segment, index) => ({ segment, index, input: text })) : ${make}.segment(text))`
        : `(text) => ${make}.segment(text)`;
    if (uses(text, name) !== 1 + (text.match(new RegExp(`\\b${name}\\.segment\\(`, 'g')) ?? []).length)
      throw new Error(`bundle: ${path} uses its ${name} other than to segment: update scripts/lazyStartUp.mjs`);
    return `let ${name}Made;\nconst ${name} = { segment: ${segment} };`;
  });
  if (!found) throw new Error(`bundle: no Intl.Segmenter in ${path}: update scripts/lazyStartUp.mjs`);
  return out;
}

/** string-width 8: see the top of this file. Other versions come back unchanged. */
export function lazyStringWidth(path) {
  const text = readFileSync(path, 'utf8');
  if (!text.includes('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;')) return text;
  // Only one-segment objects are used ({ segment }): the one-code-point answer needs no index.
  if (!text.includes('for (const {segment} of segmenter.segment(string))'))
    throw new Error(`bundle: ${path} changed: update scripts/lazyStartUp.mjs`);
  let out = lazySegmenters(text, path, { oneCodePoint: true });
  out = patch(
    { text: out },
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    `let rgiEmojiMade;\n${MAYBE_EMOJI}\nconst rgiEmojiRegex = { test: (text) => maybeEmoji.test(text) && (rgiEmojiMade ??= /^\\p{RGI_Emoji}$/v).test(text) };`,
  );
  if (uses(out, 'rgiEmojiRegex') !== 2 || !out.includes('rgiEmojiRegex.test(segment)'))
    throw new Error(`bundle: ${path} uses its emoji pattern in a new way: update scripts/lazyStartUp.mjs`);
  return out;
}

/**
 * string-width 7 (wrap-ansi's): printable ASCII is one column a character (no ASCII character is
 * a control, zero-width, combining or ignorable one, none matches emoji-regex, all are narrow), as
 * string-width 8 itself says; other text as before, emoji-regex only for a possible emoji.
 */
function lazyStringWidth7(path) {
  let text = readFileSync(path, 'utf8');
  text = lazySegmenters(text, path);
  text = patch(
    { text },
    `	if (string.length === 0) {
		return 0;
	}

	let width = 0;`,
    `	if (string.length === 0) {
		return 0;
	}

	if (/^[\\u0020-\\u007E]*$/.test(string)) {
		return string.length;
	}

	let width = 0;`,
  );
  text = patch({ text }, 'if (emojiRegex().test(character)) {', 'if (maybeEmoji.test(character) && emojiRegex().test(character)) {');
  return patch({ text }, "import emojiRegex from 'emoji-regex';", `import emojiRegex from 'emoji-regex';\n${MAYBE_EMOJI}`);
}

/** @sindresorhus/is: its list formats are made when a type error's text is written. */
function lazyListFormats(path) {
  let text = readFileSync(path, 'utf8');
  for (const [name, type] of [
    ['andFormatter', 'conjunction'],
    ['orFormatter', 'disjunction'],
  ]) {
    const options = `{ style: 'long', type: '${type}' }`;
    text = patch(
      { text },
      `const ${name} = new Intl.ListFormat('en', ${options});`,
      `const ${name} = { format: (list) => new Intl.ListFormat('en', ${options}).format(list) };`,
    );
    if (!text.includes(`${name}.format(`) || uses(text, name) !== 2)
      throw new Error(`bundle: ${path} uses its ${name} in a new way: update scripts/lazyStartUp.mjs`);
  }
  return text;
}

const js = (contents) => ({ contents, loader: 'js' });

/**
 * What got's packages import from the Node modules made lazy: the default export (used as
 * `https.request`, `zlib.createUnzip()`) and these named functions. Any other import fails the build.
 */
const LAZY_BUILTINS = {
  'node:https': { importers: /node_modules[\\/]got[\\/]/, functions: [] },
  'node:tls': { importers: /node_modules[\\/]got[\\/]/, functions: ['checkServerIdentity'] },
  'node:zlib': { importers: /node_modules[\\/]decompress-response[\\/]/, functions: [] },
};

function lazyBuiltinModule(name) {
  const { functions } = LAZY_BUILTINS[name];
  return [
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(name)}));`,
    'export default new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });',
    ...functions.map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
  ].join('\n');
}

/** decompress-response asks zlib whether it has zstd when loaded: asked for a zstd answer only. */
function lazyDecompress(path) {
  let text = readFileSync(path, 'utf8');
  text = patch(
    { text },
    "const supportsZstd = typeof zlib.createZstdDecompress === 'function';",
    "const supportsZstd = () => typeof zlib.createZstdDecompress === 'function';",
  );
  // Only a zstd answer needs 'zstd' in the list: the list is only asked whether it holds the answer's encoding.
  text = patch({ text }, '\tif (supportsZstd) {', "\tif (contentEncoding === 'zstd' && supportsZstd()) {");
  if (uses(text, 'supportsZstd') !== 2 || uses(text, 'supportedEncodings') !== 3)
    throw new Error(`bundle: ${path} changed: update scripts/lazyStartUp.mjs`);
  return text;
}

/** The esbuild plugin. `stringWidth8` lets a later change start from lazyStringWidth (Ink's plugin does). */
export const lazyStartUp = {
  name: 'lazy-start-up',
  setup(b) {
    b.onResolve({ filter: /^node:(https|tls|zlib)$/ }, (args) =>
      LAZY_BUILTINS[args.path].importers.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => js(lazyBuiltinModule(args.path)));
    // got makes a CacheableLookup (node:dns at its load) only for the dnsCache option: loaded then.
    // (The stand-in's own require is of the real package: resolved from got's directory.)
    b.onResolve({ filter: /^cacheable-lookup$/ }, (args) =>
      args.namespace === 'file' && /node_modules[\\/]got[\\/]/.test(args.importer)
        ? { path: 'cacheable-lookup', namespace: 'lazy-cacheable-lookup', pluginData: { resolveDir: dirname(args.importer) } }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-cacheable-lookup' }, (args) => ({
      contents:
        "export default class CacheableLookup { constructor(...args) { return new (require('cacheable-lookup').default)(...args); } }",
      loader: 'js',
      resolveDir: args.pluginData.resolveDir,
    }));
    b.onLoad({ filter: /node_modules[\\/]decompress-response[\\/]index\.js$/ }, (args) => js(lazyDecompress(args.path)));
    b.onLoad({ filter: /node_modules[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/ }, (args) => js(lazyListFormats(args.path)));
    b.onLoad({ filter: /node_modules[\\/]wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) =>
      js(lazyStringWidth7(args.path)),
    );
    b.onLoad({ filter: /node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => js(lazyStringWidth(args.path)));
    b.onLoad({ filter: /node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/ }, (args) =>
      js(lazySegmenters(readFileSync(args.path, 'utf8'), args.path)),
    );
    // Its one use iterates the segments (no containing()): an ASCII text (an SGR code, for one) needs no segmenter.
    b.onLoad({ filter: /node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('for (const { segment, index } of segmenter.segment(str)) {'))
        throw new Error(`bundle: ${args.path} changed: update scripts/lazyStartUp.mjs`);
      return js(lazySegmenters(text, args.path, { ascii: true }));
    });
  },
};
