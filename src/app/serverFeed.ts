import type { Managers } from '../managers/index.js';
import { flavorNamesFor, imageNamesFor } from '../managers/nameLookup.js';
import type { Server } from '../managers/types.js';
import { isSettled } from '../operations/states.js';
import { NotFoundError } from '../session/errors.js';
import { traceStart } from '../util/startTrace.js';
import {
  Deadline,
  LIST_DEADLINE_MS,
  checkServersPage,
  cloudTimeOf,
  listPages,
  peekPrimedList,
  takePrimedList,
  type ListPage,
} from './serverList.js';

/** What the servers screen shows at one moment: replaced (never mutated) on every change. */
export interface FeedSnapshot {
  /** Every known server, in the order first seen (screens sort). */
  servers: readonly Server[];
  /** Bumped on every change. */
  version: number;
  /** The first full list is still loading. */
  loading: boolean;
  /** A request (list or poll) is in flight. */
  refreshing: boolean;
  /** The first list's later pages are still coming: `servers` holds the ones so far. */
  streaming: boolean;
  /** How many servers to expect while the first list streams in (the last full list's count). */
  expected?: number;
  /** The last failure: of the full list when there is no data, else of a background refresh. */
  error?: unknown;
  /** When that failure happened (cleared with it by the next good answer). */
  failedAt?: number;
  /** When the data last came back from Nova. */
  lastUpdated?: number;
  allTenants: boolean;
  imageNames: ReadonlyMap<string, string>;
  flavorNames: ReadonlyMap<string, string>;
  /** Servers being followed closely after an action (polled every second or so). */
  watching: ReadonlySet<string>;
}

export interface ServerFeedOptions {
  /** Background refresh period (ms). */
  intervalMs?: number;
  /** Refresh period while some server is being watched after an action (ms). */
  fastIntervalMs?: number;
  /** Slack subtracted from changes-since, for clock skew and changes made during a poll (ms). */
  overlapMs?: number;
  /** How long a watched server is followed at most (ms). */
  watchTimeoutMs?: number;
  /** A list or poll with no answer for this long is aborted and reported (ms). */
  deadlineMs?: number;
  /** The first page of the first list: small, so the first screen comes before the rest. */
  firstPageSize?: number;
  now?: () => number;
}

/** The first page of the app's first list: a screenful or two, so it is drawn before the rest arrives. */
export const FIRST_PAGE = 100;

/** While a first list streams in, the screen gets its rows at least this often (ms). */
const STREAM_REDRAW_MS = 1000;

function sameServer(a: Server, b: Server): boolean {
  return (
    a.updated === b.updated &&
    a.status === b.status &&
    a.taskState === b.taskState &&
    a.powerState === b.powerState &&
    JSON.stringify(a.raw) === JSON.stringify(b.raw)
  );
}

/**
 * The live server list of the app: one full list, then every few seconds one small
 * `changes-since` request whose answer is merged in (changed rows replaced, DELETED ones dropped).
 * An idle refresh of 10,000 servers costs one request with an empty answer.
 */
export class ServerFeed {
  private readonly byId = new Map<string, Server>();
  private snapshot: FeedSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer?: ReturnType<typeof setTimeout>;
  private watchTimer?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;
  private generation = 0;
  /** A list has succeeded: polls can ask for changes since then. */
  private listed = false;
  /** The cloud's time at the last good answer (its Date header, else the newest `updated` seen). */
  private cloudClock?: number;
  /** The local clock at the start of the last good request: the fallback when the cloud gives no time. */
  private localClock?: number;
  private newestUpdated?: number;
  private inFlight?: Promise<void>;
  private started = false;
  private stopped = false;
  private readonly watched = new Map<string, { since: number }>();
  private readonly imageNames = new Map<string, string>();
  private readonly imageLookups = new Set<string>();
  private flavorNames = new Map<string, string>();
  private flavorLookupDone = false;
  private readonly opts: Required<ServerFeedOptions>;

  constructor(
    private readonly managers: Managers,
    options: ServerFeedOptions = {},
  ) {
    this.opts = {
      intervalMs: options.intervalMs ?? 5000,
      fastIntervalMs: options.fastIntervalMs ?? 1000,
      overlapMs: options.overlapMs ?? 5000,
      watchTimeoutMs: options.watchTimeoutMs ?? 10 * 60_000,
      deadlineMs: options.deadlineMs ?? LIST_DEADLINE_MS,
      firstPageSize: options.firstPageSize ?? FIRST_PAGE,
      now: options.now ?? Date.now,
    };
    this.snapshot = {
      servers: [],
      version: 0,
      loading: true,
      refreshing: false,
      streaming: false,
      allTenants: false,
      imageNames: this.imageNames,
      flavorNames: this.flavorNames,
      watching: new Set(),
    };
    // The pages of the list started with the app that came while the screens loaded: on the
    // first frame already (start() takes the rest over).
    const early = peekPrimedList(managers);
    if (early?.pages.length) {
      for (const page of early.pages) for (const s of page.servers) this.byId.set(s.id, s);
      this.snapshot = { ...this.snapshot, servers: [...this.byId.values()], loading: false, streaming: true, lastUpdated: this.opts.now() };
      traceStart('rows-emitted');
    }
  }

  // --- store interface (useSyncExternalStore) ---

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FeedSnapshot => this.snapshot;

  private emit(patch: Partial<FeedSnapshot> = {}, serversChanged = false): void {
    this.snapshot = {
      ...this.snapshot,
      ...patch,
      servers: serversChanged ? [...this.byId.values()] : this.snapshot.servers,
      version: this.snapshot.version + 1,
      imageNames: serversChanged || patch.imageNames ? new Map(this.imageNames) : this.snapshot.imageNames,
      flavorNames: this.flavorNames,
      watching: new Set(this.watched.keys()),
    };
    if (serversChanged && this.byId.size && this.listeners.size) traceStart('rows-emitted');
    for (const l of [...this.listeners]) l();
  }

  get(id: string): Server | undefined {
    return this.byId.get(id);
  }

  // --- life cycle ---

  /** Starts the first full list and the background refresh (once). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    traceStart('feed-start');
    void this.reload();
  }

  /** Stops every timer and cancels the request in flight (the screen went away). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.timer = undefined;
    this.watchTimer = undefined;
    this.controller?.abort();
    takePrimedList(this.managers)?.controller.abort();
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, this.opts.intervalMs);
    this.timer.unref?.();
  }

  private scheduleWatch(): void {
    if (this.stopped || this.watchTimer || this.watched.size === 0) return;
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      void this.pollWatched().finally(() => this.scheduleWatch());
    }, this.opts.fastIntervalMs);
    this.watchTimer.unref?.();
  }

  /** One GET per watched server (usually one): a moving server shows each step within a second. */
  private async pollWatched(): Promise<void> {
    const ids = [...this.watched.keys()];
    await Promise.all(
      ids.map(async (id) => {
        try {
          await this.refreshOne(id);
        } catch {
          // A failed look is retried on the next tick; the background refresh reports errors.
        }
      }),
    );
    this.expireWatches();
    if (ids.some((id) => !this.watched.has(id))) this.emit();
  }

  /**
   * A full list (start-up, Ctrl-R, all-tenants toggled). With nothing on screen yet, each page is
   * shown as it comes; otherwise the old list stays until the new one is complete, and a failed or
   * bad answer keeps it.
   */
  reload(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const gen = ++this.generation;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const requestStart = this.opts.now();
    const allTenants = this.snapshot.allTenants;
    // The first list of the app may already be on its way (started while the screens loaded).
    const primed = !allTenants && gen === 1 ? takePrimedList(this.managers) : undefined;
    if (primed) controller.signal.addEventListener('abort', () => primed.controller.abort(), { once: true });
    const streaming = this.byId.size === 0 || (primed !== undefined && this.snapshot.streaming);
    const expected = streaming && !allTenants ? this.lastCount() : undefined;
    this.emit({ refreshing: true, loading: this.snapshot.loading, expected });
    // Every page shown would re-sort the whole list as often as there are pages (50 at 50,000
    // servers): the first page at once, then each time the count has doubled or a second passed.
    let shownCount = this.snapshot.servers.length;
    let shownAt = 0;
    const onPage = (page: ListPage) => {
      if (gen !== this.generation || this.stopped || !streaming) return;
      for (const s of page.servers) this.byId.set(s.id, s);
      const now = performance.now();
      if (shownCount > 0 && this.byId.size < shownCount * 2 && now - shownAt < STREAM_REDRAW_MS) return;
      shownCount = this.byId.size;
      shownAt = now;
      this.emit({ loading: false, streaming: true, lastUpdated: this.opts.now() }, true);
    };
    let run: Promise<void> | undefined = undefined;
    run = (async () => {
      try {
        let result: ListPage;
        if (primed) {
          primed.listener = onPage;
          for (const page of primed.pages) onPage(page);
          result = await primed.done;
        } else {
          result = await listPages(
            this.managers,
            {
              allTenants,
              firstPageSize: streaming ? this.opts.firstPageSize : undefined,
              deadlineMs: this.opts.deadlineMs,
              signal: controller.signal,
            },
            onPage,
          );
        }
        if (gen !== this.generation || this.stopped) return;
        this.byId.clear();
        for (const s of result.servers) this.byId.set(s.id, s);
        this.listed = true;
        this.advanceClock(result.cloudTime, result.servers, requestStart);
        this.emit(
          {
            loading: false,
            refreshing: false,
            streaming: false,
            expected: undefined,
            error: undefined,
            failedAt: undefined,
            lastUpdated: this.opts.now(),
          },
          true,
        );
        traceStart('list-complete', `${result.servers.length} servers, rss ${process.memoryUsage().rss}`);
        await this.lookupNames(result.servers);
      } catch (err) {
        if (gen !== this.generation || this.stopped) return;
        this.emit(
          { loading: false, refreshing: false, streaming: false, expected: undefined, error: err, failedAt: this.opts.now() },
          streaming,
        );
      } finally {
        if (this.inFlight === run) this.inFlight = undefined;
        if (gen === this.generation) this.schedule();
      }
    })();
    this.inFlight = run;
    return run;
  }

  /** The last full list's size (the completion cache holds its ids), to say "3,000 of ~10,000". */
  private lastCount(): number | undefined {
    try {
      const n = this.managers.cache.count('server');
      return n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Moves the base of the next changes-since to the cloud's own time: the Date of its answer, else
   * the newest `updated` it has shown, else (a cloud that gives neither) the local clock at the
   * request's start.
   */
  private advanceClock(cloudTime: number | undefined, servers: readonly Server[], requestStart: number): void {
    for (const s of servers) {
      const t = s.updated ? Date.parse(s.updated) : NaN;
      if (Number.isFinite(t) && (this.newestUpdated === undefined || t > this.newestUpdated)) this.newestUpdated = t;
    }
    if (cloudTime !== undefined) this.cloudClock = cloudTime;
    else if (this.newestUpdated !== undefined) this.cloudClock = Math.max(this.cloudClock ?? this.newestUpdated, this.newestUpdated);
    this.localClock = requestStart;
  }

  /** The changes-since time of the next poll (ISO 8601), with the overlap for clock steps and changes made during a request. */
  private sinceParam(): string {
    const base = this.cloudClock ?? this.localClock ?? this.opts.now();
    return new Date(base - this.opts.overlapMs).toISOString();
  }

  /** One `changes-since` request, merged in. Falls back to a full list when none succeeded yet. */
  async poll(): Promise<void> {
    if (this.stopped) return;
    if (!this.listed) return this.reload();
    if (this.inFlight) {
      // A list is already on its way: its answer is at least as fresh.
      await this.inFlight;
      return;
    }
    const gen = this.generation;
    const deadline = new Deadline(this.opts.deadlineMs);
    this.controller = deadline.controller;
    const requestStart = this.opts.now();
    const since = this.sinceParam();
    let cloudTime: number | undefined;
    let run: Promise<void> | undefined = undefined;
    run = (async () => {
      try {
        const changed = await this.managers.servers.list(
          { changesSince: since, allTenants: this.snapshot.allTenants },
          {
            signal: deadline.signal,
            onPage: (_page, res) => {
              deadline.touch();
              checkServersPage(res);
              cloudTime ??= cloudTimeOf(res);
            },
          },
        );
        if (gen !== this.generation || this.stopped) return;
        this.advanceClock(cloudTime, changed, requestStart);
        const changedAny = this.merge(changed);
        this.expireWatches();
        if (changedAny || this.snapshot.error)
          this.emit({ error: undefined, failedAt: undefined, lastUpdated: this.opts.now() }, changedAny);
        else this.snapshot = { ...this.snapshot, lastUpdated: this.opts.now() };
        if (changedAny) await this.lookupNames(changed);
      } catch (err) {
        if (gen !== this.generation || this.stopped) return;
        this.emit({ error: deadline.explain(err), failedAt: this.opts.now() });
      } finally {
        deadline.clear();
        if (this.inFlight === run) this.inFlight = undefined;
        if (gen === this.generation) this.schedule();
      }
    })();
    this.inFlight = run;
    return run;
  }

  /** Merges changed servers; returns whether anything visible changed. */
  private merge(changed: Server[]): boolean {
    let any = false;
    const gone: string[] = [];
    const added: Server[] = [];
    for (const s of changed) {
      const old = this.byId.get(s.id);
      if (s.status === 'DELETED') {
        if (old) {
          this.byId.delete(s.id);
          any = true;
        }
        gone.push(s.id);
        this.watched.delete(s.id);
        continue;
      }
      if (!old) added.push(s);
      if (!old || !sameServer(old, s)) {
        this.byId.set(s.id, s);
        any = true;
      }
    }
    // Keep the completion caches in step with what the app has seen.
    if (!this.snapshot.allTenants) {
      if (added.length) this.managers.cache.add('server', added);
      if (gone.length) this.managers.cache.remove('server', gone);
    }
    return any;
  }

  /** Puts one server in (a detail fetch saw it), or takes it out when Nova no longer has it. */
  upsert(server: Server): void {
    const old = this.byId.get(server.id);
    if (old && sameServer(old, server)) return;
    this.byId.set(server.id, server);
    this.emit({}, true);
    void this.lookupNames([server]);
  }

  remove(id: string): void {
    this.watched.delete(id);
    if (this.byId.delete(id)) this.emit({}, true);
  }

  /** Follows a server closely after an action (a GET a second) until it settles, so the change shows at once. */
  watch(id: string): void {
    this.watched.set(id, { since: this.opts.now() });
    this.emit();
    // Nova has usually set the task state by the time it answered the action: look now.
    void this.pollWatched().finally(() => this.scheduleWatch());
  }

  /** A refresh as soon as possible (after a command that changed something). */
  pollSoon(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.poll();
  }

  private expireWatches(): void {
    const now = this.opts.now();
    for (const [id, w] of this.watched) {
      const s = this.byId.get(id);
      const minFollow = Math.min(3000, this.opts.fastIntervalMs * 3);
      if (now - w.since > this.opts.watchTimeoutMs) this.watched.delete(id);
      else if (!s) {
        if (now - w.since > minFollow) this.watched.delete(id);
      } else if (isSettled(s) && now - w.since > minFollow) this.watched.delete(id);
    }
  }

  /** Fetches one server now (detail screen): merges it, or drops it when Nova says 404. */
  async refreshOne(id: string, signal?: AbortSignal): Promise<Server | undefined> {
    try {
      const s = await this.managers.servers.get(id, signal);
      this.upsert(s);
      return s;
    } catch (err) {
      if (err instanceof NotFoundError) {
        this.remove(id);
        return undefined;
      }
      throw err;
    }
  }

  setAllTenants(on: boolean): void {
    if (this.snapshot.allTenants === on) return;
    this.byId.clear();
    this.listed = false;
    this.cloudClock = this.localClock = this.newestUpdated = undefined;
    // Nothing of the new view is known yet: a failed first list is an error panel, never "Servers (0)".
    this.emit({ allTenants: on, loading: true, lastUpdated: undefined, error: undefined, failedAt: undefined }, true);
    void this.reload();
  }

  /** Image names in one Glance request per 40 unknown ids; flavor names once, only before 2.47. */
  private async lookupNames(servers: Server[]): Promise<void> {
    const unknown = servers.filter((s) => s.imageId && !this.imageNames.has(s.imageId) && !this.imageLookups.has(s.imageId));
    let changed = false;
    if (unknown.length) {
      for (const s of unknown) this.imageLookups.add(s.imageId!);
      const names = await imageNamesFor(this.managers, unknown);
      for (const [id, name] of names) this.imageNames.set(id, name);
      changed = names.size > 0;
    }
    if (!this.flavorLookupDone && servers.some((s) => !s.flavor.name && s.flavor.id)) {
      this.flavorLookupDone = true;
      this.flavorNames = await flavorNamesFor(this.managers, servers);
      changed = changed || this.flavorNames.size > 0;
    }
    if (changed && !this.stopped) this.emit({ imageNames: this.imageNames });
  }

  /** Names learnt elsewhere (the images screen) fill in the servers' image column. */
  learnImageNames(images: Array<{ id: string; name: string }>): void {
    let changed = false;
    for (const i of images) {
      if (this.imageNames.get(i.id) !== i.name) {
        this.imageNames.set(i.id, i.name);
        changed = true;
      }
    }
    if (changed) this.emit({ imageNames: this.imageNames });
  }
}
