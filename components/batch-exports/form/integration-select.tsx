"use client";

import { useQuery } from "@tanstack/react-query";
import type { Ref } from "react";
import type { Integration } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { integrationsQuery } from "@/lib/queries/batch-exports";
import { NativeSelect } from "./native-select";

function optionLabel(integration: Integration): string {
  const name = integration.display_name || integration.kind;
  return integration.errors ? `${name} (#${integration.id}) — ${integration.errors}` : `${name} (#${integration.id})`;
}

/**
 * Picks one of a project's integrations of one kind. Controlled, so the chosen id shows as soon as the
 * list arrives (an uncontrolled select would lose a value set before its options existed).
 */
export function IntegrationSelect({
  id,
  organizationId,
  projectId,
  kind,
  value,
  onChange,
  onBlur,
  noneLabel,
  justCreated,
  invalid,
  describedBy,
  ref,
}: {
  id: string;
  organizationId: string;
  projectId: number;
  kind: string;
  value: string;
  onChange: (id: string) => void;
  onBlur?: () => void;
  /** Offer an empty choice with this label (legacy exports may keep inline credentials). */
  noneLabel?: string;
  /** An integration created a moment ago, shown before the refreshed list arrives. */
  justCreated?: Integration | null;
  invalid?: boolean;
  describedBy?: string;
  ref?: Ref<HTMLSelectElement>;
}) {
  const { data, isPending, error } = useQuery(integrationsQuery(organizationId, projectId, kind));
  const listed = data?.results ?? [];
  const integrations = justCreated && !listed.some((item) => item.id === justCreated.id) ? [...listed, justCreated] : listed;

  if (error) {
    return (
      <p role="alert" className="text-sm text-red-700">
        The connections could not be loaded: {errorMessage(error)}
      </p>
    );
  }

  const empty = !isPending && integrations.length === 0;
  return (
    <NativeSelect
      ref={ref}
      id={id}
      value={value}
      disabled={isPending}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    >
      {isPending && <option value={value}>Loading connections…</option>}
      {!isPending && (noneLabel ? <option value="">{noneLabel}</option> : <option value="">{empty ? "No connections yet: create one" : "Choose a connection"}</option>)}
      {integrations.map((integration) => (
        <option key={integration.id} value={String(integration.id)}>
          {optionLabel(integration)}
        </option>
      ))}
      {/* An id the list does not hold (deleted, or another project's) stays visible instead of silently changing. */}
      {!isPending && value !== "" && !integrations.some((item) => String(item.id) === value) && (
        <option value={value}>Connection #{value} (not found in this project)</option>
      )}
    </NativeSelect>
  );
}
