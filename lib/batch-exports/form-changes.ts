import type { DestinationType } from "@/lib/posthog";
import { nestConfig, writeConfigValue } from "./config-values";
import { visibleFields, type ConfigFieldSpec } from "./destination-fields";
import { usesInlineCredentials, type BatchExportFormValues } from "./form-values";
import { isCalendarInterval, sameSchedule, type Schedule } from "./schedule";

/**
 * The minimal PATCH body for an edited export. PostHog deep-merges `destination.config` into what it
 * stored, so a key left out keeps its value: untouched fields and blank secrets are simply not sent.
 */

/**
 * PostHog reads the integration of these types only from the request (BE-new `validate_destination`), so
 * a destination PATCH without it fails ("Integration is required…", or for Redshift "Cannot remove the
 * integration…"). S3, S3-compatible, Snowflake and Postgres fall back to the stored one.
 */
const RESEND_INTEGRATION: ReadonlySet<DestinationType> = new Set(["Redshift", "BigQuery", "Databricks", "AzureBlob"]);

export function scheduleFromForm(values: Pick<BatchExportFormValues, "interval" | "timezone" | "offsetHour" | "offsetDay">): Schedule {
  return {
    interval: values.interval,
    timezone: values.timezone || "UTC",
    offsetHour: Number(values.offsetHour) || 0,
    offsetDay: Number(values.offsetDay) || 0,
  };
}

export function scheduleChanged(initial: BatchExportFormValues, current: BatchExportFormValues): boolean {
  return !sameSchedule(scheduleFromForm(initial), scheduleFromForm(current));
}

/**
 * The schedule as PostHog takes it: offsets only where the interval uses them (PostHog refuses an
 * `offset_hour` on an hourly export) and null elsewhere, so switching to hourly clears them.
 */
export function scheduleFields(values: BatchExportFormValues): Record<string, unknown> {
  const schedule = scheduleFromForm(values);
  const calendar = isCalendarInterval(schedule.interval);
  return {
    interval: schedule.interval,
    timezone: schedule.timezone,
    offset_hour: calendar ? schedule.offsetHour : null,
    offset_day: schedule.interval === "week" ? schedule.offsetDay : null,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function fieldChanged(field: ConfigFieldSpec, initial: BatchExportFormValues, current: BatchExportFormValues): boolean {
  const keys = [field.key, ...(field.dependsOn ?? [])];
  return keys.some((key) => initial.config[key] !== current.config[key]);
}

function changedConfig(initial: BatchExportFormValues, current: BatchExportFormValues): Record<string, unknown> {
  const type = current.type;
  const flat: Record<string, unknown> = {};
  const fields = visibleFields(type, current.config, { inlineCredentials: usesInlineCredentials(current) });
  for (const field of fields) {
    if (field.createOnly || !fieldChanged(field, initial, current)) continue;
    const written = writeConfigValue(type, field, current.config, "edit");
    if (written.send) flat[field.key] = written.value;
  }
  // Events filters only apply to the events model; the form hides them otherwise.
  if (current.model === "events") {
    if (!sameList(initial.includeEvents, current.includeEvents)) flat.include_events = current.includeEvents;
    if (!sameList(initial.excludeEvents, current.excludeEvents)) flat.exclude_events = current.excludeEvents;
  }
  return nestConfig(flat);
}

/** `{}` when nothing changed. Otherwise only the changed top-level fields and config keys. */
export function batchExportChanges(initial: BatchExportFormValues, current: BatchExportFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (current.name.trim() !== initial.name.trim()) body.name = current.name.trim();
  if (scheduleChanged(initial, current)) Object.assign(body, scheduleFields(current));

  const config = changedConfig(initial, current);
  const integrationChanged = current.integration !== initial.integration;
  if (Object.keys(config).length > 0 || integrationChanged) {
    const destination: Record<string, unknown> = { type: current.type, config };
    if (integrationChanged || (RESEND_INTEGRATION.has(current.type) && current.integration !== "")) {
      destination.integration = current.integration === "" ? null : Number(current.integration);
    }
    body.destination = destination;
  }
  return body;
}
