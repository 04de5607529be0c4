import type { KeyBinding, Keymap } from '../keys/keymap.js';

/** What a list screen says about its keys: the help lines that differ from one list to another. */
export interface ListKeysSpec {
  /** Enter on a row; absent: Enter does nothing here. */
  open?: string;
  /** The `/` filter's help (its fields); absent: the list has no filter. */
  filter?: string;
  refresh?: { help: string; footer?: string };
  /** The screen's own keys, between Enter and `/` (the footer keeps this order). */
  extra?: ReadonlyArray<KeyBinding<string>>;
  /** Its keys that come after sorting (less used). */
  after?: ReadonlyArray<KeyBinding<string>>;
}

/** The keys every list screen has (open, filter, sort, refresh) around its own. */
export function listKeymap(spec: ListKeysSpec): Keymap<string> {
  return [
    ...(spec.open ? [{ keys: ['enter'], help: spec.open, footer: 'open', action: 'open' }] : []),
    ...(spec.extra ?? []),
    ...(spec.filter ? [{ keys: ['/'], help: spec.filter, footer: 'filter', action: 'filter' }] : []),
    { keys: ['s', 'S'], label: 's/S', help: 'sort by the next column / reverse the order', footer: 'sort', action: 'sort' },
    ...(spec.after ?? []),
    ...(spec.refresh ? [{ keys: ['ctrl-r'], help: spec.refresh.help, footer: spec.refresh.footer, action: 'refresh' }] : []),
  ];
}
