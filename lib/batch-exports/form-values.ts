import { z } from "zod";
import {
  BatchExportInterval,
  BatchExportModel,
  CREATABLE_DESTINATION_TYPES,
  DESTINATION_INTEGRATION_KIND,
  DestinationType,
  type BatchExport,
} from "@/lib/posthog";
import { readConfigValue } from "./config-values";
import { fieldsOf, type FormConfig } from "./destination-fields";

/** Creatable types this form has no section for: NoOp is PostHog's test sink, Workflows belongs to its CDP. */
type NotInForm = "NoOp" | "Workflows";
export type FormDestinationType = Exclude<(typeof CREATABLE_DESTINATION_TYPES)[number], NotInForm>;

/** The destinations a new export can use from this form, in PostHog's order. */
export const FORM_DESTINATION_TYPES = CREATABLE_DESTINATION_TYPES.filter(
  (type): type is FormDestinationType => type !== "NoOp" && type !== "Workflows",
);

/**
 * The form's values. Selects hold strings ("" for none), so what the user typed survives a failed
 * save exactly; conversion to PostHog's types happens when a body is built.
 */
export const BatchExportFormShape = z.object({
  name: z.string(),
  /** Team id as a string; "" until one is chosen. */
  projectId: z.string(),
  type: DestinationType,
  /** Integration id as a string; "" for none. */
  integration: z.string(),
  /** The export was made before integrations and holds its credentials in its config. Not editable. */
  legacyCredentials: z.boolean(),
  config: z.record(z.string(), z.union([z.string(), z.boolean()])),
  includeEvents: z.array(z.string()),
  excludeEvents: z.array(z.string()),
  interval: BatchExportInterval,
  timezone: z.string(),
  offsetHour: z.string(),
  offsetDay: z.string(),
  model: BatchExportModel,
  paused: z.boolean(),
});
export type BatchExportFormValues = z.infer<typeof BatchExportFormShape>;

export function integrationKindOf(type: DestinationType): string | null {
  return (DESTINATION_INTEGRATION_KIND as Partial<Record<DestinationType, string>>)[type] ?? null;
}

/** Made before integrations: legacy `S3`, or an integration-backed type whose export has none. */
export function isLegacyExport(batchExport: Pick<BatchExport, "destination">): boolean {
  const { type, integration } = batchExport.destination;
  return type === "S3" || (integrationKindOf(type) !== null && (integration === null || integration === undefined));
}

export function defaultConfig(type: DestinationType): FormConfig {
  return Object.fromEntries(fieldsOf(type).map((field) => [field.key, field.default ?? (field.kind === "checkbox" ? false : "")]));
}

export function newExportValues(projectId: string, type: FormDestinationType = "AwsS3"): BatchExportFormValues {
  return {
    name: "",
    projectId,
    type,
    integration: "",
    legacyCredentials: false,
    config: defaultConfig(type),
    includeEvents: [],
    excludeEvents: [],
    interval: "hour",
    timezone: "UTC",
    offsetHour: "0",
    offsetDay: "1",
    model: "events",
    paused: false,
  };
}

function eventList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The form as an existing export fills it: secrets blank, everything else as PostHog stored it. */
export function formValuesFromExport(batchExport: BatchExport): BatchExportFormValues {
  const { type, config, integration } = batchExport.destination;
  const stored = config as Record<string, unknown>;
  return {
    name: batchExport.name,
    projectId: String(batchExport.team_id),
    type,
    integration: integration === null || integration === undefined ? "" : String(integration),
    legacyCredentials: isLegacyExport(batchExport),
    config: Object.fromEntries(fieldsOf(type).map((field) => [field.key, readConfigValue(type, field, stored)])),
    includeEvents: eventList(stored.include_events),
    excludeEvents: eventList(stored.exclude_events),
    interval: batchExport.interval,
    timezone: batchExport.timezone ?? "UTC",
    offsetHour: String(batchExport.offset_hour ?? 0),
    offsetDay: String(batchExport.offset_day ?? 0),
    model: batchExport.model || "events",
    paused: batchExport.paused,
  };
}

/** Inline credential fields show while the export still uses them, i.e. until an integration is picked. */
export function usesInlineCredentials(values: Pick<BatchExportFormValues, "legacyCredentials" | "integration">): boolean {
  return values.legacyCredentials && values.integration === "";
}
