/** The batch export simulation: what the HTTP layer and the CLI call. */
export { tick, type TickResult } from "./tick";
export {
  DEFAULT_SIMULATION_SETTINGS,
  resolveSimulationSettings,
  type SimulationSettings,
} from "./simulation-settings";
export { cancelRun, cancelBackfill } from "./cancel";
export { createBackfill, retryRun, activeBackfillCount } from "./backfills";
export { createBackfillRow, cancelActiveBackfillsOf } from "./backfill-actions";
export { backfillProgress, totalExpectedRuns, pythonRound, type BackfillProgress } from "./progress";
export { seedHistory, type SeedExport } from "./seed-history";
export type { BatchExportRow, RunRow, BackfillRow, ExportInfo } from "./rows";
