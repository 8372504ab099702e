"use client";

import { useCallback } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { visibleFields } from "@/lib/batch-exports/destination-fields";
import { usesInlineCredentials, type BatchExportFormValues, type FormDestinationType } from "@/lib/batch-exports/form-values";
import { destinationLabel } from "@/lib/batch-exports/labels";
import { ConfigFieldInput } from "./config-field-input";
import { DestinationTypePicker } from "./destination-type-picker";
import { FormSection } from "./form-section";

/** Where the data goes: the type (fixed after creation) and that type's settings. */
export function DestinationSection({
  mode,
  organizationId,
  projectId,
  error,
  onTypeChange,
}: {
  mode: "create" | "edit";
  organizationId: string;
  projectId: number | null;
  /** PostHog's destination error that names no field the form shows. */
  error: string | null;
  onTypeChange: (type: FormDestinationType) => void;
}) {
  const { control } = useFormContext<BatchExportFormValues>();
  const [type, config, integration, legacyCredentials] = useWatch({ control, name: ["type", "config", "integration", "legacyCredentials"] });
  const fields = visibleFields(type, config, { inlineCredentials: usesInlineCredentials({ legacyCredentials, integration }) });
  // Stable, so it runs when the alert appears (the form clears it before each save), not on every render.
  const focusOnAppear = useCallback((node: HTMLElement | null) => node?.focus(), []);

  return (
    <FormSection id="destination" title="Destination">
      {mode === "create" ? (
        <DestinationTypePicker value={type} onChange={onTypeChange} />
      ) : (
        <div>
          <p className="text-sm font-medium text-neutral-800">Destination type</p>
          <p className="text-sm text-neutral-700">{destinationLabel(type)}</p>
          <p className="text-xs text-neutral-500">PostHog cannot change the type of an export; create a new export for another destination.</p>
        </div>
      )}
      {type === "S3" && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          This is a legacy S3 export. Current PostHog versions refuse changes to its destination settings (they still accept name and
          schedule changes); to change where it writes, create an Amazon S3 or S3-compatible export.
        </p>
      )}
      {legacyCredentials && mode === "edit" && type !== "S3" && (
        <p className="rounded-md bg-neutral-50 p-3 text-sm text-neutral-700">
          This export keeps its credentials in its own settings. Saved secrets are never shown: leave them blank to keep them.
        </p>
      )}
      {error && (
        <p id="batch-export-destination-error" ref={focusOnAppear} role="alert" tabIndex={-1} className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {type === "HTTP" && <p className="text-sm text-neutral-600">Sends events to another PostHog project. HTTP exports only support the events model.</p>}
      {fields.length === 0 ? (
        <p className="text-sm text-neutral-600">This destination has no settings to edit here.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <ConfigFieldInput key={field.key} field={field} type={type} mode={mode} config={config} organizationId={organizationId} projectId={projectId} />
          ))}
        </div>
      )}
    </FormSection>
  );
}
