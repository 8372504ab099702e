"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useDemoSignIn, useSignIn } from "@/lib/queries/session";
import { SignInRequest } from "@/lib/schemas/sign-in";

type HostChoice = "us" | "eu" | "local" | "custom";

const FormValues = z
  .object({
    hostChoice: z.enum(["us", "eu", "local", "custom"]),
    customHost: z.string(),
    personalApiKey: SignInRequest.shape.personalApiKey,
  })
  .refine((v) => v.hostChoice !== "custom" || /^https?:\/\/\S+$/.test(v.customHost.trim()), {
    message: "Enter the address of your PostHog, like https://posthog.example.com.",
    path: ["customHost"],
  });
type FormValues = z.infer<typeof FormValues>;

function initialChoice(defaultHost: string | null, localHost: string | null, us: string, eu: string): HostChoice {
  if (defaultHost === eu) return "eu";
  if (defaultHost === us) return "us";
  if (defaultHost && defaultHost === localHost) return "local";
  if (defaultHost) return "custom";
  return localHost ? "local" : "us";
}

export function SignInForm({
  defaultHost,
  localHost,
  cloudHosts,
  allowedHosts,
}: {
  defaultHost: string | null;
  localHost: string | null;
  cloudHosts: { us: string; eu: string };
  allowedHosts: string[];
}) {
  const router = useRouter();
  const signIn = useSignIn();
  const demo = useDemoSignIn();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(FormValues),
    defaultValues: {
      hostChoice: initialChoice(defaultHost, localHost, cloudHosts.us, cloudHosts.eu),
      customHost: defaultHost && ![cloudHosts.us, cloudHosts.eu, localHost].includes(defaultHost) ? defaultHost : "",
      personalApiKey: "",
    },
  });
  const choice = useWatch({ control: form.control, name: "hostChoice" });

  // The dashboard's layout is rendered on the server from the new cookie: navigate, then refresh it.
  function enterDashboard() {
    router.replace("/organizations");
    router.refresh();
  }
  const { errors } = form.formState;

  function hostFor(values: FormValues): string {
    if (values.hostChoice === "us") return cloudHosts.us;
    if (values.hostChoice === "eu") return cloudHosts.eu;
    if (values.hostChoice === "local" && localHost) return localHost;
    return values.customHost.trim();
  }

  function showError(error: unknown) {
    if (error instanceof ApiRequestError && error.body.attr === "personalApiKey") {
      form.setError("personalApiKey", { message: error.body.detail }, { shouldFocus: true });
    } else if (error instanceof ApiRequestError && error.body.attr === "host") {
      form.setError(choice === "custom" ? "customHost" : "hostChoice", { message: error.body.detail });
      setFormError(error.body.detail);
    } else {
      setFormError(errorMessage(error));
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    signIn.mutate({ host: hostFor(values), personalApiKey: values.personalApiKey }, { onSuccess: enterDashboard, onError: showError });
  });

  const options: Array<{ value: HostChoice; label: string; detail: string }> = [
    { value: "us", label: "US Cloud", detail: "us.posthog.com" },
    { value: "eu", label: "EU Cloud", detail: "eu.posthog.com" },
    ...(localHost ? [{ value: "local" as const, label: "Local PostHog", detail: localHost }] : []),
    { value: "custom", label: "Self-hosted", detail: "your own PostHog" },
  ];
  const busy = signIn.isPending || demo.isPending;

  return (
    <div className="flex flex-col gap-6">
      {localHost && (
        <div className="rounded-lg border border-blue-200 bg-blue-50 p-4">
          <p className="text-sm text-blue-900">A local PostHog with demo data runs beside this dashboard.</p>
          <Button
            className="mt-3"
            onClick={() => {
              setFormError(null);
              demo.mutate(undefined, { onSuccess: enterDashboard, onError: showError });
            }}
            disabled={busy}
          >
            {demo.isPending ? "Signing in…" : "Try the local demo"}
          </Button>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5 rounded-lg border border-neutral-200 bg-white p-6">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium text-neutral-800">PostHog host</legend>
          {options.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input type="radio" value={option.value} {...form.register("hostChoice")} />
              <span className="font-medium">{option.label}</span>
              <span className="text-neutral-500">{option.detail}</span>
            </label>
          ))}
        </fieldset>
        {choice === "custom" && (
          <Field
            id="customHost"
            label="Self-hosted PostHog address"
            hint={`Allowed: ${allowedHosts.join(", ")}`}
            error={errors.customHost?.message}
          >
            <Input
              id="customHost"
              placeholder="https://posthog.example.com"
              aria-invalid={!!errors.customHost}
              aria-describedby={describedBy("customHost", { error: errors.customHost?.message, hint: true })}
              {...form.register("customHost")}
            />
          </Field>
        )}
        <Field
          id="personalApiKey"
          label="Personal API key"
          hint="Create one in PostHog under Settings → Personal API keys, with organization:read (and batch_export scopes to manage exports)."
          error={errors.personalApiKey?.message}
        >
          <Input
            id="personalApiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="phx_…"
            aria-invalid={!!errors.personalApiKey}
            aria-describedby={describedBy("personalApiKey", { error: errors.personalApiKey?.message, hint: true })}
            {...form.register("personalApiKey")}
          />
        </Field>
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
        <Button type="submit" disabled={busy}>
          {signIn.isPending ? "Checking the key…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}
