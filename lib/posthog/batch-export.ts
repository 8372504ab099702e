import { z } from "zod";
import { PostHogDateTime, PostHogId, TeamId } from "./common";
import { Destination, DestinationInput } from "./destination";
import { BatchExportRun } from "./batch-export-run";
import { limitOffsetPage } from "./pagination";

/**
 * Schedule interval. Sub-hour intervals need the `high-frequency-batch-exports` flag (else 403).
 * The old OpenAPI document lacks `every 15 minutes`; the oldest versions had only hour/day/week.
 */
export const BatchExportInterval = z.enum(["hour", "day", "week", "every 5 minutes", "every 15 minutes"]);
export type BatchExportInterval = z.infer<typeof BatchExportInterval>;

/** Data model. `sessions` and `hogql` are flag-gated (403); the model cannot change after creation. */
export const BatchExportModel = z.enum(["events", "persons", "sessions", "hogql"]);
export type BatchExportModel = z.infer<typeof BatchExportModel>;

/** Weekly exports: day of week the interval starts, 0 = Sunday … 6 = Saturday. */
export const OffsetDay = z.int().min(0).max(6);
/** Daily and weekly exports: hour of day (in `timezone`) the interval starts. */
export const OffsetHour = z.int().min(0).max(23);

/** One property filter; PostHog checks only that it is an object with a supported `type`. */
export const BatchExportFilter = z.looseObject({ type: z.enum(["event", "person", "hogql"]) });
export type BatchExportFilter = z.infer<typeof BatchExportFilter>;

/** Derived from `hogql_query` for `events` exports (read-only). */
export const BatchExportSchema = z.looseObject({
  fields: z.array(z.looseObject({ expression: z.string(), alias: z.string() })),
  values: z.record(z.string(), z.unknown()),
  hogql_query: z.string().optional(),
});
export type BatchExportSchema = z.infer<typeof BatchExportSchema>;

/**
 * BatchExport, newest shape (POSTHOG-API.md §2.2; BE-new `BatchExportSerializer`).
 *
 * - `timezone`, `offset_day`, `offset_hour` are always rendered by current PostHog: `offset_day` is 0..6 for
 *   weekly exports and null otherwise, `offset_hour` 0..23 for daily/weekly and null otherwise.
 * - `hogql_query` may be absent (older versions skip the write-only field on read).
 * - `hogql_modifiers`, `primary_key`, `version_key`, `incremental_mode` exist only in the newest code and are
 *   only meaningful for the `hogql` model.
 * - `model` may read `""` or null for very old rows.
 */
export const BatchExport = z.object({
  id: PostHogId,
  team_id: TeamId,
  name: z.string(),
  model: z.union([BatchExportModel, z.literal("")]).nullable(),
  destination: Destination,
  interval: BatchExportInterval,
  paused: z.boolean(),
  created_at: PostHogDateTime,
  last_updated_at: PostHogDateTime,
  last_paused_at: PostHogDateTime.nullable(),
  start_at: PostHogDateTime.nullable(),
  end_at: PostHogDateTime.nullable(),
  /** The 10 most recent runs, newest first. */
  latest_runs: z.array(BatchExportRun),
  hogql_query: z.string().nullable().optional(),
  schema: BatchExportSchema.nullable(),
  filters: z.array(BatchExportFilter).nullable(),
  timezone: z.string().nullable(),
  offset_day: OffsetDay.nullable(),
  offset_hour: OffsetHour.nullable(),
  hogql_modifiers: z.record(z.string(), z.unknown()).nullable().optional(),
  primary_key: z.array(z.string()).nullable().optional(),
  version_key: z.array(z.string()).nullable().optional(),
  /** Values unverified beyond the enum member names (`APPEND`, `MERGE`). */
  incremental_mode: z.string().nullable().optional(),
});
export type BatchExport = z.infer<typeof BatchExport>;

/** `GET .../batch_exports/`: limit/offset, default 100, newest first; deleted exports excluded. */
export const BatchExportPage = limitOffsetPage(BatchExport);
export type BatchExportPage = z.infer<typeof BatchExportPage>;

/** The writable fields (BE-new `BatchExportRequestSerializer`); `last_paused_at`, `start_at`, `end_at` are writable too. */
const batchExportWritable = {
  name: z.string().min(1),
  model: BatchExportModel,
  destination: DestinationInput,
  interval: BatchExportInterval,
  paused: z.boolean(),
  hogql_query: z.string().nullable(),
  filters: z.array(BatchExportFilter).nullable(),
  timezone: z.string().nullable(),
  offset_day: OffsetDay.nullable(),
  offset_hour: OffsetHour.nullable(),
  start_at: PostHogDateTime.nullable(),
  end_at: PostHogDateTime.nullable(),
  last_paused_at: PostHogDateTime.nullable(),
};

/** `POST` (and `PUT`): `name`, `destination` and `interval` are required; `model` defaults to `events`. */
export const BatchExportCreate = z.object(batchExportWritable).partial().required({
  name: true,
  destination: true,
  interval: true,
});
export type BatchExportCreate = z.infer<typeof BatchExportCreate>;

/** `PATCH`: any subset; a `destination`, when present, must still carry both `type` and `config`. */
export const BatchExportUpdate = z.object(batchExportWritable).partial();
export type BatchExportUpdate = z.infer<typeof BatchExportUpdate>;
