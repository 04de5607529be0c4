/**
 * "Did you mean": the nearest commands and options for a mistyped one, and novash's name for what
 * an openstack CLI user types (`server list` is `list`, `flavor show` is `flavor-show`,
 * `server create` is `boot`). Only names that exist in the table are ever suggested.
 */
import type { CommandSpec } from './types.js';

/** Edit distance with transpositions (optimal string alignment): 'lsit' is 1 from 'list'. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Names within a small edit distance of the word (closest first), or starting with it. */
export function nearest(word: string, names: readonly string[], max = 4): string[] {
  const w = word.toLowerCase();
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  const scored = names
    .map((n) => ({ n, d: editDistance(w, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= limit || (w.length >= 3 && n.toLowerCase().startsWith(w)))
    .sort((x, y) => x.d - y.d || x.n.localeCompare(y.n));
  return [...new Set(scored.map(({ n }) => n))].slice(0, max);
}

/** The openstack CLI's words whose novash names follow no pattern. */
const OPENSTACK_NAMES: Record<string, string[]> = {
  'server create': ['boot'],
  'server event list': ['instance-action-list'],
  'server event show': ['instance-action'],
  'server image create': ['image-create'],
  'server backup create': ['backup'],
  'server resize confirm': ['resize-confirm'],
  'server resize revert': ['resize-revert'],
  'server migrate confirm': ['resize-confirm'],
  'server migrate revert': ['resize-revert'],
  'server add floating ip': ['add-floating-ip'],
  'server remove floating ip': ['remove-floating-ip'],
  'server add security group': ['add-secgroup'],
  'server remove security group': ['remove-secgroup'],
  'server add port': ['interface-attach'],
  'server remove port': ['interface-detach'],
  'port list': ['interface-list'],
  'console log show': ['console-log'],
  'console url show': ['console-url'],
  'keypair create': ['keypair-create', 'keypair-add'],
  'limits show': ['limits', 'quota-show'],
  'quota show': ['quota-show', 'limits'],
  'usage show': ['usage'],
  'usage list': ['usage-list'],
  'compute service list': ['service-list'],
  'availability zone list': ['availability-zone-list'],
  'server list': ['list'],
  'server show': ['show'],
};

export interface CommandSuggestion {
  /** The novash command line to use instead (the command and the words after it). */
  line: string;
  /** How many of the typed words the suggested command replaces. */
  words: number;
}

/**
 * Suggestions for an unknown command word: novash's name for an openstack CLI command line
 * (`server list`, `flavor show X`), else the nearest command names.
 */
export function suggestCommands(words: string[], commands: readonly CommandSpec[]): CommandSuggestion[] {
  const visible = commands.filter((c) => !c.hidden);
  const exists = (n: string) => visible.some((c) => c.name === n || c.aliases?.includes(n));
  const plain: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) break;
    plain.push(w.toLowerCase());
  }
  const out: CommandSuggestion[] = [];
  const add = (name: string, used: number) => {
    if (!exists(name) || out.some((s) => s.line.split(' ')[0] === name)) return;
    out.push({ line: [name, ...words.slice(used)].join(' '), words: used });
  };
  // Longest first: `server event list` beats `server event`.
  for (let k = Math.min(plain.length, 4); k >= 2; k--) {
    const phrase = plain.slice(0, k);
    for (const name of OPENSTACK_NAMES[phrase.join(' ')] ?? []) add(name, k);
    add(phrase.join('-'), k);
    if (phrase[0] === 'server' || phrase[0] === 'compute') add(phrase.slice(1).join('-'), k);
  }
  if (out.length) return out;
  const names = visible.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  return nearest(words[0] ?? '', names).map((n) => ({ line: n, words: 1 }));
}

/** Option spellings of the openstack CLI (and common slips) that novash names otherwise. */
const OPTION_SPELLINGS: Record<string, string[]> = {
  'all-projects': ['all-tenants'],
  project: ['tenant'],
  property: ['meta', 'metadata', 'property'],
  'public-key': ['pub-key'],
  key: ['key-name'],
  'user-data-file': ['user-data'],
  'security-group': ['security-groups', 'secgroup'],
  network: ['nic'],
  port: ['nic'],
  zone: ['availability-zone'],
  'os-compute-api-microversion': ['os-compute-api-version'],
  output: ['format'],
  column: ['column'],
};

/** Suggestions for an unknown option (`--all-projects` -> `--all-tenants`), as `--name` strings. */
export function suggestOptions(option: string, names: readonly string[]): string[] {
  const bare = option.replace(/^-+/, '').split('=')[0]!;
  const mapped = (OPTION_SPELLINGS[bare] ?? []).filter((n) => names.includes(n));
  const close = nearest(bare, names, 3);
  return [...new Set([...mapped, ...close])].slice(0, 3).map((n) => `--${n}`);
}
