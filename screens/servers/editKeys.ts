import type { Keymap } from '../keys/keymap.js';
import type { ServerEditKind } from './serverEdits.js';

/** The detail view's edit keys (details tab): each opens a line, then runs the command named. */
export const EDIT_KEYS: Keymap<ServerEditKind> = [
  { keys: ['m'], help: 'set metadata (key=value …, as :meta SERVER set)', footer: 'meta', action: 'meta-set', mutates: true },
  { keys: ['M'], help: 'delete metadata keys (:meta SERVER delete)', action: 'meta-delete', mutates: true },
  { keys: ['t'], help: 'add tags (:server-tag-add)', footer: 'tag', action: 'tag-add', mutates: true },
  { keys: ['T'], help: 'delete tags (:server-tag-delete)', action: 'tag-delete', mutates: true },
  { keys: ['e'], help: 'rename the server (:rename)', footer: 'rename', action: 'rename', mutates: true },
  { keys: ['D'], help: 'set or remove the description (:server-set --description)', action: 'description', mutates: true },
];
