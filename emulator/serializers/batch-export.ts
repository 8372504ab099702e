import { stripSecrets } from "../domain/destinations";
import type { Profile } from "../emulator-context";
import { formatDateTime } from "../http/datetime";
import { latestRuns } from "../store/batch-exports";
import type { Db } from "../store/open-database";
import type { BatchExportRow, RunRow } from "../store/rows";

export function serializeRun(run: RunRow) {
  return {
    id: run.id,
    status: run.status,
    records_completed: run.records_completed,
    records_failed: run.records_failed,
    latest_error: run.latest_error,
    data_interval_start: formatDateTime(run.data_interval_start),
    data_interval_end: formatDateTime(run.data_interval_end),
    cursor: run.cursor,
    created_at: formatDateTime(run.created_at),
    finished_at: formatDateTime(run.finished_at),
    last_updated_at: formatDateTime(run.last_updated_at),
    records_total_count: run.records_total_count,
    bytes_exported: run.bytes_exported,
    batch_export: run.batch_export_id,
    backfill: run.backfill_id,
    batch_export_on_demand: null,
  };
}

/** `interval_offset` seconds back to the two fields PostHog renders (0 defaults where they apply). */
export function offsetFields(interval: string, offset: number | null) {
  const seconds = offset ?? 0;
  return {
    offset_day: interval === "week" ? Math.floor(seconds / 86_400) : null,
    offset_hour: interval === "week" || interval === "day" ? Math.floor((seconds % 86_400) / 3_600) : null,
  };
}

/** A HogQL SELECT list as PostHog's `schema` field shows it: one field per expression, with its alias. */
function schemaOf(hogqlQuery: string | null) {
  if (!hogqlQuery) return null;
  const select = /^\s*select\s+([\s\S]+?)\s+from\s+/i.exec(hogqlQuery)?.[1];
  if (!select) return null;
  const fields = splitTopLevel(select).map((part) => {
    const alias = /\s+as\s+([`"]?)([\w$]+)\1\s*$/i.exec(part);
    const expression = alias ? part.slice(0, alias.index).trim() : part.trim();
    return { expression, alias: alias?.[2] ?? expression.split(".").pop()!.replace(/\W/g, "_") };
  });
  return { fields, values: {}, hogql_query: hogqlQuery };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

export function serializeBatchExport(db: Db, row: BatchExportRow, profile: Profile) {
  const config = JSON.parse(row.destination_config) as Record<string, unknown>;
  const body: Record<string, unknown> = {
    id: row.id,
    team_id: row.team_id,
    name: row.name,
    model: row.model,
    destination: {
      type: row.destination_type,
      config: stripSecrets(row.destination_type, config),
      integration: row.integration_id,
    },
    interval: row.interval,
    paused: row.paused === 1,
    created_at: formatDateTime(row.created_at),
    last_updated_at: formatDateTime(row.last_updated_at),
    last_paused_at: formatDateTime(row.last_paused_at),
    start_at: formatDateTime(row.start_at),
    end_at: formatDateTime(row.end_at),
    latest_runs: latestRuns(db, row.id).map(serializeRun),
    hogql_query: row.hogql_query,
    schema: row.model === "events" ? schemaOf(row.hogql_query) : null,
    filters: row.filters === null ? null : (JSON.parse(row.filters) as unknown),
    timezone: row.timezone,
    ...offsetFields(row.interval, row.interval_offset),
  };
  // Older PostHog declared `hogql_query` write-only without a model attribute, so DRF left it out.
  if (profile === "legacy") delete body.hogql_query;
  return body;
}
