import { throttled } from "../http/api-error";

export interface RateLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 480, perHour: 4800 };

/**
 * DRF's SimpleRateThrottle, twice (burst per minute, sustained per hour), keyed by the hash of the
 * personal API key: a sliding window of request times per throttle. As in DRF's `check_throttles`,
 * every throttle is asked and each records the request when it allows it, so a request refused by
 * the burst throttle still counts against the hour. The wait is DRF's `SimpleRateThrottle.wait()`:
 * what is left of the window since its oldest request, over the requests still available.
 */
export class RateLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(public limits: RateLimits) {}

  check(bucket: string, now: number): void {
    const throttles = [
      { scope: "burst", duration: 60_000, limit: this.limits.perMinute },
      { scope: "sustained", duration: 3_600_000, limit: this.limits.perHour },
    ];
    let refused = false;
    const waits: number[] = [];
    for (const throttle of throttles) {
      const key = `${throttle.scope}:${bucket}`;
      const times = this.history.get(key) ?? [];
      while (times.length > 0 && times[0]! <= now - throttle.duration) times.shift();
      if (times.length >= throttle.limit) {
        refused = true;
        const available = throttle.limit - times.length + 1;
        if (available > 0) waits.push((throttle.duration - (now - times[0]!)) / available);
      } else {
        times.push(now);
      }
      this.history.set(key, times);
    }
    if (refused) throw throttled(waits.length > 0 ? Math.ceil(Math.max(...waits) / 1000) : null);
  }

  reset(): void {
    this.history.clear();
  }
}
