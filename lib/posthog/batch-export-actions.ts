import { z } from "zod";

/**
 * Bodies of the batch-export actions, which the OpenAPI document leaves undescribed
 * (POSTHOG-API.md §1.2). Their request bodies there are drf-spectacular artefacts: the server reads
 * only `backfill` (unpause) and `start_at`/`end_at` (backfills).
 */

/** `POST .../pause/` → `{"paused": true}`; `POST .../unpause/` → `{"paused": false}`. */
export const PausedResponse = z.object({ paused: z.boolean() });
export type PausedResponse = z.infer<typeof PausedResponse>;

/** `POST .../unpause/` body: `backfill: true` backfills the paused period (last_paused_at → now). */
export const UnpauseRequest = z.object({ backfill: z.boolean().optional() });
export type UnpauseRequest = z.infer<typeof UnpauseRequest>;

/** `POST .../runs/{id}/cancel/` and `POST .../backfills/{id}/cancel/` → `{"cancelled": true}`. */
export const CancelledResponse = z.object({ cancelled: z.literal(true) });
export type CancelledResponse = z.infer<typeof CancelledResponse>;

/**
 * `POST .../backfills/` (201), `POST .../runs/{id}/retry/` (201) and the deprecated `POST .../{id}/backfill/`
 * (200). Newest PostHog answers a UUID4; older versions answered the Temporal workflow id
 * (`<export id>-Backfill-<start>-<end>`), so only "a non-empty string" is guaranteed.
 * This is **not** a BatchExportBackfill object.
 */
export const BackfillIdResponse = z.object({ backfill_id: z.string().min(1) });
export type BackfillIdResponse = z.infer<typeof BackfillIdResponse>;
