import type { BatchExport } from "@/lib/posthog";
import { exportState, runHealth, type ExportState } from "./export-health";

/** The fleet's view state, as kept in the URL so a filtered list can be shared. */
export interface FleetFilters {
  search: string;
  states: ExportState[];
  destinations: string[];
  projects: number[];
  sort: FleetSort;
  descending: boolean;
}

export type FleetSort = "name" | "destination" | "project" | "interval" | "status" | "last_run" | "failures" | "last_success";

const SORTS: FleetSort[] = ["name", "destination", "project", "interval", "status", "last_run", "failures", "last_success"];
const STATES: ExportState[] = ["Active", "Paused", "Ended"];

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? "").split(",").filter(Boolean);
}

export function readFleetFilters(params: URLSearchParams): FleetFilters {
  const sort = params.get("sort") as FleetSort | null;
  return {
    search: params.get("q") ?? "",
    states: list(params, "status").filter((s): s is ExportState => STATES.includes(s as ExportState)),
    destinations: list(params, "destination"),
    projects: list(params, "project").map(Number).filter(Number.isInteger),
    sort: sort && SORTS.includes(sort) ? sort : "name",
    descending: params.get("dir") === "desc",
  };
}

/** Only what differs from the defaults goes into the URL, so a plain list has a plain address. */
export function writeFleetFilters(filters: FleetFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.states.length) params.set("status", filters.states.join(","));
  if (filters.destinations.length) params.set("destination", filters.destinations.join(","));
  if (filters.projects.length) params.set("project", filters.projects.join(","));
  if (filters.sort !== "name") params.set("sort", filters.sort);
  if (filters.descending) params.set("dir", "desc");
  return params;
}

const INTERVAL_ORDER = ["every 5 minutes", "every 15 minutes", "hour", "day", "week"];

function sortKey(e: BatchExport, sort: FleetSort, now: number, projectName: (id: number) => string): string | number {
  const health = runHealth(e.latest_runs);
  switch (sort) {
    case "name":
      return e.name.toLowerCase();
    case "destination":
      return e.destination.type;
    case "project":
      return projectName(e.team_id).toLowerCase();
    case "interval":
      return INTERVAL_ORDER.indexOf(e.interval);
    case "status":
      return exportState(e, now);
    case "last_run":
      return health.lastRun ? Date.parse(health.lastRun.created_at) : 0;
    case "failures":
      return health.consecutiveFailures;
    case "last_success":
      return health.lastSuccess ? Date.parse(health.lastSuccess.created_at) : 0;
  }
}

export function applyFleetFilters(
  exports: readonly BatchExport[],
  filters: FleetFilters,
  now: number,
  projectName: (id: number) => string,
): BatchExport[] {
  const needle = filters.search.trim().toLowerCase();
  const filtered = exports.filter(
    (e) =>
      (!needle || e.name.toLowerCase().includes(needle) || e.destination.type.toLowerCase().includes(needle)) &&
      (!filters.states.length || filters.states.includes(exportState(e, now))) &&
      (!filters.destinations.length || filters.destinations.includes(e.destination.type)) &&
      (!filters.projects.length || filters.projects.includes(e.team_id)),
  );
  const direction = filters.descending ? -1 : 1;
  return filtered.sort((a, b) => {
    const x = sortKey(a, filters.sort, now, projectName);
    const y = sortKey(b, filters.sort, now, projectName);
    return x < y ? -direction : x > y ? direction : a.name.localeCompare(b.name);
  });
}
