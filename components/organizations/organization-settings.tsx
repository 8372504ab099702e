"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ToggleRow } from "@/components/ui/toggle-row";
import { OrganizationName, type Organization, type OrganizationUpdate } from "@/lib/posthog";
import { canEditSettings, settingsLockedReason } from "@/lib/membership";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useUpdateOrganization } from "@/lib/queries/organizations";

const NameForm = z.object({ name: OrganizationName });
type NameForm = z.infer<typeof NameForm>;

type BooleanSetting =
  | "enforce_2fa"
  | "members_can_invite"
  | "members_can_use_personal_api_keys"
  | "allow_publicly_shared_resources"
  | "is_ai_data_processing_approved"
  | "default_anonymize_ips";

const TOGGLES: Array<{ field: BooleanSetting; label: string; description: string }> = [
  { field: "enforce_2fa", label: "Enforce two-factor authentication", description: "Members must set up 2FA to use this organization." },
  { field: "members_can_invite", label: "Members can invite", description: "Members below admin may invite people." },
  {
    field: "members_can_use_personal_api_keys",
    label: "Members can use personal API keys",
    description: "When off, members below admin cannot use their keys on this organization.",
  },
  {
    field: "allow_publicly_shared_resources",
    label: "Allow publicly shared resources",
    description: "Dashboards and insights may be shared by public link.",
  },
  { field: "is_ai_data_processing_approved", label: "AI data processing", description: "Allow PostHog AI features to process this organization's data." },
  { field: "default_anonymize_ips", label: "Anonymize IPs by default", description: "New projects discard client IP addresses." },
];

/** A refusal from PostHog, said as such, so a 403 never reads like a network fault. */
function refusal(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 403) return `PostHog refused the change: ${error.body.detail}`;
  return errorMessage(error);
}

export function OrganizationSettings({ organization }: { organization: Organization }) {
  const update = useUpdateOrganization(organization.id);
  const editable = canEditSettings(organization.membership_level);
  const lockedReason = settingsLockedReason(organization.membership_level);
  const form = useForm<NameForm>({ resolver: zodResolver(NameForm), defaultValues: { name: organization.name } });
  const nameError = form.formState.errors.name?.message;

  // Follow the saved name when it changes elsewhere, unless the user is editing it.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset({ name: organization.name });
  }, [organization.name, form]);

  const saveName = form.handleSubmit((values) => {
    update.mutate(values, {
      onSuccess: (saved) => {
        form.reset({ name: saved.name });
        toast.success("Name saved");
      },
      onError: (error) => {
        // The typed value stays in the field; the reason sits beside it.
        form.setError("name", { message: error instanceof ApiRequestError && error.body.attr === "name" ? error.body.detail : refusal(error) });
      },
    });
  });

  function save(changes: OrganizationUpdate, what: string) {
    update.mutate(changes, {
      onSuccess: () => toast.success(`${what} saved`),
      onError: (error) => toast.error(refusal(error)),
    });
  }

  return (
    <section aria-labelledby="settings-heading" className="rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id="settings-heading" className="text-base font-semibold">
        Settings
      </h2>
      {lockedReason && (
        <p className="mt-1 text-sm text-amber-700" data-testid="settings-locked">
          {lockedReason}
        </p>
      )}
      <form onSubmit={saveName} noValidate className="mt-4 flex items-end gap-3">
        <Field id="settings-name" label="Name" error={nameError} className="flex-1">
          <Input
            id="settings-name"
            disabled={!editable}
            aria-invalid={!!nameError}
            aria-describedby={describedBy("settings-name", { error: nameError })}
            {...form.register("name")}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={!editable || update.isPending || !form.formState.isDirty}>
          Save name
        </Button>
      </form>
      <div className="mt-4 divide-y divide-neutral-100">
        {TOGGLES.map((toggle) => (
          <ToggleRow
            key={toggle.field}
            id={`setting-${toggle.field}`}
            label={toggle.label}
            description={toggle.description}
            checked={!!organization[toggle.field]}
            disabled={!editable}
            disabledReason={lockedReason}
            onChange={(checked) => save({ [toggle.field]: checked }, toggle.label)}
          />
        ))}
        <div className="flex items-start justify-between gap-6 py-3">
          <div>
            <label htmlFor="setting-stats-method" className="text-sm font-medium">
              Default experiment statistics
            </label>
            <p className="text-xs text-neutral-500">The method new experiments use.</p>
          </div>
          <select
            id="setting-stats-method"
            disabled={!editable}
            value={organization.default_experiment_stats_method ?? "bayesian"}
            onChange={(event) =>
              save({ default_experiment_stats_method: event.target.value as "bayesian" | "frequentist" }, "Statistics method")
            }
            className="h-8 rounded-md border border-neutral-300 bg-white px-2 text-sm disabled:bg-neutral-100"
          >
            <option value="bayesian">Bayesian</option>
            <option value="frequentist">Frequentist</option>
          </select>
        </div>
      </div>
    </section>
  );
}
