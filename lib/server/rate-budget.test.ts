import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET, RateBudget } from "./rate-budget";

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function takeMany(budget: RateBudget, key: string, n: number) {
  for (let i = 0; i < n; i++) expect(budget.take(key)).toEqual({ ok: true });
}

describe("RateBudget", () => {
  it("stays under PostHog's own throttles (480/minute, 4800/hour) by default", () => {
    expect(DEFAULT_BUDGET.perMinute).toBeLessThan(480);
    expect(DEFAULT_BUDGET.perHour).toBeLessThan(4800);
  });

  it("refuses the call past the per-minute limit, with the seconds until the oldest call leaves the minute", () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 3, perHour: 100 }, c.now);
    takeMany(budget, "phx_a", 3);
    expect(budget.take("phx_a")).toEqual({ ok: false, retryAfterSeconds: 60 });

    c.advance(20_500);
    expect(budget.take("phx_a")).toEqual({ ok: false, retryAfterSeconds: 40 }); // 39.5 s, rounded up

    c.advance(39_499);
    expect(budget.take("phx_a")).toEqual({ ok: false, retryAfterSeconds: 1 });

    c.advance(1);
    expect(budget.take("phx_a")).toEqual({ ok: true });
  });

  it("does not count refused calls against the key", () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 2, perHour: 100 }, c.now);
    takeMany(budget, "phx_a", 2);
    for (let i = 0; i < 10; i++) expect(budget.take("phx_a").ok).toBe(false);
    c.advance(60_000);
    takeMany(budget, "phx_a", 2);
  });

  it("refuses the call past the per-hour limit even when the minute has room", () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 2, perHour: 4 }, c.now);
    takeMany(budget, "phx_a", 2);
    c.advance(60_000);
    takeMany(budget, "phx_a", 2);
    c.advance(60_000);
    // 2 minutes in: the last minute is empty, but the hour has 4 calls.
    const refused = budget.take("phx_a");
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 3600 - 120 });

    c.advance(3_600_000 - 120_000 - 1);
    expect(budget.take("phx_a").ok).toBe(false);
    c.advance(1);
    // The first two calls have left the hour.
    takeMany(budget, "phx_a", 2);
    expect(budget.take("phx_a").ok).toBe(false);
  });

  it("keeps each key's budget separate", () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 2, perHour: 100 }, c.now);
    takeMany(budget, "phx_a", 2);
    expect(budget.take("phx_a").ok).toBe(false);
    takeMany(budget, "phx_b", 2);
    expect(budget.take("phx_b").ok).toBe(false);
    expect(budget.take("phx_c").ok).toBe(true);
  });

  it("keeps budgets separate per instance", () => {
    const c = clock();
    const one = new RateBudget({ perMinute: 1, perHour: 100 }, c.now);
    const two = new RateBudget({ perMinute: 1, perHour: 100 }, c.now);
    expect(one.take("phx_a").ok).toBe(true);
    expect(one.take("phx_a").ok).toBe(false);
    expect(two.take("phx_a").ok).toBe(true);
  });
});
