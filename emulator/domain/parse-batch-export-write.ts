import { ApiError, permissionDenied, requiredField, validationError } from "../http/api-error";
import { parseIsoDateTime } from "../http/datetime";
import { notNull, parseBoolean, parseChar, parseChoice, parseInteger } from "../http/fields";
import type { BatchExportRow } from "../store/rows";
import { validateDestination } from "./validate-destination";

export const INTERVALS = ["hour", "day", "week", "every 5 minutes", "every 15 minutes"] as const;
const MODELS = ["events", "persons", "sessions", "hogql"] as const;
const HIGH_FREQUENCY = new Set(["every 5 minutes", "every 15 minutes"]);
const TIMEZONES = new Set<string>(["UTC", ...Intl.supportedValuesOf("timeZone")]);
/** PostHog's flag names (posthog `presentation/views/utils.py`). */
const HOGQL_MODEL_FLAG = "hogql-batch-exports";
const HIGH_FREQUENCY_FLAG = "high-frequency-batch-exports";
/** Stands in for PostHog's "grandfathered" teams (an export with a `schema`) that may still send events queries. */
const EVENTS_HOGQL_FLAG = "batch-export-hogql-events";
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
    if ("data_interval_start" in filter || "data_interval_end" in filter) {
      throw validationError(
        "'data_interval_start' and 'data_interval_end' are run attributes and not 'filters'." +
          " Trigger a backfill if you wish to manually control which periods to batch export.",
        "filters",
      );
    }
    const type = (filter as Record<string, unknown>).type;
    if (type !== "event" && type !== "hogql" && type !== "person") {
      throw validationError("Each filter must have a 'type' of one of: 'event', 'hogql', 'person'", "filters");
    }
  }
  return JSON.stringify(value);
}

/**
 * BatchExportSerializer's validation as DRF runs it: every field in its declared order, keeping the first
 * ValidationError (PostHog reports only one), then the serializer-wide rules of `validate()`. A feature
 * gate's PermissionDenied is not a ValidationError, so it escapes at once and wins over earlier fields'
 * errors; so does an unhandled error (500).
 */
export function parseBatchExportWrite(body: Record<string, unknown>, ctx: WriteContext): BatchExportChanges {
  const { partial, existing, legacyProfile } = ctx;
  const changes: BatchExportChanges = {};
  const has = (key: string) => key in body;
  const fieldErrors: ApiError[] = [];
  const field = (validate: () => void): void => {
    try {
      validate();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      fieldErrors.push(error);
    }
  };

  field(() => {
    if (has("name")) changes.name = parseChar(body.name, "name", { maxLength: 256 })!;
    else if (!partial) throw requiredField("name");
  });

  field(() => {
    if (has("model")) {
      const model = parseChoice(body.model, "model", MODELS, { nullable: true, allowBlank: true });
      if (model === "hogql" && !ctx.teamFlags.has(HOGQL_MODEL_FLAG)) {
        throw permissionDenied("HogQL batch exports are not enabled for this team.");
      }
      if (existing && (model || "events") !== (existing.model || "events") && !legacyProfile) {
        throw validationError("Changing models is not supported. Create a new batch export instead.", "model");
      }
      changes.model = model || "events";
    } else if (!existing) changes.model = "events";
  });
  const model = changes.model ?? existing?.model ?? "events";

  field(() => {
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
        // The HTTP events-only rule belongs to validate(), after every field: it is checked below.
        model: "events",
        findIntegration: ctx.findIntegration,
        legacyProfile,
        featureEnabled: (flag) => ctx.teamFlags.has(flag),
      });
      changes.destination_type = destination.type;
      changes.destination_config = JSON.stringify(destination.config);
      changes.integration_id = destination.integrationId;
    } else if (!partial) throw requiredField("destination");
  });

  field(() => {
    if (has("interval")) {
      const interval = parseChoice(body.interval, "interval", INTERVALS)!;
      if (HIGH_FREQUENCY.has(interval) && !ctx.teamFlags.has(HIGH_FREQUENCY_FLAG)) {
        throw permissionDenied("Higher frequency batch exports are not enabled for this team.");
      }
      changes.interval = interval;
    } else if (!partial) throw requiredField("interval");
  });

  field(() => {
    if (has("paused")) changes.paused = parseBoolean(body.paused, "paused", false) ? 1 : 0;
  });
  for (const key of ["last_paused_at", "start_at", "end_at"] as const) {
    field(() => {
      if (has(key)) changes[key] = parseDateTimeField(body[key], key);
    });
  }

  field(() => {
    if (!has("hogql_query")) return;
    if (legacyProfile) {
      // Older PostHog parsed it in the field itself, so its errors name the field.
      const query = parseChar(body.hogql_query, "hogql_query", { allowBlank: true, nullable: true });
      if (query) validateEventsHogqlQuery(query, "hogql_query", true);
      changes.hogql_query = query || null;
    } else {
      // A plain CharField now; the query is judged in validate().
      changes.hogql_query = parseChar(body.hogql_query, "hogql_query", { nullable: true });
    }
  });

  field(() => {
    if (has("filters")) changes.filters = parseFilters(body.filters);
  });

  field(() => {
    if (!has("timezone")) return;
    const tz = body.timezone;
    if (tz === null) changes.timezone = "UTC";
    else if (!isTimezone(tz)) {
      throw validationError(`"${String(tz)}" is not a valid choice.`, "timezone", "invalid_choice");
    } else changes.timezone = tz;
  });

  // validate_offset_day / validate_offset_hour read the interval as sent, else the stored one.
  const requestedInterval = body.interval ?? existing?.interval ?? null;
  let offsetDay: number | null | undefined;
  let offsetHour: number | null | undefined;
  field(() => {
    if (!has("offset_day")) return;
    const value = parseInteger(body.offset_day, "offset_day", { nullable: true, min: 0, max: 6 });
    if (value !== null && requestedInterval !== "week") {
      throw validationError("offset_day is not applicable for non-weekly intervals", "offset_day");
    }
    offsetDay = value;
  });
  field(() => {
    if (!has("offset_hour")) return;
    const value = parseInteger(body.offset_hour, "offset_hour", { nullable: true, min: 0, max: 23 });
    if (value !== null && requestedInterval !== "day" && requestedInterval !== "week") {
      throw validationError("offset_hour is not applicable for non-daily/weekly intervals", "offset_hour");
    }
    offsetHour = value;
  });

  if (fieldErrors[0]) throw fieldErrors[0];

  // validate(): interval offsets first (`_validate_interval_offset`, only when the request names an interval).
  const interval = changes.interval;
  if (interval === "day") {
    if (offsetHour !== undefined) changes.interval_offset = offsetHour === null ? null : offsetHour * 3_600;
    else if (!partial) changes.interval_offset = null;
  } else if (interval === "week") {
    if (offsetDay !== undefined || offsetHour !== undefined) {
      changes.interval_offset = (offsetDay ?? 0) * 86_400 + (offsetHour ?? 0) * 3_600;
    } else if (!partial) changes.interval_offset = null;
  } else if (interval !== undefined) {
    changes.interval_offset = null;
  } else if (offsetDay !== undefined || offsetHour !== undefined) {
    // A PATCH with offsets but no interval: PostHog skips the conversion above (and then fails setting its
    // read-only offset properties). The emulator applies them to the stored schedule instead.
    const previous = existing?.interval_offset ?? 0;
    const day = offsetDay === undefined ? Math.floor(previous / 86_400) : (offsetDay ?? 0);
    const hour = offsetHour === undefined ? Math.floor((previous % 86_400) / 3_600) : (offsetHour ?? 0);
    if (existing?.interval === "week") changes.interval_offset = day * 86_400 + hour * 3_600;
    if (existing?.interval === "day" && offsetHour !== undefined) changes.interval_offset = hour * 3_600;
  }

  // Then the HTTP rule: the stored model on update (older PostHog looked only at a model sent with the request).
  const httpModel = legacyProfile ? changes.model : model;
  if (changes.destination_type === "HTTP" && httpModel !== undefined && httpModel !== "events") {
    throw validationError("HTTP batch exports only support the events model", null);
  }
  if (!legacyProfile) validateForModel(changes, model, existing, ctx);
  return changes;
}

/** validate()'s per-model rules (BE-new `_validate_attribute_only_supported_for_model` and friends). */
function validateForModel(
  changes: BatchExportChanges,
  model: string,
  existing: BatchExportRow | null,
  ctx: WriteContext,
): void {
  if (changes.filters !== undefined && changes.filters !== null && model !== "events") {
    throw validationError(`'filters' is only supported for 'events' not '${model}' model`, "filters");
  }
  const query = changes.hogql_query;
  if (query !== undefined && query !== null && model !== "hogql") {
    if (model !== "events" || !ctx.teamFlags.has(EVENTS_HOGQL_FLAG)) {
      throw validationError(`'hogql_query' is only supported for 'hogql' not '${model}' model`, "hogql_query");
    }
    // Raised from validate() itself, so these land on non_field_errors: attr null.
    validateEventsHogqlQuery(query, null, false);
  }
  if (model === "hogql" && (query === undefined ? (existing?.hogql_query ?? null) : query) === null) {
    throw validationError("'hogql_query' is required when 'model' is 'hogql'", "hogql_query");
  }
}

/**
 * PostHog's checks of an events-model HogQL query, in its order. It parses the query; collapsing every
 * parenthesised group (to `(S)` when it holds a SELECT) is enough to tell the refused shapes apart.
 * Older PostHog had no CTE or SELECT-list subquery checks and one message for subqueries and CTEs.
 */
function validateEventsHogqlQuery(query: string, attr: string | null, legacy: boolean): void {
  const fail = (detail: string) => validationError(detail, attr);
  const collapsed = collapseGroups(query.replace(/\s+/g, " ").trim());
  if (collapsed === null || !/^(?:select|with)\s/i.test(collapsed)) throw fail("Failed to parse query");
  if (/\bunion\b/i.test(collapsed)) throw fail("UNIONs are not supported");
  const from = /\bfrom(?:\s*(\(S?\))|\s+([\w.]+))/i.exec(collapsed);
  if (!from) throw fail("Query must SELECT FROM events");
  const table = from[1] ?? from[2] ?? "";
  if (!legacy && /^with\s/i.test(collapsed)) throw fail("CTEs are not supported");
  if (table.startsWith("(")) throw fail(legacy ? "Subqueries or CTEs are not supported" : "Subqueries are not supported");
  if (table !== "events") throw fail("Query must only SELECT FROM events");
  if (/\bjoin\b/i.test(collapsed) || /\bfrom\s+events\s*,/i.test(collapsed)) throw fail("JOINs are not supported");
  if (!legacy && collapsed.slice(0, from.index).includes("(S)")) {
    throw fail("Subqueries in SELECT expressions are not supported");
  }
}

/** Each outermost `( ... )` becomes `(S)` if it contains a SELECT, else `()`; null when unbalanced. */
function collapseGroups(text: string): string | null {
  let out = "";
  let group = "";
  let depth = 0;
  for (const ch of text) {
    if (depth === 0) {
      if (ch === ")") return null;
      if (ch === "(") {
        depth = 1;
        group = "";
      } else out += ch;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth === 0) out += /\bselect\b/i.test(group) ? "(S)" : "()";
    else group += ch;
  }
  return depth === 0 ? out : null;
}

/**
 * pytz.all_timezones (PostHog's choices) also lists aliases such as Asia/Kolkata, US/Eastern or Etc/GMT+5
 * that Intl's canonical list leaves out. pytz is case-sensitive where Intl is not, hence the spelling check.
 */
function isTimezone(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (TIMEZONES.has(value)) return true;
  if (!/^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Z][A-Za-z0-9_+-]*)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
