import { describeFailure, isAbort } from "./failure";
import { bounds, continueBelow, inclusiveBefore, LATE_LINE_WINDOW_MICROS, PAGE_SIZE, pollAfter, type PageBounds } from "./log-cursors";
import type { LogLine, RawLogEntry } from "./log-line";
import { LOG_MEMORY_CAP, LogStore } from "./log-store";
import { PollScheduler, type PollOutcome, type Timers, type VisibilitySource } from "./poll-scheduler";
import { toMicros } from "./timestamps";

/** One call to PostHog's logs endpoint with the view's filters already applied; newest first. */
export type FetchLogPage = (bounds: PageBounds, signal: AbortSignal) => Promise<readonly RawLogEntry[]>;

/**
 * - connecting: no page yet;
 * - live: the last poll worked;
 * - reconnecting: the last poll failed in a way that passes (429, outage); what is shown stays;
 * - failed: PostHog refused in a way retrying will not fix (403, 404); polling stopped;
 * - history: the user paged back past the memory cap, the newest lines were dropped, polling stopped.
 */
export type Connection = "connecting" | "live" | "reconnecting" | "failed" | "history";

/** "start": PostHog has nothing older (its retention, or the export's first line). */
export type OlderState = "more" | "loading" | "start";

export interface LogFeedSnapshot {
  /** Oldest first. */
  lines: readonly LogLine[];
  loaded: boolean;
  connection: Connection;
  /** Polling paused because the tab is hidden. */
  hidden: boolean;
  problem: string | null;
  older: OlderState;
  olderProblem: string | null;
  /** Lines that arrived at the live end after the first page: the view counts "N new lines" from it. */
  tailAdded: number;
  nextPollMs: number | null;
}

export interface LogFeedOptions {
  fetchPage: FetchLogPage;
  pageSize?: number;
  cap?: number;
  lateWindowMicros?: number;
  /** A poll that finds more than this many pages of new lines gives up joining them to the held ones. */
  maxCatchUpPages?: number;
  /** How many pages back a permalink may load to find its line. */
  maxRevealPages?: number;
  pollMs?: number;
  visibility?: VisibilitySource;
  timers?: Timers;
}

const INITIAL: LogFeedSnapshot = {
  lines: [],
  loaded: false,
  connection: "connecting",
  hidden: false,
  problem: null,
  older: "more",
  olderProblem: null,
  tailAdded: 0,
  nextPollMs: null,
};

function oldestOf(page: readonly RawLogEntry[]): number {
  let oldest = Infinity;
  for (const entry of page) oldest = Math.min(oldest, toMicros(entry.timestamp));
  return oldest;
}

/**
 * A live, bounded view of one export's filtered logs: polls for newer lines, pages back for older ones,
 * and publishes snapshots for React (`subscribe` / `getSnapshot`).
 *
 * The held lines are always one contiguous stretch of the filtered log: polls page down until they
 * join the held lines (or, after a long absence, drop the held ones rather than leave a hole), and
 * older pages are thrown away if the oldest held line moved meanwhile.
 */
export class LogFeed {
  private store: LogStore;
  private readonly scheduler: PollScheduler;
  private controller = new AbortController();
  /** Bumped whenever the oldest held line moves up, so an older page in flight no longer joins on. */
  private lowerEdge = 0;
  private detached = false;
  private running = false;
  private olderInFlight: Promise<void> | null = null;
  private snapshot: LogFeedSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly pageSize: number;
  private readonly cap: number;

  constructor(private readonly options: LogFeedOptions) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.cap = options.cap ?? LOG_MEMORY_CAP;
    this.store = new LogStore(this.cap);
    this.scheduler = new PollScheduler(() => this.poll(), {
      baseMs: options.pollMs,
      visibility: options.visibility,
      timers: options.timers,
      onState: ({ hidden, nextDelayMs }) => this.update({ hidden, nextPollMs: nextDelayMs }),
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LogFeedSnapshot => this.snapshot;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.controller = new AbortController();
    if (!this.detached) this.scheduler.start();
  }

  stop(): void {
    this.running = false;
    this.scheduler.stop();
    this.controller.abort();
  }

  /** After a failure: try again now. */
  retry(): void {
    this.update({ connection: this.snapshot.loaded ? "reconnecting" : "connecting" });
    this.scheduler.pollNow();
  }

  /** Leaves history (see `Connection`): starts again from the newest lines. */
  backToLatest(): void {
    this.store = new LogStore(this.cap);
    this.lowerEdge++;
    this.detached = false;
    this.olderInFlight = null;
    this.update({ ...INITIAL, hidden: this.snapshot.hidden });
    if (this.running) {
      this.scheduler.stop();
      this.scheduler.start();
    }
  }

  loadOlder(): Promise<void> {
    if (this.olderInFlight) return this.olderInFlight;
    if (!this.snapshot.loaded || this.snapshot.older !== "more") return Promise.resolve();
    this.olderInFlight = this.fetchOlder().finally(() => {
      this.olderInFlight = null;
    });
    return this.olderInFlight;
  }

  /**
   * Loads older pages until the lines at `micros` are all held (a permalink's line). False when PostHog
   * has nothing that old, or it is more than `maxRevealPages` pages back.
   */
  async reveal(micros: number): Promise<boolean> {
    const maxPages = this.options.maxRevealPages ?? 20;
    for (let pages = 0; ; pages++) {
      const { loaded, older, olderProblem } = this.snapshot;
      const oldest = this.store.oldestMicros;
      if (!loaded) return false;
      // The oldest timestamp held may be partly loaded (a full page ends inside it); any later one is whole.
      if (oldest !== null && oldest < micros) return true;
      if (older === "start") return oldest !== null && oldest <= micros;
      if (pages >= maxPages || olderProblem) return false;
      await this.loadOlder();
    }
  }

  private fetch(pageBounds: PageBounds): Promise<readonly RawLogEntry[]> {
    return this.options.fetchPage(pageBounds, this.controller.signal);
  }

  private async poll(): Promise<PollOutcome> {
    const store = this.store;
    const firstPage = !this.snapshot.loaded;
    const after = pollAfter(store.newestMicros, this.options.lateWindowMicros ?? LATE_LINE_WINDOW_MICROS);
    const maxPages = this.options.maxCatchUpPages ?? 20;
    const pages: Array<readonly RawLogEntry[]> = [];
    let before: number | undefined;
    let joined = true;
    try {
      for (;;) {
        const page = await this.fetch(bounds(after, before, this.pageSize));
        pages.push(page);
        // Short page: everything down to `after` is here. No `after`: the newest page is all a first look needs.
        if (page.length < this.pageSize || after === undefined) break;
        if (pages.length >= maxPages) {
          joined = false;
          break;
        }
        before = continueBelow(oldestOf(page), before).before;
      }
    } catch (error) {
      return this.pollFailed(error, store);
    }
    if (store !== this.store || this.detached) return "same";

    let added = 0;
    let atTail = 0;
    let trimmed = 0;
    // Oldest page first: each then sits above the one before, so lines of a tie split between pages keep their order.
    for (const page of [...pages].reverse()) {
      const result = store.merge(page, "newer");
      added += result.added;
      atTail += result.addedAtTail;
      trimmed += result.trimmed;
    }
    // Too much happened while away to join up: keep the newest stretch whole, the rest can be paged back to.
    if (!joined) trimmed += store.dropOlderThan(oldestOf(pages[pages.length - 1]!));
    if (trimmed > 0) this.lowerEdge++;

    const lastPage = pages[pages.length - 1]!;
    const older: OlderState =
      after === undefined ? (lastPage.length < this.pageSize ? "start" : "more") : trimmed > 0 ? "more" : this.snapshot.older;
    this.update({
      lines: store.lines,
      loaded: true,
      connection: "live",
      problem: null,
      older,
      tailAdded: firstPage ? 0 : this.snapshot.tailAdded + (joined ? atTail : added),
    });
    return added > 0 ? "new" : "same";
  }

  private pollFailed(error: unknown, store: LogStore): PollOutcome {
    if (isAbort(error) || store !== this.store) return "same";
    const failure = describeFailure(error);
    this.update({ connection: failure.transient ? "reconnecting" : "failed", problem: failure.message });
    return failure.transient ? "failed" : "fatal";
  }

  private async fetchOlder(): Promise<void> {
    const store = this.store;
    const edge = this.lowerEdge;
    const oldest = store.oldestMicros;
    this.update({ older: "loading", olderProblem: null });
    const pages: Array<readonly RawLogEntry[]> = [];
    try {
      let before = oldest === null ? undefined : inclusiveBefore(oldest);
      for (;;) {
        const page = await this.fetch(bounds(undefined, before, this.pageSize));
        pages.push(page);
        // A full page that does not reach below the held lines is a crowded timestamp: step past it.
        if (oldest === null || page.length < this.pageSize || oldestOf(page) < oldest || before === oldest) break;
        before = continueBelow(oldest, before).before;
      }
    } catch (error) {
      if (store === this.store) this.update({ older: "more", olderProblem: isAbort(error) ? null : describeFailure(error).message });
      return;
    }
    if (store !== this.store) return;
    if (edge !== this.lowerEdge) {
      this.update({ older: "more" });
      return;
    }
    let trimmed = 0;
    for (const page of pages) trimmed += store.merge(page, "older").trimmed;
    if (trimmed > 0 && !this.detached) {
      this.detached = true;
      this.scheduler.stop();
    }
    this.update({
      lines: store.lines,
      older: pages[pages.length - 1]!.length < this.pageSize ? "start" : "more",
      ...(this.detached ? { connection: "history" as const, nextPollMs: null } : {}),
    });
  }

  private update(patch: Partial<LogFeedSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
