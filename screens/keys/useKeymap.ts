import { createContext, useContext } from 'react';
import { keymapDocs, runKeymap, type KeyActions, type KeyContext, type Keymap } from './keymap.js';
import { useKeyOwner, type OwnerOptions } from './KeyboardProvider.js';

/** What keymaps learn from the app: its mode, and where a refused key's reason is said. */
export interface KeymapHost {
  ctx: KeyContext;
  refuse: (why: string) => void;
}

export const KeymapHostContext = createContext<KeymapHost>({ ctx: { readOnly: false, isAdmin: false }, refuse: () => undefined });

/**
 * Takes the keys of `keymap`: a bound key runs its action (or says why it is refused here), any
 * other key falls through to the owner below. The keymap also documents this owner in the footer
 * and the `?` overlay.
 */
export function useKeymap<A extends string, C extends Partial<KeyContext> = KeyContext>(
  keymap: Keymap<A, C>,
  actions: KeyActions<A>,
  options: Omit<OwnerOptions, 'docs' | 'ready'> & { ctx?: Omit<C, keyof KeyContext>; loading?: boolean } = {},
): void {
  const host = useContext(KeymapHostContext);
  const ctx = { ...host.ctx, ...options.ctx } as unknown as C;
  const { loading, ...owner } = options;
  useKeyOwner((press) => runKeymap(keymap, actions, ctx, press, host.refuse), {
    ...owner,
    // While loading, this keymap's own keys wait for the data (Enter typed ahead opens the first
    // row once it is there); other keys pass by.
    ready: (press) => !loading || !keymap.some((b) => b.keys.includes(press.name)),
    docs: () => keymapDocs(keymap, actions, ctx),
  });
}

export function useKeymapHost(): KeymapHost {
  return useContext(KeymapHostContext);
}
