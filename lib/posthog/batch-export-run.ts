import { z } from "zod";
import { PostHogDateTime, PostHogId } from "./common";
import { cursorPage } from "./pagination";

/** `BatchExportRun.Status` (POSTHOG-API.md §2.4). */
export const BatchExportRunStatus = z.enum([
  "Cancelled",
  "Completed",
  "ContinuedAsNew",
  "Failed",
  "FailedRetryable",
  "FailedBilling",
  "Terminated",
  "TimedOut",
  "Running",
  "Starting",
]);
export type BatchExportRunStatus = z.infer<typeof BatchExportRunStatus>;

/** Statuses in which a run (or backfill) can still be cancelled; cancel answers 400 otherwise. */
export const CANCELLABLE_STATUSES = ["Running", "Starting"] as const;

/**
 * BatchExportRun (`fields="__all__"`), newest shape. `data_interval_end` is declared non-null by the newest
 * serializer. `records_failed` and `batch_export_on_demand` are newest-only, hence optional.
 */
export const BatchExportRun = z.object({
  id: PostHogId,
  status: BatchExportRunStatus,
  records_completed: z.int().nullable(),
  records_failed: z.int().nullable().optional(),
  latest_error: z.string().nullable(),
  data_interval_start: PostHogDateTime.nullable(),
  data_interval_end: PostHogDateTime,
  cursor: z.string().nullable(),
  created_at: PostHogDateTime,
  finished_at: PostHogDateTime.nullable(),
  last_updated_at: PostHogDateTime,
  records_total_count: z.int().nullable(),
  bytes_exported: z.int().nullable(),
  batch_export: PostHogId,
  backfill: PostHogId.nullable(),
  batch_export_on_demand: PostHogId.nullable().optional(),
});
export type BatchExportRun = z.infer<typeof BatchExportRun>;

/** `GET .../runs/`: cursor page of 100, no `count`; last 7 days by default. */
export const BatchExportRunPage = cursorPage(BatchExportRun);
export type BatchExportRunPage = z.infer<typeof BatchExportRunPage>;

/** Query parameters of `GET .../runs/` (BE-new `BatchExportRunListQuerySerializer` + ordering/cursor). */
export const BatchExportRunListQuery = z.object({
  cursor: z.string().optional(),
  ordering: z.enum(["created_at", "-created_at", "data_interval_start", "-data_interval_start"]).optional(),
  /** Repeatable: `status=Failed&status=Running`. */
  status: z.array(BatchExportRunStatus).optional(),
  /** ISO datetime or relative (`-7d`); on `created_at` unless ordering by `data_interval_start`. */
  after: z.string().optional(),
  before: z.string().optional(),
  /** ISO datetime or relative; on the data interval when ordering by `data_interval_start`. */
  start: z.string().optional(),
  end: z.string().optional(),
});
export type BatchExportRunListQuery = z.infer<typeof BatchExportRunListQuery>;
