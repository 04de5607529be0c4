import { isPrintable, joinText, type KeyPress } from './keyPress.js';

/**
 * Who owns the keyboard, and the keys waiting for them. Pure: React glue lives in
 * KeyboardProvider.tsx; the tests drive this directly.
 *
 * Owners form a stack: layers from the bottom (global < screen < overlay < system), and within a
 * layer the one that registered last on top. A key goes to the top owner first and falls through
 * to the next while the owners answer `false` (not mine); a modal owner lets nothing fall below
 * its layer. Keys are handed out one at a time, on their own turn of the event loop, and the next
 * one only once what the last one changed has rendered (`settle`: React 19 renders an update made
 * outside an event on a later task, not at once), so a prompt or form a key opened has registered
 * before the next key is routed. An owner that is not ready (still loading what its keys act on)
 * holds the queue: the keys wait for it, in order, and are never dropped.
 */

export type KeyLayer = 'global' | 'screen' | 'overlay' | 'system';
const LAYER_RANK: Record<KeyLayer, number> = { global: 0, screen: 1, overlay: 2, system: 3 };

/** A line of the footer and of the `?` overlay. */
export interface KeyDoc {
  /** The key(s) as written: 'Enter', 'j/k ↑/↓', 'Ctrl-R'. */
  label: string;
  help: string;
  /** The footer's word for it; without one, it is only in the `?` overlay. */
  footer?: string;
  /** Key names it answers, so a higher owner's binding hides a lower one's in the docs. */
  names?: readonly string[];
}

export interface KeyOwner {
  layer: KeyLayer;
  /** Handles one key; `false` lets it fall through to the owner below. */
  handle: (press: KeyPress) => boolean | void;
  /** Nothing below this owner's layer gets keys while it is registered. */
  modal?: boolean;
  /** A line input (now): a run of printable keys may come as one press (a big paste at once). */
  text?: () => boolean;
  /** False while this key cannot be acted on yet (data still loading): it waits, and so do the keys after it. */
  ready?: (press: KeyPress) => boolean;
  /**
   * Keys that do not wait (Esc that stops a command or cancels a form that is loading): handled at
   * once, by this owner, and the keys queued before it, typed for what is being cancelled, are discarded.
   */
  urgent?: (press: KeyPress) => boolean;
  /** Ctrl-C: the top owner with this gets it at once, whatever is modal or queued. */
  interrupt?: () => void;
  docs?: () => KeyDoc[];
}

interface Entry {
  owner: KeyOwner;
  seq: number;
}

interface Queued {
  press: KeyPress;
  urgent?: boolean;
}

export type Schedule = (run: () => void) => void;

export interface DispatcherOptions {
  /** Runs a step later, outside the current one (default: setImmediate). */
  schedule?: Schedule;
  /** Calls `next` once what the last key changed has been rendered (default: at once). */
  settle?: (next: () => void) => void;
}

export class KeyDispatcher {
  private entries: Entry[] = [];
  private queue: Queued[] = [];
  private seq = 0;
  private scheduled = false;
  /** A key was handed out and its render has not been seen yet: the next one waits. */
  private settling = false;
  private readonly schedule: Schedule;
  private readonly settle: (next: () => void) => void;
  private listeners = new Set<() => void>();
  /** Bumped when owners come, go or change what they document (the footer follows it). */
  version = 0;

  constructor(options: DispatcherOptions = {}) {
    this.schedule = options.schedule ?? ((run) => void setImmediate(run));
    this.settle = options.settle ?? ((next) => next());
  }

  /** Registers an owner on top of its layer; returns the function that removes it. */
  register(owner: KeyOwner): () => void {
    const entry: Entry = { owner, seq: ++this.seq };
    this.entries.push(entry);
    this.entries.sort((a, b) => LAYER_RANK[a.owner.layer] - LAYER_RANK[b.owner.layer] || a.seq - b.seq);
    this.changed();
    this.wake();
    return () => {
      const i = this.entries.indexOf(entry);
      if (i < 0) return;
      this.entries.splice(i, 1);
      this.changed();
      this.wake();
    };
  }

  /** Keys from one terminal read, in order. */
  push(presses: readonly KeyPress[]): void {
    for (const press of presses) {
      if (press.name === 'ctrl-c') {
        const top = [...this.entries].reverse().find((e) => e.owner.interrupt);
        if (top) {
          this.queue = [];
          top.owner.interrupt!();
          continue;
        }
      }
      if (this.queue.length && this.urgentOwner(press)) {
        this.queue = [{ press, urgent: true }];
        continue;
      }
      this.queue.push({ press });
    }
    this.wake();
  }

  /** Something an owner's readiness depends on changed: try the queue again. */
  wake(): void {
    if (!this.queue.length || this.scheduled || this.settling) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.step();
    });
  }

  /** Keys waiting (for tests and for the status line). */
  pending(): number {
    return this.queue.length;
  }

  /** Owners the next key would try, from the top, down to the floor a modal owner sets. */
  private chain(): Entry[] {
    const out: Entry[] = [];
    let floor = -1;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      const rank = LAYER_RANK[e.owner.layer];
      if (rank < floor) break;
      out.push(e);
      if (e.owner.modal) floor = rank;
    }
    return out;
  }

  private urgentOwner(press: KeyPress): KeyOwner | undefined {
    return this.chain().find((e) => e.owner.urgent?.(press))?.owner;
  }

  /** Hands out the key at the head of the queue (or the text run there), then comes back for the next. */
  private step(): void {
    const head = this.queue[0];
    if (!head) return;
    if (head.urgent) {
      this.queue.shift();
      this.urgentOwner(head.press)?.handle(head.press);
      return this.settled();
    }
    const chain = this.chain();
    const first = chain[0]?.owner;
    let press = head.press;
    let take = 1;
    if (first?.text?.() && isPrintable(press)) {
      while (take < this.queue.length && !this.queue[take]!.urgent && isPrintable(this.queue[take]!.press)) take++;
      if (take > 1) press = joinText(this.queue.slice(0, take).map((q) => q.press));
    }
    for (const { owner } of chain) {
      // Waits: wake() comes back when the owner re-renders or the owners change.
      if (owner.ready && !owner.ready(press) && !owner.urgent?.(press)) return;
      if (owner.handle(press) !== false) break;
    }
    this.queue.splice(0, take);
    this.settled();
  }

  /** After a key: the next one once its changes have rendered. */
  private settled(): void {
    this.settling = true;
    this.settle(() => {
      this.settling = false;
      this.wake();
    });
  }

  // ---- what the footer and the `?` overlay show ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** An owner's docs changed. */
  changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /**
   * The docs of the owners keys reach now, top first: `own` from the layers above global, `global`
   * from the global layer (empty when a modal owner stops keys above it). A key documented by a
   * higher owner is not repeated for a lower one.
   */
  reachable(): { own: KeyDoc[]; global: KeyDoc[] } {
    const unseen = unshadowed();
    const own: KeyDoc[] = [];
    const global: KeyDoc[] = [];
    for (const { owner } of this.chain()) (owner.layer === 'global' ? global : own).push(...unseen(owner.docs?.() ?? []));
    return { own, global };
  }

  /** The docs of every owner in one layer, top first (the `?` overlay lists the screen's and the global keys). */
  layerDocs(layer: KeyLayer): KeyDoc[] {
    const unseen = unshadowed();
    return [...this.entries].reverse().flatMap(({ owner }) => (owner.layer === layer ? unseen(owner.docs?.() ?? []) : []));
  }
}

/** A filter that drops the docs whose keys all were documented before (a higher owner's binding hides a lower one's). */
function unshadowed(): (docs: KeyDoc[]) => KeyDoc[] {
  const seen = new Set<string>();
  return (docs) =>
    docs.filter((d) => {
      if (d.names?.length && d.names.every((n) => seen.has(n))) return false;
      for (const n of d.names ?? []) seen.add(n);
      return true;
    });
}
