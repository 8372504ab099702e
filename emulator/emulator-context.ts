import type { RateLimiter } from "./auth/rate-limiter";
import type { SwitchableClock } from "./clock";
import type { FaultInjector } from "./http/fault-injector";
import type { SimulationSettings } from "./scheduler/simulation-settings";
import type { Db } from "./store/open-database";

/**
 * `cloud` answers as PostHog Cloud does today; `legacy` as an older self-hosted PostHog that still has
 * the deprecated `backfill` action and working organization-level create/update/logs.
 */
export type Profile = "cloud" | "legacy";

export interface Emulator {
  readonly db: Db;
  readonly clock: SwitchableClock;
  readonly profile: Profile;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly simulation: SimulationSettings;
  readonly controlEnabled: boolean;
  /** Counts API requests, so tests can prove a client made no upstream call. */
  readonly stats: { apiRequests: number };
  /** Runs the scheduler up to the clock's now; routes call it so reads never show a stale world. */
  tick(): void;
}
