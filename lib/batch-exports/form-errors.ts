import type { ErrorBody } from "@/lib/posthog";
import { visibleFields } from "./destination-fields";
import { integrationKindOf, usesInlineCredentials, type BatchExportFormValues } from "./form-values";

/**
 * Where PostHog's answer to a save belongs in the form. PostHog reports one error with `attr` naming
 * the field (`destination__non_field_errors` for config problems), so config errors are placed by the
 * config key their message names, when it names one the form shows.
 */
export type FormFieldName =
  | "name"
  | "projectId"
  | "type"
  | "integration"
  | "interval"
  | "timezone"
  | "offsetHour"
  | "offsetDay"
  | "model"
  | "paused"
  | "includeEvents"
  | "excludeEvents"
  | `config.${string}`;

export type ErrorTarget =
  | { kind: "field"; name: FormFieldName; message: string }
  /** A destination problem no single field owns: shown at the top of the Destination section. */
  | { kind: "destination"; message: string }
  | { kind: "form"; message: string };

const TOP_LEVEL: Readonly<Record<string, FormFieldName>> = {
  name: "name",
  team_id: "projectId",
  interval: "interval",
  timezone: "timezone",
  offset_hour: "offsetHour",
  offset_day: "offsetDay",
  model: "model",
  paused: "paused",
  destination__type: "type",
  destination__integration: "integration",
  destination__integration_id: "integration",
};

const DESTINATION_ATTRS = new Set(["destination", "destination__non_field_errors", "destination__config"]);

/** Messages that name no key but clearly concern one field. */
const KEYWORDS: ReadonlyArray<[RegExp, string]> = [
  [/\bintegration\b/i, "integration"],
  [/destination URL/i, "url"],
  [/^Compression /, "compression"],
  [/^File format /, "file_format"],
  [/\bIAM role\b/i, "copy_inputs__authorization"],
  [/\bbucket credentials\b/i, "copy_inputs__bucket_credentials"],
  [/\bhost\b/i, "host"],
  [/\bpassword\b/i, "password"],
  [/\bprivate key\b/i, "private_key"],
];

/** Null-attr errors PostHog raises from serializer-wide checks or feature gates. */
const NON_FIELD: ReadonlyArray<[RegExp, FormFieldName]> = [
  [/only support the events model/i, "model"],
  [/^(Sessions|HogQL) batch exports are not enabled/i, "model"],
  [/^Higher frequency batch exports/i, "interval"],
];

export interface ErrorContext {
  values: BatchExportFormValues;
  /** Whether a top-level field is on screen now (e.g. the project picker, or the start hour). */
  isShown: (name: FormFieldName) => boolean;
}

function configFieldFor(message: string, context: ErrorContext): FormFieldName | "integration" | null {
  const { values } = context;
  const keys = visibleFields(values.type, values.config, { inlineCredentials: usesInlineCredentials(values) }).map((field) => field.key);
  const byLeaf = (name: string) => keys.find((key) => key === name || key.endsWith(`__${name}`));

  for (const match of message.matchAll(/'([A-Za-z_][A-Za-z0-9_]*)'/g)) {
    const name = match[1]!;
    if (name === "include_events" && values.model === "events") return "includeEvents";
    if (name === "exclude_events" && values.model === "events") return "excludeEvents";
    const key = byLeaf(name);
    if (key) return `config.${key}`;
  }
  for (const [pattern, name] of KEYWORDS) {
    if (!pattern.test(message)) continue;
    if (name === "integration") {
      if (integrationKindOf(values.type) !== null) return "integration";
      continue;
    }
    const key = byLeaf(name);
    if (key) return `config.${key}`;
  }
  return null;
}

export function errorTarget(error: ErrorBody, context: ErrorContext): ErrorTarget {
  const message = error.detail;
  const attr = error.attr;
  const field = (name: FormFieldName | null, fallback: ErrorTarget["kind"]): ErrorTarget =>
    name && context.isShown(name) ? { kind: "field", name, message } : { kind: fallback, message } as ErrorTarget;

  if (attr === null) {
    const match = NON_FIELD.find(([pattern]) => pattern.test(message));
    return field(match?.[1] ?? null, "form");
  }
  if (attr in TOP_LEVEL) return field(TOP_LEVEL[attr]!, attr.startsWith("destination") ? "destination" : "form");

  const nested = /^destination__config__(\w+)$/.exec(attr);
  if (nested) return field(configFieldFor(`'${nested[1]}'`, context), "destination");
  if (DESTINATION_ATTRS.has(attr)) return field(configFieldFor(message, context), "destination");
  return { kind: "form", message };
}
