import type { KeyDoc } from './dispatcher.js';
import { keyLabel, type KeyPress } from './keyPress.js';

/**
 * A screen's keys as data: which keys, what they do (an action the screen supplies), the help line,
 * the footer's word, and when they apply. The same list dispatches the keys and writes the footer
 * and the `?` overlay, so what is shown is what works.
 */
export interface KeyBinding<A extends string = string, C = KeyContext> {
  /** Key names (keyPress.ts): 'j', ':', 'enter', 'esc', 'ctrl-r', 'pagedown', 'shift-tab'... */
  keys: readonly string[];
  /** How help and the footer write the keys; default: their labels joined with '/'. */
  label?: string;
  help: string;
  /** The footer's word; without one the key is only in the `?` overlay. */
  footer?: string;
  /** What it does: the screen maps each action to a function. A missing one: the key does not apply here. */
  action: A;
  /** It changes the cloud: in read-only mode it is hidden, and pressing it says why nothing happens. */
  mutates?: boolean;
  /** When false the binding does not exist here (hidden; the key falls through). */
  applies?: (ctx: C) => boolean;
  /** A reason it cannot be used here: hidden from the docs; pressing it shows the reason. */
  refused?: (ctx: C) => string | undefined;
}

/** What every keymap may ask about the app. */
export interface KeyContext {
  readOnly: boolean;
  isAdmin: boolean;
}

export type Keymap<A extends string = string, C = KeyContext> = ReadonlyArray<KeyBinding<A, C>>;

/** What each action does; return false to let the key fall through after all. */
export type KeyActions<A extends string> = Partial<Record<A, (press: KeyPress) => boolean | void>>;

export const READ_ONLY_REFUSAL = 'Read-only mode (--read-only): nothing that changes the cloud is done.';

/** What pressing a key that changes the cloud says in read-only mode. */
export function readOnlyRefusal(b: Pick<KeyBinding, 'keys' | 'label'>): string {
  return `Read-only mode (--read-only): '${bindingLabel(b)}' changes the cloud and is disabled.`;
}

/** The binding a key name selects, with whether it is refused (and why). */
export function bindingFor<A extends string, C extends Partial<KeyContext>>(
  keymap: Keymap<A, C>,
  actions: KeyActions<A>,
  ctx: C,
  name: string,
): { binding: KeyBinding<A, C>; refusal?: string } | undefined {
  for (const b of keymap) {
    if (!b.keys.includes(name) || !actions[b.action] || (b.applies && !b.applies(ctx))) continue;
    const refusal = b.mutates && ctx.readOnly ? readOnlyRefusal(b) : b.refused?.(ctx);
    return { binding: b, refusal };
  }
  return undefined;
}

/** Applies a key: its action, or its refusal through `refuse`; false when no binding takes it. */
export function runKeymap<A extends string, C extends Partial<KeyContext>>(
  keymap: Keymap<A, C>,
  actions: KeyActions<A>,
  ctx: C,
  press: KeyPress,
  refuse: (why: string) => void,
): boolean {
  const hit = bindingFor(keymap, actions, ctx, press.name);
  if (!hit) return false;
  if (hit.refusal) {
    refuse(hit.refusal);
    return true;
  }
  return actions[hit.binding.action]!(press) !== false;
}

export function bindingLabel(b: Pick<KeyBinding, 'keys' | 'label'>): string {
  return b.label ?? b.keys.map(keyLabel).join('/');
}

/** The footer and help lines of the bindings that apply here. */
export function keymapDocs<A extends string, C extends Partial<KeyContext>>(
  keymap: Keymap<A, C>,
  actions: KeyActions<A>,
  ctx: C,
): KeyDoc[] {
  const out: KeyDoc[] = [];
  for (const b of keymap) {
    if (!actions[b.action] || (b.applies && !b.applies(ctx))) continue;
    if ((b.mutates && ctx.readOnly) || b.refused?.(ctx)) continue;
    out.push({ label: bindingLabel(b), help: b.help, footer: b.footer, names: b.keys });
  }
  return out;
}
