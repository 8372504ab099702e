import { nestConfig, writeConfigValue } from "./config-values";
import { visibleFields } from "./destination-fields";
import { scheduleFields } from "./form-changes";
import type { BatchExportFormValues } from "./form-values";
import { isCalendarInterval } from "./schedule";

/**
 * The body of `POST /api/organizations/:org/batch_exports/`. Blank optional fields are left out so
 * PostHog applies its own defaults; `team_id` picks the project (the dashboard's server needs it when
 * the organization has several).
 */
export function createBatchExportBody(values: BatchExportFormValues): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  // New exports always use an integration for their credentials, never inline ones.
  for (const field of visibleFields(values.type, values.config, { inlineCredentials: false })) {
    const written = writeConfigValue(values.type, field, values.config, "create");
    if (written.send) flat[field.key] = written.value;
  }
  if (values.model === "events") {
    if (values.includeEvents.length > 0) flat.include_events = values.includeEvents;
    if (values.excludeEvents.length > 0) flat.exclude_events = values.excludeEvents;
  }

  const destination: Record<string, unknown> = { type: values.type, config: nestConfig(flat) };
  if (values.integration !== "") destination.integration = Number(values.integration);

  const schedule = scheduleFields(values);
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    model: values.model,
    destination,
    interval: schedule.interval,
  };
  // Hourly and shorter schedules ignore timezone and offsets; PostHog refuses offsets on them.
  if (isCalendarInterval(values.interval)) Object.assign(body, schedule);
  if (values.paused) body.paused = true;
  if (values.projectId !== "") body.team_id = Number(values.projectId);
  return body;
}
