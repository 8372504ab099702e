/**
 * When to ask PostHog for new lines. Polls soon while lines keep coming, backs off while nothing
 * changes, waits longer after failures, and stops while the tab is hidden (every poll costs a call from
 * the key's rate budget, shared with everything else the user does).
 */

export type PollOutcome = "new" | "same" | "failed" | "fatal";

/** Multiples of the base delay after 0, 1, 2… polls that found nothing: 2 s → 5 s → 10 s by default. */
const QUIET_STEPS = [1, 2.5, 5] as const;
/** After 1, 2, 3… failures in a row: 2 s → 5 s → 10 s → 30 s by default. */
const FAILURE_STEPS = [1, 2.5, 5, 15] as const;

export const DEFAULT_POLL_MS = 2000;

function step(steps: readonly number[], index: number): number {
  return steps[Math.min(index, steps.length - 1)]!;
}

export function quietDelay(baseMs: number, quietPolls: number): number {
  return Math.round(baseMs * step(QUIET_STEPS, quietPolls));
}

export function failureDelay(baseMs: number, failures: number): number {
  return Math.round(baseMs * step(FAILURE_STEPS, Math.max(0, failures - 1)));
}

export interface VisibilitySource {
  hidden(): boolean;
  /** Calls `listener` when visibility changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const documentVisibility: VisibilitySource = {
  hidden: () => typeof document !== "undefined" && document.visibilityState === "hidden",
  subscribe(listener) {
    if (typeof document === "undefined") return () => {};
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
};

export interface SchedulerState {
  /** Not polling because the tab is hidden. */
  hidden: boolean;
  /** Delay until the next poll, or null when none is planned (hidden, stopped, fatal or in flight). */
  nextDelayMs: number | null;
}

export interface PollSchedulerOptions {
  baseMs?: number;
  visibility?: VisibilitySource;
  timers?: Timers;
  onState?: (state: SchedulerState) => void;
}

export class PollScheduler {
  private readonly baseMs: number;
  private readonly visibility: VisibilitySource;
  private readonly timers: Timers;
  private readonly onState: (state: SchedulerState) => void;
  private timer: unknown = null;
  private running = false;
  private inFlight = false;
  /** `pollNow` came while a poll was in flight: poll again as soon as it lands. */
  private again = false;
  private quietPolls = 0;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly poll: () => Promise<PollOutcome>,
    options: PollSchedulerOptions = {},
  ) {
    this.baseMs = options.baseMs ?? DEFAULT_POLL_MS;
    this.visibility = options.visibility ?? documentVisibility;
    this.timers = options.timers ?? browserTimers;
    this.onState = options.onState ?? (() => {});
  }

  /** Polls now (unless the tab is hidden) and keeps polling until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.visibility.subscribe(this.onVisibility);
    this.pollNow();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Polls at once with the shortest delay after, e.g. when the user asks to retry. */
  pollNow(): void {
    if (!this.running) return;
    this.quietPolls = 0;
    this.clearTimer();
    if (this.visibility.hidden()) {
      this.onState({ hidden: true, nextDelayMs: null });
      return;
    }
    void this.tick();
  }

  private readonly onVisibility = () => {
    if (!this.running) return;
    if (this.visibility.hidden()) {
      this.clearTimer();
      this.onState({ hidden: true, nextDelayMs: null });
    } else {
      // Back on the tab: what happened meanwhile is what the user came back for.
      this.pollNow();
    }
  };

  private async tick(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.again = false;
    this.onState({ hidden: false, nextDelayMs: null });
    let outcome: PollOutcome;
    try {
      outcome = await this.poll();
    } catch {
      outcome = "failed";
    } finally {
      this.inFlight = false;
    }
    if (!this.running) return;
    if (outcome === "fatal") {
      this.onState({ hidden: false, nextDelayMs: null });
      return;
    }
    if (outcome === "failed") this.failures++;
    else this.failures = 0;
    if (outcome === "new") this.quietPolls = 0;
    const delay = this.again ? 0 : outcome === "failed" ? failureDelay(this.baseMs, this.failures) : quietDelay(this.baseMs, this.quietPolls);
    if (outcome === "same") this.quietPolls++;
    if (this.visibility.hidden()) {
      this.onState({ hidden: true, nextDelayMs: null });
      return;
    }
    this.clearTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.tick();
    }, delay);
    this.onState({ hidden: false, nextDelayMs: delay });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
