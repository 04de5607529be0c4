/**
 * `novash __complete`: what a shell's Tab runs. It answers from the completion caches with no
 * network; only a cache that was never written is filled once from the cloud, within
 * FETCH_BUDGET_MS (the managers are imported only then), and a failed fill is not retried for a
 * minute, so Tab never hangs and never falls back to file names.
 *
 *   novash __complete bash WORDBREAKS LINE    LINE up to the cursor; answers escaped for bash
 *   novash __complete zsh|fish CWORD WORDS... the shell's words, unquoted; "value<TAB>help" lines
 *   novash __complete CWORD WORDS...          plain values, one a line
 */
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CachedKind, CACHED_KINDS, CompletionCache, cacheDirFor } from '../cache/completionCache.js';
import { resolveCloudConfig } from '../config/resolve.js';
import type { Managers } from '../managers/index.js';
import { hasControl } from '../util/terminalText.js';
import { type Candidate, completeCandidates, FILES_MARKER } from './complete.js';
import { connectionFlags } from './connectionFlags.js';
import { GLOBAL_OPTIONS } from './parse.js';
import { bashReplies, splitLine } from './shellWords.js';
import type { CommandSpec, CompleterKind, OptionValues } from './types.js';

export const FETCH_BUDGET_MS = 2000;
const RETRY_AFTER_FAILURE_MS = 60_000;

type Shell = 'bash' | 'zsh' | 'fish' | 'plain';

interface Request {
  shell: Shell;
  words: string[];
  cword: number;
  bash?: { line: ReturnType<typeof splitLine>; wordBreaks: string };
}

function parseRequest(args: string[]): Request {
  const [first, ...rest] = args;
  if (first === 'bash') {
    const wordBreaks = rest[0] ?? '';
    const line = splitLine(rest[1] ?? '');
    // The first word is novash itself.
    const words = [...line.words.slice(1), line.current.value];
    return { shell: 'bash', words, cword: words.length - 1, bash: { line, wordBreaks } };
  }
  if (first === 'zsh' || first === 'fish') {
    const cword = Number(rest[0]);
    const words = rest.slice(1);
    // fish hands the current token as typed: take what the shell will make of it.
    if (first === 'fish' && words.length) words[words.length - 1] = splitLine(words.at(-1)!).current.value;
    return { shell: first, words, cword: Number.isInteger(cword) ? cword : words.length - 1 };
  }
  const cword = Number(first);
  return { shell: 'plain', words: rest, cword: Number.isInteger(cword) ? cword : rest.length - 1 };
}

/** The connection options on the line being completed (`--os-cloud prod`, `--os-cloud=prod`). */
function connectionGlobals(words: string[]): OptionValues {
  const out: OptionValues = {};
  for (let i = 0; i < words.length; i++) {
    const m = /^--(os-[a-z-]+|insecure)(?:=(.*))?$/s.exec(words[i]!);
    const spec = m ? GLOBAL_OPTIONS[m[1]!] : undefined;
    if (!m || !spec) continue;
    if (spec.type === 'boolean') out[m[1]!] = true;
    else if (m[2] !== undefined) out[m[1]!] = m[2];
    else if (i + 1 < words.length) out[m[1]!] = words[++i];
  }
  return out;
}

function isCachedKind(kind: CompleterKind): kind is CachedKind {
  return typeof kind === 'string' && ((CACHED_KINDS as readonly string[]).includes(kind) || kind.startsWith('declared-'));
}

function failedRecently(cache: CompletionCache, kind: CachedKind): boolean {
  const stamp = join(cache.dir, `${kind}-fetch-failed`);
  try {
    return Date.now() - statSync(stamp).mtimeMs < RETRY_AFTER_FAILURE_MS;
  } catch {
    return false;
  }
}

function noteFailure(cache: CompletionCache, kind: CachedKind): void {
  const stamp = join(cache.dir, `${kind}-fetch-failed`);
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    if (existsSync(stamp)) utimesSync(stamp, new Date(), new Date());
    else writeFileSync(stamp, '', { mode: 0o600 });
  } catch {
    // a cache is only a convenience
  }
}

/** One listing of the kind from the cloud, written to its cache. */
async function fill(m: Managers, kind: CachedKind, signal: AbortSignal): Promise<void> {
  switch (kind) {
    case 'server':
      await m.servers.list({}, { signal });
      return;
    case 'flavor':
      await m.flavors.list({ signal });
      return;
    case 'image':
      await m.images.list({}, { signal });
      return;
    case 'keypair':
      m.cache.replace(
        'keypair',
        (await m.keypairs.list({ signal })).map((k) => ({ id: k.name, name: k.name })),
      );
      return;
    case 'zone':
      m.cache.replace(
        'zone',
        (await m.zones.list()).filter((z) => z.available).map((z) => ({ id: z.name, name: z.name })),
      );
      return;
    case 'network':
      if (!(await m.networks.available())) return m.cache.replace('network', []);
      m.cache.replace(
        'network',
        (await m.networks.list()).map((n) => ({ id: n.id, name: n.name })),
      );
      return;
    case 'server-group':
      m.cache.replace(
        'server-group',
        (await m.serverGroups.list({ signal })).map((g) => ({ id: g.id, name: g.name })),
      );
      return;
  }
}

/** Fills a never-written cache from the cloud, within the budget; any failure just leaves it empty. */
async function fillFromCloud(globals: OptionValues, cache: CompletionCache, kind: CachedKind): Promise<void> {
  if (failedRecently(cache, kind)) return;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    // Loaded only here: a Tab answered from the caches never pays for the HTTP stack.
    const { createManagers } = await import('./context.js');
    const m = createManagers({ ...globals, timeout: String(FETCH_BUDGET_MS / 1000) });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), FETCH_BUDGET_MS);
    });
    await Promise.race([fill(m, kind, controller.signal), timeout]);
    if (!cache.has(kind)) noteFailure(cache, kind);
  } catch {
    noteFailure(cache, kind);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** A candidate a shell can take: no control characters (such a name is completed by its ID). */
function printable(c: Candidate): boolean {
  return !hasControl(c.value);
}

function render(request: Request, candidates: Candidate[]): string[] {
  const values = candidates.filter(printable);
  if (values.length === 1 && values[0]!.value === FILES_MARKER) return [FILES_MARKER];
  switch (request.shell) {
    case 'bash':
      return bashReplies(
        request.bash!.line.current,
        values.map((c) => c.value),
        request.bash!.wordBreaks,
      );
    case 'zsh':
    case 'fish':
      return values.map((c) => (c.help ? `${c.value}\t${c.help.replace(/\s+/g, ' ')}` : c.value));
    case 'plain':
      return values.map((c) => c.value);
  }
}

export async function runComplete(args: string[], commands: CommandSpec[]): Promise<number> {
  const request = parseRequest(args);
  const globals = connectionGlobals(request.words);
  let cache: CompletionCache | undefined;
  const cacheFor = (): CompletionCache | undefined => {
    if (cache) return cache;
    try {
      cache = new CompletionCache(cacheDirFor(resolveCloudConfig(connectionFlags(globals), { requireSecrets: false })));
    } catch {
      // no cloud configured: nothing to complete from
    }
    return cache;
  };
  const missing = new Set<CachedKind>();
  const source = (kind: CompleterKind, prefix: string): string[] => {
    if (kind === 'command')
      return commands
        .filter((c) => !c.hidden)
        .map((c) => c.name)
        .filter((n) => n.startsWith(prefix));
    if (!isCachedKind(kind)) return [];
    const c = cacheFor();
    if (!c) return [];
    // A declared resource's cache is written by its list command; only the built-in kinds are fetched here.
    if (!c.has(kind) && !kind.startsWith('declared-')) missing.add(kind);
    return c.candidates(kind, prefix);
  };
  let candidates = completeCandidates(request.words, request.cword, commands, source);
  if (missing.size && cache) {
    for (const kind of missing) await fillFromCloud(globals, cache, kind);
    candidates = completeCandidates(request.words, request.cword, commands, source);
  }
  const lines = render(request, candidates);
  if (lines.length) process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
