import { throttled } from "../http/api-error";

export interface RateLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 480, perHour: 4800 };

/**
 * DRF's SimpleRateThrottle, twice (burst per minute, sustained per hour), keyed by the hash of the
 * personal API key: a sliding window of request times. A refused request is not counted, as in DRF.
 */
export class RateLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(public limits: RateLimits) {}

  check(bucket: string, now: number): void {
    const times = this.history.get(bucket) ?? [];
    const hourAgo = now - 3_600_000;
    while (times.length > 0 && times[0]! <= hourAgo) times.shift();
    const minuteAgo = now - 60_000;
    const inLastMinute = countAfter(times, minuteAgo);
    const waits: number[] = [];
    if (inLastMinute >= this.limits.perMinute) {
      waits.push(times[times.length - this.limits.perMinute]! + 60_000 - now);
    }
    if (times.length >= this.limits.perHour) {
      waits.push(times[times.length - this.limits.perHour]! + 3_600_000 - now);
    }
    if (waits.length > 0) {
      this.history.set(bucket, times);
      throw throttled(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
    }
    times.push(now);
    this.history.set(bucket, times);
  }

  reset(): void {
    this.history.clear();
  }
}

function countAfter(sorted: number[], threshold: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > threshold) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}
