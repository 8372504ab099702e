"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  defaultIntegrationValues,
  integrationConfig,
  integrationProblems,
  missingFieldsIn,
  visibleIntegrationFields,
  type IntegrationFieldSpec,
} from "@/lib/batch-exports/integration-fields";
import type { ConfigValue, FormConfig } from "@/lib/batch-exports/destination-fields";
import type { Integration } from "@/lib/posthog";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useCreateIntegration } from "@/lib/queries/batch-exports";
import { CheckboxField } from "./checkbox-field";
import { NativeSelect } from "./native-select";
import { TextArea } from "./text-area";

/**
 * The "Create new" sub-form: a kind's credentials, POSTed as an integration of the project. It sits
 * inside the export form, so it is a group, not a nested <form>, and Enter creates the connection
 * instead of submitting the export.
 */
export function NewIntegrationForm({
  organizationId,
  projectId,
  kind,
  kindLabel,
  onCreated,
  onCancel,
}: {
  organizationId: string;
  projectId: number;
  kind: string;
  kindLabel: string;
  onCreated: (integration: Integration) => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const create = useCreateIntegration(organizationId, projectId);
  const [values, setValues] = useState<FormConfig>(() => defaultIntegrationValues(kind));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const fields = visibleIntegrationFields(kind, values);
  const fieldId = (key: string) => `${headingId}-${key}`;

  function set(key: string, value: ConfigValue) {
    setValues((current) => ({ ...current, [key]: value }));
    setProblems((current) => Object.fromEntries(Object.entries(current).filter(([name]) => name !== key)));
  }

  function submit() {
    setFailure(null);
    const found = integrationProblems(kind, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(fieldId(Object.keys(found)[0]!))?.focus();
      return;
    }
    create.mutate(
      { kind, config: integrationConfig(kind, values) },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const missing = error instanceof ApiRequestError ? missingFieldsIn(error.body.detail) : [];
          if (missing.length > 0) setProblems(Object.fromEntries(missing.map((key) => [key, "This field is required."])));
          else setFailure(errorMessage(error));
        },
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type !== "checkbox") {
      event.preventDefault();
      submit();
    }
  }

  return (
    <div role="group" aria-labelledby={headingId} onKeyDown={onKeyDown} className="rounded-md border border-blue-200 bg-blue-50/40 p-4">
      <h3 id={headingId} className="text-sm font-semibold">
        New {kindLabel} connection
      </h3>
      <p className="mt-1 text-xs text-neutral-600">PostHog stores the secrets encrypted and never shows them again.</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {fields.map((field) => (
          <IntegrationInput key={field.key} id={fieldId(field.key)} field={field} value={values[field.key]} error={problems[field.key]} onChange={set} />
        ))}
      </div>
      {failure && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800">
          {failure}
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <Button size="sm" onClick={submit} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create connection"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={create.isPending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function IntegrationInput({
  id,
  field,
  value,
  error,
  onChange,
}: {
  id: string;
  field: IntegrationFieldSpec;
  value: ConfigValue | undefined;
  error?: string;
  onChange: (key: string, value: ConfigValue) => void;
}) {
  if (field.kind === "checkbox") {
    return (
      <CheckboxField id={id} label={field.label} hint={field.hint} error={error} checked={value === true} onChange={(event) => onChange(field.key, event.target.checked)} />
    );
  }
  const text = typeof value === "string" ? value : "";
  const common = {
    id,
    value: text,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, { error, hint: field.hint }),
    "aria-required": field.required || undefined,
  };
  const label = field.required ? field.label : `${field.label} (optional)`;
  return (
    <Field id={id} label={label} hint={field.hint} error={error} className={field.multiline ? "sm:col-span-2" : undefined}>
      {field.kind === "select" ? (
        <NativeSelect {...common} onChange={(event) => onChange(field.key, event.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      ) : field.multiline ? (
        <TextArea {...common} spellCheck={false} autoComplete="off" onChange={(event) => onChange(field.key, event.target.value)} />
      ) : (
        <Input
          {...common}
          type={field.secret ? "password" : "text"}
          inputMode={field.kind === "number" ? "numeric" : undefined}
          placeholder={field.placeholder}
          autoComplete={field.secret ? "new-password" : "off"}
          spellCheck={false}
          onChange={(event) => onChange(field.key, event.target.value)}
        />
      )}
    </Field>
  );
}
