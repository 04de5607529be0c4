import type { KeyContext, Keymap } from '../keys/keymap.js';

/** What the keys that work everywhere depend on. */
export interface GlobalKeyContext extends KeyContext {
  /** Screens on the navigation stack (Esc goes back when there is more than one). */
  depth: number;
  hasFilter: boolean;
  hasMessage: boolean;
}

export type GlobalAction = 'prompt' | 'help' | 'clearFilter' | 'back' | 'dismiss' | 'noFilter' | 'cloud' | 'project' | 'quit';

/** The keys that work on every screen (below the screen's own: a screen may take a key first). */
export const GLOBAL_KEYS: Keymap<GlobalAction, GlobalKeyContext> = [
  {
    keys: [':'],
    help: 'command prompt (every one-shot command, :servers, :flavors, :images, :keypairs, :limits)',
    footer: 'command',
    action: 'prompt',
  },
  {
    keys: ['esc'],
    help: 'clear the filter (then Esc goes back)',
    footer: 'clear filter',
    action: 'clearFilter',
    applies: (c) => c.hasFilter,
  },
  { keys: ['esc'], help: 'back', footer: 'back', action: 'back', applies: (c) => c.depth > 1 },
  { keys: ['esc'], help: 'dismiss the message', action: 'dismiss', applies: (c) => c.hasMessage },
  { keys: ['?'], help: 'this help', footer: 'help', action: 'help' },
  { keys: ['/'], help: 'filter the list (on list screens)', action: 'noFilter' },
  { keys: ['C'], help: 'switch cloud (clouds.yaml)', action: 'cloud' },
  { keys: ['P'], help: 'switch project', action: 'project' },
  { keys: ['q'], help: 'quit', footer: 'quit', action: 'quit' },
  { keys: ['ctrl-c'], help: 'quit (from anywhere, forms included)', action: 'quit' },
];
