/**
 * The plan of a simulated run, decided when it is created and stored in the `sim_*` columns: when it starts
 * running, when it finishes, whether it fails (and with which error) and how many records it moves.
 * - Record volume depends only on the export and the interval, so a retry or backfill of the same interval
 *   exports the same number of records.
 * - The outcome and bytes are drawn from a PRNG seeded by the run id (retries get fresh odds).
 */
import { bytesPerRecord, failureMessage } from "./destination-profile";
import { seededRandom } from "./prng";
import { parseConfig, type ExportInfo } from "./rows";
import type { SimulationSettings } from "./simulation-settings";

const HOUR = 3_600_000;

/** Events per hour for an export: a stable "size" for the team behind it. */
export function baseEventsPerHour(exportId: string): number {
  const random = seededRandom(`volume:${exportId}`);
  const tier = random();
  const within = random();
  if (tier < 0.1) return Math.round(5 + within * 60); // a quiet project
  if (tier < 0.5) return Math.round(500 + within * 4_500);
  if (tier < 0.9) return Math.round(5_000 + within * 45_000);
  return Math.round(50_000 + within * 350_000);
}

/** Traffic shape over a UTC day: lowest around 03:00, highest around 15:00. */
function diurnalFactor(hourOfDay: number): number {
  return 1 + 0.45 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
}

/** Records in `[startMs, endMs)` for this export (a beginning-of-time interval counts as 30 days). */
export function recordsForInterval(exportId: string, startMs: number | null, endMs: number): number {
  const start = startMs ?? endMs - 30 * 24 * HOUR;
  const hours = Math.max(0, endMs - start) / HOUR;
  const random = seededRandom(`records:${exportId}:${start}:${endMs}`);
  const shape = hours < 24 ? diurnalFactor(new Date(start + (endMs - start) / 2).getUTCHours()) : 1;
  const noise = 0.7 + random() * 0.6;
  return Math.max(0, Math.round(baseEventsPerHour(exportId) * hours * shape * noise));
}

/** Bytes written for a completed run. */
export function bytesForRun(runId: string, records: number, exportInfo: ExportInfo): number {
  const perRecord = bytesPerRecord(exportInfo.destination_type, parseConfig(exportInfo));
  const random = seededRandom(`bytes:${runId}`);
  return Math.round(records * perRecord * (0.9 + random() * 0.2));
}

export interface RunPlan {
  sim_running_at: number;
  sim_finish_at: number;
  sim_outcome: "Completed" | "Failed";
  sim_records: number;
  sim_error: string | null;
}

export function planRun(input: {
  runId: string;
  exportInfo: ExportInfo;
  createdAt: number;
  startMs: number | null;
  endMs: number;
  isBackfill: boolean;
  settings: SimulationSettings;
}): RunPlan {
  const { settings } = input;
  const random = seededRandom(`outcome:${input.runId}`);
  const fails = random() < settings.failureRate;
  const runningAt = input.createdAt + Math.round(settings.startingSeconds * 1000);
  const duration = input.isBackfill ? settings.backfillRunSeconds : settings.runSeconds;
  return {
    sim_running_at: runningAt,
    sim_finish_at: runningAt + Math.round(duration * 1000),
    sim_outcome: fails ? "Failed" : "Completed",
    sim_records: recordsForInterval(input.exportInfo.id, input.startMs, input.endMs),
    sim_error: fails
      ? failureMessage(input.exportInfo.destination_type, parseConfig(input.exportInfo), random)
      : null,
  };
}
