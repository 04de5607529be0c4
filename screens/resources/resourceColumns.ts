import type { DeclaredResource } from '../../src/extensions/types.js';
import { valueText } from '../../src/extensions/values.js';
import type { DeclaredItem } from '../../src/managers/declared.js';
import { safeText } from '../../src/util/terminalText.js';
import type { FlexColumn } from '../widgets/fitColumns.js';

/** A cell of an item as one safe line: control characters from the cloud made visible. */
export function cellOf(resource: DeclaredResource, item: DeclaredItem, key: string): string {
  const field = resource.fields.find((f) => f.key === key);
  const v = item.raw[key];
  return safeText(field ? valueText(field, v) : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
}

/**
 * The declared columns, sized for the terminal: the id and name first and wider. A numeric id
 * is as wide as its longest value in `items` (up to 20), so ids are never cut.
 */
export function resourceColumns(resource: DeclaredResource, items: readonly DeclaredItem[] = []): Array<FlexColumn<DeclaredItem>> {
  return resource.columns.map((key, i) => {
    const field = resource.fields.find((f) => f.key === key);
    const isId = key === resource.idField;
    const numeric = field?.type === 'integer' || field?.type === 'number';
    const title = field?.title ?? key;
    const longest = isId && numeric ? Math.max(title.length, ...items.slice(0, 1000).map((it) => cellOf(resource, it, key).length)) : 0;
    const idWidth = Math.min(20, Math.max(4, longest));
    return {
      key,
      title,
      min: isId ? (numeric ? idWidth : 8) : 6,
      grow: isId && numeric ? 0 : key === resource.nameField ? 3 : 1,
      max: isId && numeric ? idWidth : undefined,
      priority: 100 - i,
      align: numeric ? 'right' : 'left',
      value: (item: DeclaredItem) => cellOf(resource, item, key),
    };
  });
}

/** What `/` searches: every column's text. */
export function haystackOf(resource: DeclaredResource): (item: DeclaredItem) => string {
  return (item) => resource.columns.map((k) => cellOf(resource, item, k)).join(' ');
}
