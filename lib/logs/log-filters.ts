/**
 * The Logs tab's filters as they live in the URL (`?tab=logs&level=WARNING,ERROR&search=timeout&run=<id>`),
 * so a filtered view can be shared; `line=<token>` adds a permalink to one line.
 */

/** The levels batch exports write, least severe first (the order of the picker and of `level=`). */
export const LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"] as const;
export type KnownLogLevel = (typeof LOG_LEVELS)[number];

/** The shape the download button takes too. An empty `levels` means every level. */
export interface LogFilters {
  levels: string[];
  search: string;
  runId: string | null;
}

export const NO_FILTERS: LogFilters = { levels: [], search: "", runId: null };

/** Known levels only, de-duplicated, in picker order; all of them selected is the same as none. */
export function normaliseLevels(levels: readonly string[]): KnownLogLevel[] {
  const wanted = new Set(levels.map((l) => l.trim().toUpperCase()));
  const picked = LOG_LEVELS.filter((level) => wanted.has(level));
  return picked.length === LOG_LEVELS.length ? [] : picked;
}

export function readLogFilters(params: URLSearchParams): LogFilters {
  return {
    levels: normaliseLevels((params.get("level") ?? "").split(",")),
    search: params.get("search") ?? "",
    runId: params.get("run") || null,
  };
}

/** `params` with the filters written in (and emptied ones removed); other parameters are kept. */
export function writeLogFilters(params: URLSearchParams, filters: LogFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const levels = normaliseLevels(filters.levels);
  if (levels.length) next.set("level", levels.join(","));
  else next.delete("level");
  if (filters.search) next.set("search", filters.search);
  else next.delete("search");
  if (filters.runId) next.set("run", filters.runId);
  else next.delete("run");
  return next;
}

export function hasFilters(filters: LogFilters): boolean {
  return filters.levels.length > 0 || filters.search !== "" || filters.runId !== null;
}

/** A stable identity for a set of filters: a new one starts a new feed. */
export function filtersKey(filters: LogFilters): string {
  return JSON.stringify([normaliseLevels(filters.levels), filters.search, filters.runId]);
}

/** PostHog's query parameters for these filters (`level` as one comma list, as newest PostHog reads it). */
export function filterQuery(filters: LogFilters): Record<string, string> {
  const levels = normaliseLevels(filters.levels);
  return {
    ...(levels.length ? { level: levels.join(",") } : {}),
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.runId ? { instance_id: filters.runId } : {}),
  };
}
