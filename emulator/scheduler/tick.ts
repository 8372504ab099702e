/**
 * One step of the simulation, deterministic given `now`: (a) schedule due runs, (b) move runs whose planned
 * times passed, (c) drive backfills. Each phase is its own transaction. The CLI calls this about every
 * 500 ms with the real clock; tests call it with a manual clock.
 */
import type { Db } from "../store/open-database";
import { advanceDueRuns } from "./advance-runs";
import { driveBackfills } from "./drive-backfills";
import { scheduleDueRuns } from "./schedule-runs";
import { DEFAULT_SIMULATION_SETTINGS, type SimulationSettings } from "./simulation-settings";

export interface TickResult {
  runsScheduled: number;
  runsAdvanced: number;
  backfillsChanged: number;
}

export function tick(db: Db, now: number, settings: SimulationSettings = DEFAULT_SIMULATION_SETTINGS): TickResult {
  const runsScheduled = db.transaction(() => scheduleDueRuns(db, now, settings))();
  const runsAdvanced = db.transaction(() => advanceDueRuns(db, now))();
  const backfillsChanged = db.transaction(() => driveBackfills(db, now, settings))();
  return { runsScheduled, runsAdvanced, backfillsChanged };
}
