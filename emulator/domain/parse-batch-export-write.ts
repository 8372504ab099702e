import { permissionDenied, requiredField, validationError } from "../http/api-error";
import { parseIsoDateTime } from "../http/datetime";
import { notNull, parseBoolean, parseChar, parseChoice, parseInteger } from "../http/fields";
import type { BatchExportRow } from "../store/rows";
import { validateDestination } from "./validate-destination";

export const INTERVALS = ["hour", "day", "week", "every 5 minutes", "every 15 minutes"] as const;
const MODELS = ["events", "persons", "sessions", "hogql"] as const;
const HIGH_FREQUENCY = new Set(["every 5 minutes", "every 15 minutes"]);
const TIMEZONES = new Set<string>(["UTC", ...Intl.supportedValuesOf("timeZone")]);
const DATETIME_FORMAT_ERROR =
  "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

export interface WriteContext {
  partial: boolean;
  existing: BatchExportRow | null;
  teamFlags: Set<string>;
  legacyProfile: boolean;
  findIntegration(id: number): { id: number; kind: string } | null;
}

/** The columns a create or update sets; absent keys are left as they are. */
export type BatchExportChanges = Partial<
  Pick<
    BatchExportRow,
    | "name"
    | "model"
    | "destination_type"
    | "destination_config"
    | "integration_id"
    | "interval"
    | "paused"
    | "last_paused_at"
    | "start_at"
    | "end_at"
    | "hogql_query"
    | "filters"
    | "timezone"
    | "interval_offset"
  >
>;

function parseDateTimeField(value: unknown, attr: string): number | null {
  if (value === null) return null;
  const parsed = typeof value === "string" ? parseIsoDateTime(value) : null;
  if (!parsed) throw validationError(DATETIME_FORMAT_ERROR, attr);
  return parsed.ms;
}

function parseFilters(value: unknown): string | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw validationError("'filters' should be an array of filters", "filters");
  for (const filter of value) {
    if (!filter || typeof filter !== "object" || Array.isArray(filter)) {
      throw validationError("Each filter must be an object", "filters");
    }
    const type = (filter as Record<string, unknown>).type;
    if (type !== "event" && type !== "hogql" && type !== "person") {
      throw validationError("Each filter must have a 'type' of one of: 'event', 'hogql', 'person'", "filters");
    }
  }
  return JSON.stringify(value);
}

/**
 * BatchExportSerializer's validation, field by field in its declared order (PostHog reports only the
 * first error), then the cross-field rules of `validate()`.
 */
export function parseBatchExportWrite(body: Record<string, unknown>, ctx: WriteContext): BatchExportChanges {
  const { partial, existing } = ctx;
  const changes: BatchExportChanges = {};
  const has = (key: string) => key in body;

  if (has("name")) changes.name = parseChar(body.name, "name", { maxLength: 256 })!;
  else if (!partial) throw requiredField("name");

  if (has("model")) {
    const model = parseChoice(body.model, "model", MODELS, { nullable: true, allowBlank: true });
    if (model === "hogql" && !ctx.teamFlags.has("batch-export-hogql-model")) {
      throw permissionDenied("HogQL batch exports are not enabled for this team.");
    }
    changes.model = model || "events";
  } else if (!existing) changes.model = "events";
  if (existing && changes.model !== undefined && changes.model !== (existing.model || "events") && !ctx.legacyProfile) {
    throw validationError("Changing models is not supported. Create a new batch export instead.", "model");
  }
  const model = changes.model ?? existing?.model ?? "events";

  if (has("destination")) {
    if (body.destination === null) notNull("destination");
    const destination = validateDestination(body.destination, {
      partial,
      existing: existing
        ? {
            type: existing.destination_type,
            config: JSON.parse(existing.destination_config) as Record<string, unknown>,
            integrationId: existing.integration_id,
          }
        : null,
      model,
      findIntegration: ctx.findIntegration,
      legacyProfile: ctx.legacyProfile,
    });
    changes.destination_type = destination.type;
    changes.destination_config = JSON.stringify(destination.config);
    changes.integration_id = destination.integrationId;
  } else if (!partial) throw requiredField("destination");

  if (has("interval")) {
    const interval = parseChoice(body.interval, "interval", INTERVALS)!;
    if (HIGH_FREQUENCY.has(interval) && !ctx.teamFlags.has("high-frequency-batch-exports")) {
      throw permissionDenied("Higher frequency batch exports are not enabled for this team.");
    }
    changes.interval = interval;
  } else if (!partial) throw requiredField("interval");

  if (has("paused")) changes.paused = parseBoolean(body.paused, "paused", false) ? 1 : 0;
  if (has("last_paused_at")) changes.last_paused_at = parseDateTimeField(body.last_paused_at, "last_paused_at");
  if (has("start_at")) changes.start_at = parseDateTimeField(body.start_at, "start_at");
  if (has("end_at")) changes.end_at = parseDateTimeField(body.end_at, "end_at");

  if (has("hogql_query")) {
    const query = parseChar(body.hogql_query, "hogql_query", { allowBlank: true, nullable: true });
    if (query) validateHogqlQuery(query, model, ctx);
    changes.hogql_query = query || null;
  }
  if (has("filters")) changes.filters = parseFilters(body.filters);

  if (has("timezone")) {
    const tz = body.timezone;
    if (tz === null) changes.timezone = "UTC";
    else if (typeof tz !== "string" || !TIMEZONES.has(tz)) {
      throw validationError(`"${String(tz)}" is not a valid choice.`, "timezone", "invalid_choice");
    } else changes.timezone = tz;
  }

  const interval = changes.interval ?? existing?.interval;
  const offsetDay = has("offset_day") ? parseInteger(body.offset_day, "offset_day", { nullable: true, min: 0, max: 6 }) : undefined;
  const offsetHour = has("offset_hour")
    ? parseInteger(body.offset_hour, "offset_hour", { nullable: true, min: 0, max: 23 })
    : undefined;
  if (offsetDay !== undefined && offsetDay !== null) {
    if (interval === "day") throw validationError("offset_day should not be specified for daily intervals");
    if (interval !== "week") throw validationError("offset_day is not applicable for non-weekly intervals");
  }
  if (offsetHour !== undefined && offsetHour !== null && interval !== "day" && interval !== "week") {
    throw validationError("offset_hour is not applicable for non-daily/weekly intervals");
  }
  if (offsetDay !== undefined || offsetHour !== undefined || changes.interval !== undefined) {
    const previous = existing?.interval_offset ?? 0;
    const day = offsetDay ?? (interval === "week" ? Math.floor(previous / 86_400) : 0);
    const hour = offsetHour ?? (interval === "week" || interval === "day" ? Math.floor((previous % 86_400) / 3_600) : 0);
    changes.interval_offset =
      interval === "week" ? day * 86_400 + hour * 3_600 : interval === "day" ? hour * 3_600 : null;
  }
  return changes;
}

function validateHogqlQuery(query: string, model: string, ctx: WriteContext): void {
  if (model === "events" && !ctx.legacyProfile && !ctx.teamFlags.has("batch-export-hogql-events")) {
    throw validationError("'hogql_query' is only supported for 'hogql' not 'events' model", "hogql_query");
  }
  const normalized = query.replace(/\s+/g, " ").trim();
  if (!/^select\s/i.test(normalized)) throw validationError("Failed to parse query", "hogql_query");
  if (/\bunion\b/i.test(normalized)) throw validationError("UNIONs are not supported", "hogql_query");
  if (/^with\s/i.test(normalized)) throw validationError("CTEs are not supported", "hogql_query");
  if (/\bjoin\b/i.test(normalized)) throw validationError("JOINs are not supported", "hogql_query");
  const from = /\bfrom\s+([\w.]+)/i.exec(normalized);
  if (!from) throw validationError("Query must SELECT FROM events", "hogql_query");
  if (from[1] !== "events") throw validationError("Query must only SELECT FROM events", "hogql_query");
}
