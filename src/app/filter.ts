/**
 * The app's `/` filter: space-separated terms, each either a plain substring (matched against
 * every column) or `field:value` (matched against one field). Case-insensitive; `!` negates
 * (`!ERROR`, `status:!ACTIVE`); commas give alternatives (`status:ACTIVE,SHUTOFF`).
 */

export interface FilterTerm {
  /** undefined for a plain substring term. */
  field?: string;
  values: string[];
  negate: boolean;
}

export function parseFilter(text: string): FilterTerm[] {
  const out: FilterTerm[] = [];
  for (const raw of text.trim().split(/\s+/)) {
    if (!raw) continue;
    const colon = raw.indexOf(':');
    let field: string | undefined;
    let value = raw;
    if (colon > 0) {
      field = raw.slice(0, colon).toLowerCase();
      value = raw.slice(colon + 1);
    }
    let negate = false;
    if (value.startsWith('!')) {
      negate = true;
      value = value.slice(1);
    } else if (field?.startsWith('!')) {
      negate = true;
      field = field.slice(1);
    }
    const values = value
      .split(',')
      .map((v) => v.toLowerCase())
      .filter(Boolean);
    // A term with nothing to match yet (`!`, `status:`, `status:!`, as they are typed) filters nothing.
    if (!values.length) continue;
    out.push({ field, values, negate });
  }
  return out;
}

/** Field accessors of a row type, under their names and aliases. */
export type FieldAccessors<T> = Record<string, (row: T) => string>;

const hayCaches = new WeakMap<object, WeakMap<object, string>>();

/**
 * A predicate for the filter text. A term naming an unknown field is matched as a plain substring
 * (so an address like `10.0.0.1:22` still finds something).
 */
export function makeFilter<T>(text: string, fields: FieldAccessors<T>, haystack: (row: T) => string): (row: T) => boolean {
  const terms = parseFilter(text);
  if (!terms.length) return () => true;
  // Kept across keystrokes (per haystack function): typing a filter over 10,000 rows lowercases
  // each row's text once, not once per key.
  let hayCache = hayCaches.get(haystack);
  if (!hayCache) hayCaches.set(haystack, (hayCache = new WeakMap<object, string>()));
  const hay = (row: T): string => {
    if (typeof row !== 'object' || row === null) return haystack(row).toLowerCase();
    let h = hayCache.get(row);
    if (h === undefined) {
      h = haystack(row).toLowerCase();
      hayCache.set(row, h);
    }
    return h;
  };
  const tests = terms.map((t) => {
    const accessor = t.field !== undefined ? fields[t.field] : undefined;
    const plain = t.field !== undefined && !accessor ? [`${t.field}:${t.values.join(',')}`] : t.values;
    const get = accessor ? (row: T) => accessor(row).toLowerCase() : hay;
    return (row: T) => {
      const v = get(row);
      const hit = plain.length === 0 ? true : plain.some((p) => v.includes(p));
      return t.negate ? !hit : hit;
    };
  });
  return (row) => tests.every((test) => test(row));
}

/**
 * Whether every row `next` keeps is also kept by `prev`, so `next` can filter `prev`'s result
 * instead of every row (typing one more letter). Only for plain words: a negation, alternatives
 * or a field term can widen as they are typed.
 */
export function narrows(prev: string, next: string): boolean {
  return prev.trim() !== '' && next.startsWith(prev) && !/[!,:]/.test(next);
}
