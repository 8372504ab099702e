import "server-only";
import { createHash } from "node:crypto";

/**
 * Keeps each personal API key under PostHog's throttles (480/minute, 4800/hour) with some headroom,
 * so the dashboard refuses a burst itself rather than getting the key throttled for everyone using it.
 */
export interface Budget {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_BUDGET: Budget = { perMinute: 400, perHour: 4000 };

export class RateBudget {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly budget: Budget = DEFAULT_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one call from the key's budget; returns the seconds to wait when there is none left. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const bucket = createHash("sha256").update(key).digest("hex");
    const now = this.now();
    const times = (this.calls.get(bucket) ?? []).filter((t) => t > now - 3_600_000);
    const lastMinute = times.filter((t) => t > now - 60_000);
    if (lastMinute.length >= this.budget.perMinute) {
      this.calls.set(bucket, times);
      return { ok: false, retryAfterSeconds: Math.ceil((lastMinute[0]! + 60_000 - now) / 1000) };
    }
    if (times.length >= this.budget.perHour) {
      this.calls.set(bucket, times);
      return { ok: false, retryAfterSeconds: Math.ceil((times[0]! + 3_600_000 - now) / 1000) };
    }
    times.push(now);
    this.calls.set(bucket, times);
    return { ok: true };
  }
}
