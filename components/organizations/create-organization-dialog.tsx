"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { OrganizationName } from "@/lib/posthog";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useCreateOrganization } from "@/lib/queries/organizations";

const CreateForm = z.object({ name: OrganizationName });
type CreateForm = z.infer<typeof CreateForm>;

export function CreateOrganizationDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const create = useCreateOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateForm>({ resolver: zodResolver(CreateForm), defaultValues: { name: "" } });
  const error = form.formState.errors.name?.message;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(values, {
      onSuccess: (organization) => {
        toast.success(`Created ${organization.name}`);
        onOpenChange(false);
        form.reset();
        router.push(`/organizations/${organization.id}`);
      },
      onError: (failure) => {
        if (failure instanceof ApiRequestError && failure.body.attr === "name") {
          form.setError("name", { message: failure.body.detail }, { shouldFocus: true });
        } else setFormError(errorMessage(failure));
      },
    });
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New organization"
      description="PostHog creates it with a default project, and makes you its owner."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <Field id="organization-name" label="Name" hint="At most 64 characters." error={error}>
          <Input
            id="organization-name"
            autoFocus
            maxLength={200}
            aria-invalid={!!error}
            aria-describedby={describedBy("organization-name", { error, hint: true })}
            {...form.register("name")}
          />
        </Field>
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create organization"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
