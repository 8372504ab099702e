import { z } from "zod";

/**
 * The dashboard relays PostHog's page envelopes with `next`/`previous` rewritten to its own paths,
 * so they are relative links here, not absolute URLs.
 */
export function relayedPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    count: z.number().int().nonnegative(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}

/** Follows `next` until the end: PostHog pages lists at 100, and admins may belong to hundreds. */
export async function fetchAllPages<T>(
  first: string,
  fetchPage: (path: string) => Promise<{ next: string | null; results: T[] }>,
): Promise<T[]> {
  const all: T[] = [];
  let path: string | null = first;
  const seen = new Set<string>();
  while (path && !seen.has(path)) {
    seen.add(path);
    const page: { next: string | null; results: T[] } = await fetchPage(path);
    all.push(...page.results);
    path = page.next;
  }
  return all;
}
