/**
 * Time source for everything that depends on "now": the scheduler, run lifecycles, rate limits,
 * the default 7-day runs window. Tests use the manual clock and move it forward instead of waiting.
 */
export interface Clock {
  now(): number;
  readonly mode: "real" | "manual";
}

export class RealClock implements Clock {
  readonly mode = "real" as const;
  now(): number {
    return Date.now();
  }
}

export class ManualClock implements Clock {
  readonly mode = "manual" as const;
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Swappable holder, so the control API can switch a running emulator between real and manual time. */
export class SwitchableClock implements Clock {
  constructor(private inner: Clock) {}
  get mode(): "real" | "manual" {
    return this.inner.mode;
  }
  now(): number {
    return this.inner.now();
  }
  use(clock: Clock): void {
    this.inner = clock;
  }
  get manual(): ManualClock | null {
    return this.inner instanceof ManualClock ? this.inner : null;
  }
}
