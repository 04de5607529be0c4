import type { Managers } from '../managers/index.js';
import type { Server } from '../managers/types.js';
import type { HttpResponse } from '../session/http.js';
import { traceStart } from '../util/startTrace.js';

/** A list or poll with no answer for this long is aborted and reported. */
export const LIST_DEADLINE_MS = 15_000;

/** A list or poll that took longer than its deadline: aborted, reported, and the next one runs. */
export class StalledError extends Error {
  override name = 'StalledError';
  constructor(readonly ms: number) {
    super(`no answer from Nova in ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
  }
}

/** An answer that is not a list of servers: an error, never an empty list. */
export class BadAnswerError extends Error {
  override name = 'BadAnswerError';
}

/** Throws when a servers page is not `{"servers": [{"id": ...}, ...]}`. */
export function checkServersPage(res: HttpResponse): void {
  const body = res.body as { servers?: unknown } | undefined;
  const list = body && typeof body === 'object' ? body.servers : undefined;
  if (!Array.isArray(list)) throw new BadAnswerError('Nova answered the server list with something that is not a list of servers');
  for (const s of list) {
    if (!s || typeof s !== 'object' || typeof (s as { id?: unknown }).id !== 'string') {
      throw new BadAnswerError('Nova answered the server list with an entry that has no id');
    }
  }
}

/** The cloud's clock from a response (its Date header), in ms; undefined when it sent none. */
export function cloudTimeOf(res: HttpResponse): number | undefined {
  const d = res.headers.date;
  const t = typeof d === 'string' ? Date.parse(d) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/**
 * An AbortController that aborts itself when `ms` pass without `touch()` (a stall, not a slow
 * but moving list of many pages).
 */
export class Deadline {
  readonly controller = new AbortController();
  private timer?: ReturnType<typeof setTimeout>;
  fired = false;
  constructor(
    private readonly ms: number,
    outer?: AbortSignal,
  ) {
    if (outer) {
      if (outer.aborted) this.controller.abort(outer.reason);
      else outer.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true });
    }
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new StalledError(this.ms));
    }, this.ms);
    this.timer.unref?.();
  }

  /** The error to report: a stall when the deadline fired, else what the request threw. */
  explain(err: unknown): unknown {
    return this.fired ? new StalledError(this.ms) : err;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface ListPage {
  servers: Server[];
  cloudTime?: number;
}

export interface ListOptions {
  allTenants: boolean;
  firstPageSize?: number;
  deadlineMs: number;
  signal?: AbortSignal;
}

/**
 * One full server list, page by page: each page is checked and handed on as it comes. Returns
 * every server and the cloud's time at its first answer (the base of the next changes-since).
 */
export async function listPages(managers: Managers, opts: ListOptions, onPage: (page: ListPage) => void): Promise<ListPage> {
  const deadline = new Deadline(opts.deadlineMs, opts.signal);
  let cloudTime: number | undefined;
  try {
    const servers = await managers.servers.list(
      { allTenants: opts.allTenants },
      {
        signal: deadline.signal,
        firstPageSize: opts.firstPageSize,
        onPage: (page, res) => {
          deadline.touch();
          checkServersPage(res);
          cloudTime ??= cloudTimeOf(res);
          traceStart('first-page');
          onPage({ servers: page, cloudTime });
        },
      },
    );
    return { servers, cloudTime };
  } catch (err) {
    throw deadline.explain(err);
  } finally {
    deadline.clear();
  }
}

/** A first list started before the screens are loaded, for the feed to take over. */
export interface PrimedList {
  pages: ListPage[];
  /** The feed's page handler once it took over (the pages so far were replayed to it). */
  listener?: (page: ListPage) => void;
  done: Promise<ListPage>;
  controller: AbortController;
}

const primed = new WeakMap<Managers, PrimedList>();

/**
 * Starts the servers list of the app's first screen now, while Ink and React load: the feed of
 * these managers takes it over (see ServerFeed.reload) instead of asking again.
 */
export function primeServerList(managers: Managers, opts: Omit<ListOptions, 'allTenants' | 'signal'>): PrimedList {
  const controller = new AbortController();
  const p: PrimedList = {
    pages: [],
    controller,
    done: listPages(managers, { ...opts, allTenants: false, signal: controller.signal }, (page) => {
      p.pages.push(page);
      p.listener?.(page);
    }),
  };
  // Whoever takes it over sees the failure; until then it must not count as unhandled.
  p.done.catch(() => undefined);
  primed.set(managers, p);
  return p;
}

/** The primed first list of these managers, once (undefined when there is none). */
export function takePrimedList(managers: Managers): PrimedList | undefined {
  const p = primed.get(managers);
  primed.delete(managers);
  return p;
}

/** The primed first list of these managers, left in place. */
export function peekPrimedList(managers: Managers): PrimedList | undefined {
  return primed.get(managers);
}
