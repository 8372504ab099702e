import { notFound } from "./api-error";
import { absoluteUrl, type RequestContext } from "./request-context";

export interface LimitOffset {
  limit: number;
  offset: number;
}

/**
 * DRF's LimitOffsetPagination as PostHog configures it: default 100, no maximum. Invalid or negative
 * values fall back to the defaults instead of failing, as DRF's `_positive_int` parsing does.
 */
export function readLimitOffset(query: URLSearchParams, defaultLimit = 100): LimitOffset {
  return {
    limit: positiveInt(query.get("limit"), defaultLimit, true),
    offset: positiveInt(query.get("offset"), 0, false),
  };
}

function positiveInt(raw: string | null, fallback: number, strict: boolean): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
  const n = Number(raw);
  if (strict && n === 0) return fallback;
  return n;
}

/**
 * DRF builds the links with `replace_query_param`/`remove_query_param`, which re-encode the query
 * with its keys sorted: `?offset=2&limit=2` links to `?limit=2&offset=4`.
 */
export function limitOffsetPage<T>(ctx: RequestContext, page: LimitOffset, count: number, results: T[]) {
  const nextOffset = page.offset + page.limit;
  let next: string | null = null;
  if (nextOffset < count) {
    const q = new URLSearchParams(ctx.url.searchParams);
    q.set("limit", String(page.limit));
    q.set("offset", String(nextOffset));
    q.sort();
    next = absoluteUrl(ctx, q);
  }
  let previous: string | null = null;
  if (page.offset > 0) {
    const q = new URLSearchParams(ctx.url.searchParams);
    q.set("limit", String(page.limit));
    const prevOffset = page.offset - page.limit;
    if (prevOffset <= 0) q.delete("offset");
    else q.set("offset", String(prevOffset));
    q.sort();
    previous = absoluteUrl(ctx, q);
  }
  return { count, next, previous, results };
}

/** Opaque cursor over a (sort value, id) key, base64 like DRF's CursorPagination tokens. */
export interface CursorPosition {
  value: number;
  id: string;
  reverse: boolean;
}

export function encodeCursor(position: CursorPosition): string {
  const raw = `p=${position.value}&i=${position.id}${position.reverse ? "&r=1" : ""}`;
  return Buffer.from(raw, "utf8").toString("base64");
}

export function decodeCursor(token: string | null): CursorPosition | null {
  if (!token) return null;
  const raw = Buffer.from(token, "base64").toString("utf8");
  const params = new URLSearchParams(raw);
  const value = Number(params.get("p"));
  const id = params.get("i");
  if (!Number.isFinite(value) || !id) throw new InvalidCursor();
  return { value, id, reverse: params.get("r") === "1" };
}

export class InvalidCursor extends Error {}

/** DRF's CursorPagination answers NotFound("Invalid cursor") for a token it cannot decode. */
export function invalidCursorError() {
  return notFound("Invalid cursor");
}

export function cursorUrl(ctx: RequestContext, position: CursorPosition | null): string | null {
  if (!position) return null;
  const q = new URLSearchParams(ctx.url.searchParams);
  q.set("cursor", encodeCursor(position));
  return absoluteUrl(ctx, q);
}
