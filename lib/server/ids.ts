import "server-only";
import { z } from "zod";

/**
 * Path ids as PostHog uses them. Anything else (slashes, dots, encoded separators) is refused with
 * 400 before a URL is ever built from it.
 */
export const OrganizationId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  message: "Not a PostHog organization id.",
});

export const OrganizationParams = z.object({ id: OrganizationId });

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
