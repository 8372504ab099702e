import { z } from "zod";

/**
 * The two page envelopes PostHog uses (POSTHOG-API.md §4). `next` / `previous` are absolute URLs
 * built from the request's host, or null.
 */
export const PageUrl = z.url().nullable();

/**
 * DRF `LimitOffsetPagination` (organizations, batch exports, batch-export logs):
 * `{count, next, previous, results}`, default page 100, no maximum.
 */
export function limitOffsetPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    count: z.int().nonnegative(),
    next: PageUrl,
    previous: PageUrl,
    results: z.array(item),
  });
}
export type LimitOffsetPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };

/**
 * DRF `CursorPagination` (runs: page 100, backfills: page 50, both fixed): `{next, previous, results}`
 * with opaque base64 cursors and **no `count`**.
 */
export function cursorPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    next: PageUrl,
    previous: PageUrl,
    results: z.array(item),
  });
}
export type CursorPage<T> = { next: string | null; previous: string | null; results: T[] };

/** Query parameters of a limit/offset list. Invalid values fall back to the defaults server-side. */
export const LimitOffsetQuery = z.object({
  limit: z.coerce.number().int().positive().optional(),
  offset: z.coerce.number().int().nonnegative().optional(),
});
export type LimitOffsetQuery = z.infer<typeof LimitOffsetQuery>;
