"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Field, describedBy } from "@/components/ui/field";
import type { BatchExportFormValues } from "@/lib/batch-exports/form-values";
import type { BatchExportModel } from "@/lib/posthog";
import { EventChipsInput } from "./event-chips-input";
import { FormSection } from "./form-section";
import { NativeSelect } from "./native-select";

const MODELS: ReadonlyArray<{ value: BatchExportModel; label: string }> = [
  { value: "events", label: "Events" },
  { value: "persons", label: "Persons" },
  { value: "sessions", label: "Sessions" },
];
const MODEL_LABELS: Record<BatchExportModel, string> = { events: "Events", persons: "Persons", sessions: "Sessions", hogql: "HogQL query" };

const ID = { model: "batch-export-model", include: "batch-export-include-events", exclude: "batch-export-exclude-events" };

/** What is exported: the model, and for events which ones. */
export function ModelSection({ mode }: { mode: "create" | "edit" }) {
  const { register, control, formState } = useFormContext<BatchExportFormValues>();
  const [model, type] = useWatch({ control, name: ["model", "type"] });
  const httpOnly = type === "HTTP";
  const modelError = formState.errors.model?.message;
  const modelHint = httpOnly ? "HTTP exports only support the events model." : "Sessions may need to be enabled for the project by PostHog.";

  return (
    <FormSection id="model" title="Model">
      {mode === "create" ? (
        <Field id={ID.model} label="Model" hint={modelHint} error={modelError}>
          <NativeSelect
            id={ID.model}
            aria-invalid={modelError ? true : undefined}
            aria-describedby={describedBy(ID.model, { error: modelError, hint: modelHint })}
            {...register("model")}
          >
            {MODELS.map((option) => (
              <option key={option.value} value={option.value} disabled={httpOnly && option.value !== "events"}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : (
        <div>
          <p className="text-sm font-medium text-neutral-800">Model</p>
          <p className="text-sm text-neutral-700">{MODEL_LABELS[model]}</p>
          <p className="text-xs text-neutral-500">PostHog cannot change the model of an export; create a new export for another model.</p>
          {modelError && (
            <p role="alert" className="text-xs font-medium text-red-600">
              {modelError}
            </p>
          )}
        </div>
      )}
      {model === "events" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <EventsField id={ID.include} name="includeEvents" label="Only these events (optional)" hint="Empty: every event. Type a name, then Enter or a comma." />
          <EventsField id={ID.exclude} name="excludeEvents" label="Never these events (optional)" hint="For example $feature_flag_called." />
        </div>
      )}
    </FormSection>
  );
}

function EventsField({ id, name, label, hint }: { id: string; name: "includeEvents" | "excludeEvents"; label: string; hint: string }) {
  const { control } = useFormContext<BatchExportFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field id={id} label={label} hint={hint} error={fieldState.error?.message}>
          <EventChipsInput
            ref={field.ref}
            id={id}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            placeholder="$pageview"
            invalid={!!fieldState.error}
            describedBy={describedBy(id, { error: fieldState.error?.message, hint })}
          />
        </Field>
      )}
    />
  );
}
