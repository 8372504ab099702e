"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { fieldsOf, type FormConfig } from "@/lib/batch-exports/destination-fields";
import { errorTarget, type FormFieldName } from "@/lib/batch-exports/form-errors";
import { batchExportChanges, scheduleChanged, scheduleFromForm } from "@/lib/batch-exports/form-changes";
import { batchExportFormSchema } from "@/lib/batch-exports/form-schema";
import {
  defaultConfig,
  formValuesFromExport,
  integrationKindOf,
  newExportValues,
  type BatchExportFormValues,
  type FormDestinationType,
} from "@/lib/batch-exports/form-values";
import { isCalendarInterval, isValidTimezone } from "@/lib/batch-exports/schedule";
import { TIMEZONES } from "@/lib/batch-exports/timezones";
import type { BatchExport, DestinationType } from "@/lib/posthog";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { DestinationSection } from "./destination-section";
import { GeneralSection, type ProjectChoice } from "./general-section";
import { IntegrationSection } from "./integration-section";
import { ModelSection } from "./model-section";
import { ScheduleChangeDialog, type PendingScheduleChange } from "./schedule-change-dialog";
import { ScheduleSection } from "./schedule-section";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";

export type BatchExportFormProps =
  | {
      mode: "create";
      organizationId: string;
      /** The organization's projects; with several, the user picks one. */
      projects: readonly ProjectChoice[];
      /** Creates the export; rejects with `ApiRequestError` to show PostHog's answer on the form. */
      onSubmit: (values: BatchExportFormValues) => Promise<void>;
      onCancel?: () => void;
    }
  | {
      mode: "edit";
      organizationId: string;
      projects: readonly ProjectChoice[];
      batchExport: BatchExport;
      /** Saves the changes from `initial` to `values`; resolves with the export PostHog saved. */
      onSubmit: (values: BatchExportFormValues, initial: BatchExportFormValues) => Promise<BatchExport>;
    };

/**
 * The batch export form, for creating and for editing. Everything typed stays in the form when a save
 * fails; PostHog's error lands beside the field it concerns. On edit, only what changed is sent and a
 * schedule change is confirmed first, with the data it skips or repeats.
 */
export function BatchExportForm(props: BatchExportFormProps) {
  const { mode, organizationId, projects } = props;
  const batchExport = props.mode === "edit" ? props.batchExport : null;
  const savedTimezone = batchExport?.timezone ?? undefined;

  // Only a new export's starting values depend on the projects: an edit form must not reset when the
  // organization arrives after the user started typing.
  const onlyProject = !batchExport && projects.length === 1 ? String(projects[0]!.id) : "";
  const initial = useMemo(
    () => (batchExport ? formValuesFromExport(batchExport) : newExportValues(onlyProject)),
    [batchExport, onlyProject],
  );
  const zones = useMemo(
    () => (savedTimezone && !TIMEZONES.includes(savedTimezone) && isValidTimezone(savedTimezone) ? [...TIMEZONES, savedTimezone] : TIMEZONES),
    [savedTimezone],
  );
  const schema = useMemo(
    () => batchExportFormSchema({ mode, projectRequired: projects.length > 1, savedTimezone }),
    [mode, projects.length, savedTimezone],
  );
  const form = useForm<BatchExportFormValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const { isDirty } = form.formState;

  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState(false);
  const [pending, setPending] = useState<{ values: BatchExportFormValues; change: PendingScheduleChange } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [destinationError, setDestinationError] = useState<string | null>(null);
  const stashedConfigs = useRef(new Map<DestinationType, FormConfig>());

  // Follow the saved export (after a save, or a change made elsewhere) unless the user is editing.
  useEffect(() => {
    if (mode === "edit" && !isDirty) form.reset(initial);
  }, [mode, initial, isDirty, form]);

  // useWatch types its result as partial; defaultValues are always complete, so every key is present.
  const current = useWatch({ control: form.control }) as BatchExportFormValues;
  const changes = mode === "edit" ? batchExportChanges(initial, current) : {};
  const hasChanges = Object.keys(changes).length > 0;
  useUnsavedChangesGuard(mode === "create" ? isDirty && !created : hasChanges);

  const projectId = current.projectId ? Number(current.projectId) : null;

  function isShown(name: FormFieldName, values: BatchExportFormValues): boolean {
    switch (name) {
      case "projectId":
        return mode === "create" && projects.length > 1;
      case "type":
      case "paused":
        return mode === "create";
      case "integration":
        return integrationKindOf(values.type) !== null && values.projectId !== "";
      case "timezone":
      case "offsetHour":
        return isCalendarInterval(values.interval);
      case "offsetDay":
        return values.interval === "week";
      case "includeEvents":
      case "excludeEvents":
        return values.model === "events";
      default:
        return true;
    }
  }

  function showServerError(error: unknown, values: BatchExportFormValues) {
    if (!(error instanceof ApiRequestError)) return setFormError(errorMessage(error));
    const target = errorTarget(error.body, { values, isShown: (name) => isShown(name, values) });
    if (target.kind === "field") {
      form.setError(target.name, { type: "server", message: target.message }, { shouldFocus: true });
    } else if (target.kind === "destination") {
      setDestinationError(target.message);
    } else {
      setFormError(error.status === 403 ? `PostHog refused: ${target.message}` : target.message);
    }
  }

  async function save(values: BatchExportFormValues) {
    setSaving(true);
    setFormError(null);
    setDestinationError(null);
    try {
      if (props.mode === "edit") {
        const saved = await props.onSubmit(values, initial);
        form.reset(formValuesFromExport(saved));
      } else {
        await props.onSubmit(values);
        setCreated(true);
      }
    } catch (error) {
      showServerError(error, values);
    } finally {
      setPending(null);
      setSaving(false);
    }
  }

  async function requestSave(values: BatchExportFormValues) {
    if (mode === "edit" && scheduleChanged(initial, values)) {
      setPending({ values, change: { before: scheduleFromForm(initial), after: scheduleFromForm(values), atMs: Date.now() } });
      return;
    }
    await save(values);
  }

  function changeType(next: FormDestinationType) {
    const values = form.getValues();
    if (next === values.type) return;
    // Switching back and forth between types keeps what was typed for each.
    stashedConfigs.current.set(values.type, values.config);
    form.setValue("type", next, { shouldDirty: true });
    form.setValue("config", stashedConfigs.current.get(next) ?? defaultConfig(next), { shouldDirty: true });
    form.setValue("integration", "", { shouldDirty: true });
    if (next === "HTTP") form.setValue("model", "events");
    form.clearErrors();
    setDestinationError(null);
  }

  function changeProject() {
    // Integrations belong to a project: a choice made for another project no longer applies.
    form.setValue("integration", "");
    for (const field of fieldsOf(form.getValues("type"))) {
      if (field.kind === "integration") form.setValue(`config.${field.key}`, "");
    }
  }

  function clearChanges() {
    form.reset(initial);
    setFormError(null);
    setDestinationError(null);
  }

  const busy = saving || created;
  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => form.handleSubmit(requestSave)(event)} noValidate className="flex max-w-4xl flex-col gap-6">
        <GeneralSection mode={mode} projects={projects} onProjectChange={changeProject} />
        <DestinationSection mode={mode} organizationId={organizationId} projectId={projectId} error={destinationError} onTypeChange={changeType} />
        <IntegrationSection organizationId={organizationId} projectId={projectId} />
        <ScheduleSection zones={zones} />
        <ModelSection mode={mode} />
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          {mode === "create" ? (
            <>
              <Button type="submit" disabled={busy}>
                {busy ? "Creating…" : "Create batch export"}
              </Button>
              {props.mode === "create" && props.onCancel && (
                <Button variant="ghost" onClick={props.onCancel} disabled={busy}>
                  Cancel
                </Button>
              )}
            </>
          ) : (
            <>
              <Button type="submit" disabled={busy || !hasChanges} aria-describedby={!hasChanges ? "batch-export-no-changes" : undefined}>
                {saving ? "Saving…" : "Save changes"}
              </Button>
              {isDirty && (
                <Button variant="ghost" onClick={clearChanges} disabled={busy}>
                  Clear changes
                </Button>
              )}
              {!hasChanges && !busy && (
                <span id="batch-export-no-changes" className="text-sm text-neutral-500">
                  No changes to save
                </span>
              )}
            </>
          )}
        </div>
      </form>
      <ScheduleChangeDialog
        change={pending?.change ?? null}
        saving={saving}
        onConfirm={() => pending && void save(pending.values)}
        onCancel={() => setPending(null)}
      />
    </FormProvider>
  );
}
