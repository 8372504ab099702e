import { z } from "zod";
import { PostHogDateTime, PostHogId, TeamId } from "./common";
import { cursorPage } from "./pagination";

/** `BatchExportBackfill.Status`: the run statuses minus `FailedBilling`. */
export const BatchExportBackfillStatus = z.enum([
  "Cancelled",
  "Completed",
  "ContinuedAsNew",
  "Failed",
  "FailedRetryable",
  "Terminated",
  "TimedOut",
  "Running",
  "Starting",
]);
export type BatchExportBackfillStatus = z.infer<typeof BatchExportBackfillStatus>;

/**
 * `progress` (a SerializerMethodField): `Completed` → `{total, total, 1.0}`; Running/Starting →
 * finished/total rounded to one decimal, or null when it cannot be computed; any other status → null.
 */
export const BatchExportBackfillProgress = z.object({
  total_runs: z.int().nullable(),
  finished_runs: z.int().nullable(),
  progress: z.number().min(0).max(1).nullable(),
});
export type BatchExportBackfillProgress = z.infer<typeof BatchExportBackfillProgress>;

/**
 * BatchExportBackfill (`fields="__all__"` + `progress`), newest shape. `total_records_count` and
 * `adjusted_start_at` are newer fields, hence optional.
 */
export const BatchExportBackfill = z.object({
  id: PostHogId,
  progress: BatchExportBackfillProgress.nullable(),
  start_at: PostHogDateTime.nullable(),
  end_at: PostHogDateTime.nullable(),
  status: BatchExportBackfillStatus,
  created_at: PostHogDateTime,
  finished_at: PostHogDateTime.nullable(),
  last_updated_at: PostHogDateTime,
  total_records_count: z.int().nullable().optional(),
  adjusted_start_at: PostHogDateTime.nullable().optional(),
  team: TeamId,
  batch_export: PostHogId,
});
export type BatchExportBackfill = z.infer<typeof BatchExportBackfill>;

/** `GET .../backfills/`: cursor page of 50, no `count`. */
export const BatchExportBackfillPage = cursorPage(BatchExportBackfill);
export type BatchExportBackfillPage = z.infer<typeof BatchExportBackfillPage>;

/**
 * `POST .../backfills/` body. For `hour` and sub-hour exports: ISO datetimes **with** a timezone; for `day`
 * and `week` exports: dates only (`2026-01-01`). A null/absent `start_at` means "from the beginning of
 * time" (flag-gated). The server checks the rest (order, future `end_at`, weekday of weekly exports).
 */
export const BackfillCreate = z.object({
  start_at: z.string().min(1).nullable().optional(),
  end_at: z.string().min(1).nullable().optional(),
});
export type BackfillCreate = z.infer<typeof BackfillCreate>;
