import "server-only";
import { z } from "zod";

/**
 * Path ids as PostHog uses them. Anything else (slashes, dots, encoded separators) is refused with
 * 400 before a URL is ever built from it.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/; // lower case, as upstream-paths allows

export const OrganizationId = z.string().regex(UUID, { message: "Not a PostHog organization id." });
const BatchExportId = z.string().regex(UUID, { message: "Not a PostHog batch export id." });
const RunId = z.string().regex(UUID, { message: "Not a PostHog run id." });
const BackfillId = z.string().regex(UUID, { message: "Not a PostHog backfill id." });
export const ProjectId = z.coerce.number().int().positive().max(999_999_999_999);

export const OrganizationParams = z.object({ id: OrganizationId });
export const ExportParams = z.object({ id: OrganizationId, exportId: BatchExportId });
export const RunParams = ExportParams.extend({ runId: RunId });
export const BackfillParams = ExportParams.extend({ backfillId: BackfillId });
export const ProjectParams = z.object({ id: OrganizationId, projectId: ProjectId });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export function listSearch(query: z.infer<typeof ListQuery>): URLSearchParams {
  const search = new URLSearchParams();
  if (query.limit !== undefined) search.set("limit", String(query.limit));
  if (query.offset !== undefined) search.set("offset", String(query.offset));
  return search;
}
