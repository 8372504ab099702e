import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { failureDelay, PollScheduler, quietDelay, type PollOutcome, type VisibilitySource } from "./poll-scheduler";

class FakeVisibility implements VisibilitySource {
  isHidden = false;
  private listeners = new Set<() => void>();
  hidden = () => this.isHidden;
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(hidden: boolean) {
    this.isHidden = hidden;
    for (const l of this.listeners) l();
  }
}

/** Polls answering `outcomes` in turn (then "same"), recording when each happened. */
function recorder(outcomes: PollOutcome[] = []) {
  const times: number[] = [];
  const poll = vi.fn(async (): Promise<PollOutcome> => {
    times.push(Date.now());
    return outcomes.shift() ?? "same";
  });
  return { poll, times };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe("delays", () => {
  it("back off 2 s → 5 s → 10 s while nothing changes", () => {
    expect([0, 1, 2, 3, 9].map((n) => quietDelay(2000, n))).toEqual([2000, 5000, 10000, 10000, 10000]);
  });

  it("wait longer after failures, up to 30 s", () => {
    expect([1, 2, 3, 4, 8].map((n) => failureDelay(2000, n))).toEqual([2000, 5000, 10000, 30000, 30000]);
  });
});

describe("PollScheduler", () => {
  it("polls at once, then backs off while polls find nothing", async () => {
    const { poll, times } = recorder();
    const scheduler = new PollScheduler(poll, { baseMs: 2000, visibility: new FakeVisibility() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(40_000);
    scheduler.stop();
    expect(times.slice(0, 6)).toEqual([0, 2000, 7000, 17000, 27000, 37000]);
  });

  it("goes back to the shortest delay when a poll finds new lines", async () => {
    const { poll, times } = recorder(["same", "same", "new", "same"]);
    const scheduler = new PollScheduler(poll, { baseMs: 1000, visibility: new FakeVisibility() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10_000);
    scheduler.stop();
    // 0 same → +1 s; same → +2.5 s; new → +1 s; same → +1 s; same → +2.5 s
    expect(times.slice(0, 6)).toEqual([0, 1000, 3500, 4500, 5500, 8000]);
  });

  it("stops while the tab is hidden and polls at once on return", async () => {
    const visibility = new FakeVisibility();
    const { poll, times } = recorder();
    const states: Array<{ hidden: boolean }> = [];
    const scheduler = new PollScheduler(poll, { baseMs: 1000, visibility, onState: (s) => states.push(s) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(500);
    visibility.set(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times).toEqual([0]);
    expect(states.at(-1)).toEqual({ hidden: true, nextDelayMs: null });
    visibility.set(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 60_500]);
    scheduler.stop();
  });

  it("does not poll when started on a hidden tab", async () => {
    const visibility = new FakeVisibility();
    visibility.isHidden = true;
    const { poll } = recorder();
    const scheduler = new PollScheduler(poll, { visibility });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(poll).not.toHaveBeenCalled();
    scheduler.stop();
  });

  it("backs off on failures and stops on a fatal answer until asked again", async () => {
    const { poll, times } = recorder(["failed", "failed", "fatal"]);
    const scheduler = new PollScheduler(poll, { baseMs: 1000, visibility: new FakeVisibility() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times).toEqual([0, 1000, 3500]);
    scheduler.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 1000, 3500, 60_000]);
    scheduler.stop();
  });

  it("treats a poll that throws as a failure, and polls no more once stopped", async () => {
    const poll = vi.fn(async (): Promise<PollOutcome> => {
      throw new Error("boom");
    });
    const scheduler = new PollScheduler(poll, { baseMs: 1000, visibility: new FakeVisibility() });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(poll).toHaveBeenCalledTimes(2);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it("never runs two polls at once; a poll asked for meanwhile follows at once", async () => {
    let release: (() => void) | null = null;
    let active = 0;
    let maxActive = 0;
    const poll = vi.fn(async (): Promise<PollOutcome> => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => (release = resolve));
      active--;
      return "same";
    });
    const scheduler = new PollScheduler(poll, { baseMs: 1000, visibility: new FakeVisibility() });
    scheduler.start();
    scheduler.pollNow();
    scheduler.pollNow();
    expect(poll).toHaveBeenCalledTimes(1);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(poll).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
    scheduler.stop();
    release!();
  });
});
