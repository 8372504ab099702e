/** Knobs of the simulation that makes the emulator's batch exports "run". */
export interface SimulationSettings {
  /** How long a scheduled run stays Running, in seconds. */
  runSeconds: number;
  /** How long a backfill run stays Running, in seconds. */
  backfillRunSeconds: number;
  /** How long a run (or backfill) stays Starting before Running, in seconds. */
  startingSeconds: number;
  /** Probability (0..1) that a run fails. */
  failureRate: number;
  /** After a downtime (or a clock jump) only this many of the most recent missed intervals are scheduled. */
  maxCatchUpIntervals: number;
  /** Starting/Running backfills a team may have at once (PostHog's BATCH_EXPORT_MAX_CONCURRENT_BACKFILLS_PER_TEAM). */
  maxConcurrentBackfills: number;
}

export const DEFAULT_SIMULATION_SETTINGS: Readonly<SimulationSettings> = Object.freeze({
  runSeconds: 6,
  backfillRunSeconds: 2,
  startingSeconds: 1,
  failureRate: 0.1,
  maxCatchUpIntervals: 3,
  maxConcurrentBackfills: 5,
});

/** Defaults filled in, values clamped to sane ranges. */
export function resolveSimulationSettings(partial: Partial<SimulationSettings> = {}): SimulationSettings {
  const pick = (key: keyof SimulationSettings, min: number, max = Infinity): number => {
    const value = partial[key];
    const n = typeof value === "number" && Number.isFinite(value) ? value : DEFAULT_SIMULATION_SETTINGS[key];
    return Math.min(max, Math.max(min, n));
  };
  return {
    runSeconds: pick("runSeconds", 0),
    backfillRunSeconds: pick("backfillRunSeconds", 0),
    startingSeconds: pick("startingSeconds", 0),
    failureRate: pick("failureRate", 0, 1),
    maxCatchUpIntervals: Math.floor(pick("maxCatchUpIntervals", 1)),
    maxConcurrentBackfills: Math.floor(pick("maxConcurrentBackfills", 1)),
  };
}
