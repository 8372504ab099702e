"use client";

import { Controller, get, useFormContext } from "react-hook-form";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { isSecretField } from "@/lib/batch-exports/config-values";
import { adjustDependentValues, optionsOf, type ConfigFieldSpec, type FormConfig } from "@/lib/batch-exports/destination-fields";
import type { BatchExportFormValues } from "@/lib/batch-exports/form-values";
import type { DestinationType } from "@/lib/posthog";
import { CheckboxField } from "./checkbox-field";
import { IntegrationSelect } from "./integration-select";
import { NativeSelect } from "./native-select";
import { TextArea } from "./text-area";

const LEAVE_UNCHANGED = "Leave unchanged";

export function configFieldId(key: string): string {
  return `batch-export-config-${key}`;
}

/** One destination setting, drawn from its catalogue entry; secrets on edit read "Leave unchanged". */
export function ConfigFieldInput({
  field,
  type,
  mode,
  config,
  organizationId,
  projectId,
}: {
  field: ConfigFieldSpec;
  type: DestinationType;
  mode: "create" | "edit";
  config: FormConfig;
  organizationId: string;
  projectId: number | null;
}) {
  const { register, control, formState, getValues, setValue } = useFormContext<BatchExportFormValues>();
  const name = `config.${field.key}` as const;
  const id = configFieldId(field.key);
  const fieldError: { message?: string } | undefined = get(formState.errors, name);
  const error = fieldError?.message;
  const secret = isSecretField(type, field.key);
  const keepSecret = secret && mode === "edit";
  const locked = field.createOnly && mode === "edit";
  const hint = keepSecret ? `${LEAVE_UNCHANGED}: PostHog keeps the saved value unless you type a new one.` : field.hint;
  // Selects always hold a value, so only typed fields are worth marking optional.
  const optional = !field.required && !keepSecret && (field.kind === "text" || field.kind === "number");
  const label = optional ? `${field.label} (optional)` : field.label;
  const aria = {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, { error, hint }),
    "aria-required": (field.required && !keepSecret) || undefined,
  };

  if (field.kind === "checkbox") {
    return (
      <CheckboxField
        id={id}
        label={field.label}
        hint={locked ? `${field.hint ?? ""} Shown as saved.`.trim() : field.hint}
        error={error}
        disabled={locked}
        {...register(name)}
      />
    );
  }

  if (field.kind === "integration") {
    return (
      <Controller
        control={control}
        name={name}
        render={({ field: control }) => (
          <Field id={id} label={label} hint={hint} error={error}>
            {projectId === null ? (
              <p className="text-sm text-neutral-600">Choose a project first.</p>
            ) : (
              <IntegrationSelect
                ref={control.ref}
                id={id}
                organizationId={organizationId}
                projectId={projectId}
                kind={field.integrationKind ?? ""}
                value={typeof control.value === "string" ? control.value : ""}
                onChange={control.onChange}
                onBlur={control.onBlur}
                invalid={!!error}
                describedBy={aria["aria-describedby"]}
              />
            )}
          </Field>
        )}
      />
    );
  }

  if (field.kind === "select") {
    // A format change may invalidate the codec; fix it at once so the form never holds a refused pair.
    const registered = register(name, {
      onChange: () => {
        for (const [key, value] of Object.entries(adjustDependentValues(getValues("config")))) {
          setValue(`config.${key}`, value, { shouldDirty: true });
        }
      },
    });
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <NativeSelect id={id} {...aria} {...registered}>
          {optionsOf(field, config).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      </Field>
    );
  }

  const placeholder = keepSecret ? LEAVE_UNCHANGED : field.placeholder;
  const autoComplete = secret ? "new-password" : "off";
  return (
    <Field id={id} label={label} hint={hint} error={error} className={field.multiline ? "sm:col-span-2" : undefined}>
      {field.multiline ? (
        <TextArea id={id} placeholder={placeholder} spellCheck={false} autoComplete={autoComplete} {...aria} {...register(name)} />
      ) : (
        <Input
          id={id}
          type={secret ? "password" : "text"}
          inputMode={field.kind === "number" ? "numeric" : undefined}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete={autoComplete}
          {...aria}
          {...register(name)}
        />
      )}
    </Field>
  );
}
