/**
 * Reading a YAML document node by node, with positions: every problem becomes one
 * DeclarationError naming the line, the column, the key path and what is allowed.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

export class DeclarationError extends Error {
  override name = 'DeclarationError';
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
    /** e.g. resources[0].fields.name.type ('' for the whole file). */
    readonly keyPath: string,
  ) {
    super(`line ${line}, column ${column}: ${keyPath ? `${keyPath}: ` : ''}${problem}`);
  }
}

/** Levenshtein distance, for did-you-mean. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function didYouMean(word: string, choices: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  // A prefix ("str" for string, "wrap" for wrapped) is the likeliest slip.
  const prefixed = w.length >= 2 ? choices.filter((c) => c.toLowerCase().startsWith(w)) : [];
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of choices) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export function quoteList(items: readonly string[]): string {
  return items.join(', ');
}

/** A node's place in the file and in the document's key structure. */
export interface At {
  node: Node | null | undefined;
  path: string;
}

export class YamlReader {
  private readonly lines = new LineCounter();
  readonly root: Node | null;

  constructor(private readonly text: string) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      const { line, col } = this.lines.linePos(first.pos[0]);
      // The parser's own first sentence is the useful part ("Map keys must be unique", ...).
      const what = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new DeclarationError(`not valid YAML: ${what}`, line, col, '');
    }
    this.root = doc.contents as Node | null;
  }

  /** Line and column of a node (1-based); the file's start when there is none. */
  pos(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  fail(at: At, problem: string): never {
    const { line, column } = this.pos(at.node);
    throw new DeclarationError(problem, line, column, at.path);
  }

  /** What a scalar was written as (so `2.10` stays "2.10", not 2.1). */
  source(node: Scalar): string {
    if (typeof node.source === 'string') return node.source;
    const [start, end] = node.range ?? [0, 0];
    return this.text.slice(start, end);
  }

  /**
   * A mapping with only these keys: an unknown one is named with a did-you-mean and the allowed list,
   * a missing required one is named with what it is for.
   */
  map(at: At, allowed: Record<string, string>, required: readonly string[] = []): Map<string, At & { keyNode: Node }> {
    if (!isMap(at.node)) this.fail(at, `must be a mapping (key: value lines); allowed keys: ${quoteList(Object.keys(allowed))}`);
    const out = new Map<string, At & { keyNode: Node }>();
    for (const pair of (at.node as YAMLMap).items as Array<Pair<Node, Node | null>>) {
      const keyNode = pair.key;
      const keyAt = { node: keyNode, path: at.path };
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string') this.fail(keyAt, 'keys must be plain words');
      const key = keyNode.value as string;
      const childPath = at.path ? `${at.path}.${key}` : key;
      if (!(key in allowed)) {
        const guess = didYouMean(key, Object.keys(allowed));
        this.fail(
          { node: keyNode, path: childPath },
          `unknown key '${key}'${guess ? `; did you mean '${guess}'?` : '.'} Allowed here: ${quoteList(Object.keys(allowed))}.`,
        );
      }
      out.set(key, { node: pair.value, path: childPath, keyNode });
    }
    for (const r of required) {
      if (!out.has(r)) this.fail(at, `missing '${r}' (${allowed[r]})`);
    }
    return out;
  }

  /** A mapping whose keys are names the file chooses (fields, arguments): each key checked by pattern. */
  entries(at: At, keyPattern: RegExp, keyRule: string): Array<{ key: string; keyNode: Node; at: At }> {
    if (!isMap(at.node)) this.fail(at, 'must be a mapping of names to their settings');
    const out: Array<{ key: string; keyNode: Node; at: At }> = [];
    for (const pair of (at.node as YAMLMap).items as Array<Pair<Node, Node | null>>) {
      const keyNode = pair.key;
      if (!isScalar(keyNode)) this.fail({ node: keyNode, path: at.path }, 'keys must be plain words');
      const key = this.source(keyNode as Scalar);
      if (!keyPattern.test(key)) this.fail({ node: keyNode, path: `${at.path}.${key}` }, `'${key}' is not allowed as a name: ${keyRule}`);
      out.push({ key, keyNode, at: { node: pair.value, path: `${at.path}.${key}` } });
    }
    return out;
  }

  list(at: At): At[] {
    if (!isSeq(at.node)) this.fail(at, 'must be a list (lines starting with "- ", or [a, b])');
    return (at.node.items as Array<Node | null>).map((node, i) => ({ node, path: `${at.path}[${i}]` }));
  }

  /** A text value: any scalar but null and booleans, read as written. */
  string(at: At, rule?: { pattern: RegExp; describe: string }): string {
    const node = at.node;
    if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') {
      this.fail(at, `must be a text${rule ? ` (${rule.describe})` : ''}`);
    }
    const value = typeof node.value === 'string' ? node.value : this.source(node);
    if (rule && !rule.pattern.test(value)) this.fail(at, `'${value}' is not allowed: ${rule.describe}`);
    return value;
  }

  oneOf<T extends string>(at: At, allowed: readonly T[]): T {
    const node = at.node;
    const value = isScalar(node) && node.value !== null ? (typeof node.value === 'string' ? node.value : this.source(node)) : undefined;
    if (value === undefined || !(allowed as readonly string[]).includes(value)) {
      const guess = value !== undefined ? didYouMean(value, allowed) : undefined;
      this.fail(
        at,
        `${value === undefined ? 'needs a value' : `'${value}' is not allowed`}${guess ? `; did you mean '${guess}'?` : '.'} Allowed: ${quoteList(allowed)}.`,
      );
    }
    return value as T;
  }

  boolean(at: At): boolean {
    if (!isScalar(at.node) || typeof at.node.value !== 'boolean') this.fail(at, 'must be true or false');
    return at.node.value as boolean;
  }

  integer(at: At, min = -Number.MAX_SAFE_INTEGER): number {
    const node = at.node;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) this.fail(at, 'must be a whole number');
    if ((node.value as number) < min) this.fail(at, `must be at least ${min}`);
    return node.value as number;
  }

  number(at: At): number {
    if (!isScalar(at.node) || typeof at.node.value !== 'number') this.fail(at, 'must be a number');
    return at.node.value as number;
  }

  /** The plain JavaScript value of any node (defaults of json fields). */
  value(at: At): unknown {
    const node = at.node as (Node & { toJSON?: () => unknown }) | null | undefined;
    return node?.toJSON ? node.toJSON() : null;
  }

  strings(at: At, rule?: { pattern: RegExp; describe: string }): string[] {
    return this.list(at).map((item) => this.string(item, rule));
  }
}
