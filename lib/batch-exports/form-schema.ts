import type { z } from "zod";
import { isSecretField } from "./config-values";
import { visibleFields } from "./destination-fields";
import { BatchExportFormShape, integrationKindOf, usesInlineCredentials } from "./form-values";
import { isCalendarInterval } from "./schedule";
import { isKnownTimezone } from "./timezones";

/** PostHog's (DRF's) wording, so a message reads the same whether the form or PostHog caught it. */
export const REQUIRED = "This field is required.";
export const BLANK = "This field may not be blank.";
export const NOT_AN_INTEGER = "A valid integer is required.";
export const HTTP_EVENTS_ONLY = "HTTP batch exports only support the events model";
const NAME_MAX_LENGTH = 256;

export interface FormSchemaOptions {
  mode: "create" | "edit";
  /** The organization has several projects, so the user must choose one. */
  projectRequired: boolean;
  /** A timezone the export was saved with that our list may not have (a pytz alias). */
  savedTimezone?: string;
}

/**
 * The form's checks, per destination type. What only PostHog can judge (bucket exists, host reachable,
 * integration kind) is left to it; its answer lands on the same fields (see `form-errors.ts`).
 */
export function batchExportFormSchema(options: FormSchemaOptions) {
  return BatchExportFormShape.superRefine((values, ctx) => {
    const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

    const name = values.name.trim();
    if (!name) fail(["name"], BLANK);
    else if (name.length > NAME_MAX_LENGTH) fail(["name"], `Ensure this field has no more than ${NAME_MAX_LENGTH} characters.`);

    if (options.mode === "create" && options.projectRequired && values.projectId === "") fail(["projectId"], REQUIRED);

    // Exports that still keep inline credentials may stay without an integration.
    if (integrationKindOf(values.type) !== null && values.integration === "" && !values.legacyCredentials) {
      fail(["integration"], REQUIRED);
    }

    const inline = usesInlineCredentials(values);
    for (const field of visibleFields(values.type, values.config, { inlineCredentials: inline })) {
      const path = ["config", field.key];
      const value = values.config[field.key];
      if (typeof value !== "string") continue;
      const text = value.trim();
      // On edit a blank secret means "leave unchanged", and PostHog already holds it.
      const secret = isSecretField(values.type, field.key);
      if (!text) {
        if (field.required && !(secret && options.mode === "edit")) fail(path, REQUIRED);
        continue;
      }
      if (field.kind === "number") {
        if (!/^-?\d+$/.test(text)) fail(path, NOT_AN_INTEGER);
        else if (field.min !== undefined && Number(text) < field.min) fail(path, `Ensure this value is greater than or equal to ${field.min}.`);
        else if (field.max !== undefined && Number(text) > field.max) fail(path, `Ensure this value is less than or equal to ${field.max}.`);
      }
      if (field.pattern && !field.pattern.regex.test(text)) fail(path, field.pattern.message);
    }

    if (isCalendarInterval(values.interval) && !isKnownTimezone(values.timezone, options.savedTimezone)) {
      fail(["timezone"], `"${values.timezone}" is not a valid choice.`);
    }
    if (values.type === "HTTP" && values.model !== "events") fail(["model"], HTTP_EVENTS_ONLY);
  });
}

export type BatchExportFormSchema = ReturnType<typeof batchExportFormSchema>;
export type BatchExportFormInput = z.input<BatchExportFormSchema>;
