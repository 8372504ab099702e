import { z } from "zod";

/**
 * Building blocks shared by the PostHog resource schemas.
 *
 * PostHog's primary keys are UUIDT values (time-ordered, not RFC 4122 versioned), so ids are checked
 * with `z.guid()` (any 8-4-4-4-12 hex string) rather than `z.uuid()`, which insists on a version nibble.
 */
export const PostHogId = z.guid();

/**
 * DRF renders aware datetimes (`USE_TZ=True`) with an offset: `2024-05-01T12:00:00Z`,
 * `2024-05-01T12:00:00.123456Z` or `+00:00`. A naive datetime never comes back.
 */
export const PostHogDateTime = z.iso.datetime({ offset: true });

/** Integer team id (`team_id`, `team`); `{project_id}` in URLs is really a team id. */
export const TeamId = z.int().nonnegative();
