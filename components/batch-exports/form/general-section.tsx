"use client";

import { useFormContext } from "react-hook-form";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { BatchExportFormValues } from "@/lib/batch-exports/form-values";
import { CheckboxField } from "./checkbox-field";
import { FormSection } from "./form-section";
import { NativeSelect } from "./native-select";

export interface ProjectChoice {
  id: number;
  name: string;
}

/** Name, project and (on create) whether the export starts paused. */
export function GeneralSection({
  mode,
  projects,
  onProjectChange,
}: {
  mode: "create" | "edit";
  projects: readonly ProjectChoice[];
  onProjectChange: () => void;
}) {
  const { register, formState, getValues } = useFormContext<BatchExportFormValues>();
  const nameError = formState.errors.name?.message;
  const projectError = formState.errors.projectId?.message;
  const choosing = mode === "create" && projects.length > 1;
  const projectId = getValues("projectId");
  const project = projects.find((p) => String(p.id) === projectId);
  const projectHint = "Exports read this project's data; its connections are offered below.";

  return (
    <FormSection id="general" title="General">
      <Field id="batch-export-name" label="Name" error={nameError}>
        <Input
          id="batch-export-name"
          maxLength={300}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={describedBy("batch-export-name", { error: nameError })}
          aria-required
          {...register("name")}
        />
      </Field>
      {choosing ? (
        <Field id="batch-export-project" label="Project" hint={projectHint} error={projectError}>
          <NativeSelect
            id="batch-export-project"
            aria-invalid={projectError ? true : undefined}
            aria-describedby={describedBy("batch-export-project", { error: projectError, hint: projectHint })}
            aria-required
            {...register("projectId", { onChange: onProjectChange })}
          >
            <option value="">Choose a project</option>
            {projects.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : (
        <div>
          <p className="text-sm font-medium text-neutral-800">Project</p>
          <p className="text-sm text-neutral-700">{project ? project.name : projectId ? `Project ${projectId}` : "—"}</p>
          {mode === "edit" && <p className="text-xs text-neutral-500">An export stays in the project it was created in.</p>}
        </div>
      )}
      {mode === "create" && (
        <CheckboxField
          id="batch-export-paused"
          label="Start paused"
          hint="No runs are scheduled until you resume it from the export's page."
          {...register("paused")}
        />
      )}
    </FormSection>
  );
}
