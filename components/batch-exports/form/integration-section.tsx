"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Controller, useFormContext, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { integrationKindOf, type BatchExportFormValues } from "@/lib/batch-exports/form-values";
import { destinationLabel } from "@/lib/batch-exports/labels";
import type { Integration } from "@/lib/posthog";
import { FormSection } from "./form-section";
import { IntegrationSelect } from "./integration-select";
import { NewIntegrationForm } from "./new-integration-form";

const ID = "batch-export-integration";

/**
 * The credentials the destination uses: an existing integration of the right kind in the export's
 * project, or a new one created inline and then selected.
 */
export function IntegrationSection({ organizationId, projectId }: { organizationId: string; projectId: number | null }) {
  const { control, setValue } = useFormContext<BatchExportFormValues>();
  const [type, legacyCredentials] = useWatch({ control, name: ["type", "legacyCredentials"] });
  const [creating, setCreating] = useState(false);
  const [justCreated, setJustCreated] = useState<Integration | null>(null);
  const kind = integrationKindOf(type);
  if (kind === null) return null;

  const label = destinationLabel(type);
  const hint = legacyCredentials
    ? "This export was created before connections and keeps its credentials in its own settings. Pick a connection to move it over."
    : undefined;

  function created(integration: Integration) {
    setJustCreated(integration);
    setCreating(false);
    setValue("integration", String(integration.id), { shouldDirty: true, shouldValidate: true });
    toast.success(`Connection ${integration.display_name || `#${integration.id}`} created`);
  }

  return (
    <FormSection id="integration" title="Integration" description={`The ${label} connection (credentials) this export uses. Connections belong to a project and can be shared by its exports.`}>
      {projectId === null ? (
        <p className="text-sm text-neutral-600">Choose a project first: connections belong to a project.</p>
      ) : (
        <>
          <Controller
            control={control}
            name="integration"
            render={({ field, fieldState }) => (
              <Field id={ID} label="Connection" hint={hint} error={fieldState.error?.message}>
                <IntegrationSelect
                  ref={field.ref}
                  id={ID}
                  organizationId={organizationId}
                  projectId={projectId}
                  kind={kind}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  noneLabel={legacyCredentials ? "None: keep the credentials saved in this export" : undefined}
                  justCreated={justCreated}
                  invalid={!!fieldState.error}
                  describedBy={describedBy(ID, { error: fieldState.error?.message, hint })}
                />
              </Field>
            )}
          />
          {creating ? (
            <NewIntegrationForm
              // A new kind or project starts a fresh sub-form.
              key={`${kind}-${projectId}`}
              organizationId={organizationId}
              projectId={projectId}
              kind={kind}
              kindLabel={label}
              onCreated={created}
              onCancel={() => setCreating(false)}
            />
          ) : (
            <div>
              <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
                <Plus className="h-4 w-4" aria-hidden />
                Create new connection
              </Button>
            </div>
          )}
        </>
      )}
    </FormSection>
  );
}
