import type { Metadata } from "next";
import { SignInForm } from "@/components/session/sign-in-form";
import { getConfig, EU_CLOUD, US_CLOUD } from "@/lib/server/config";
import { SIGN_IN_REASONS } from "@/lib/schemas/sign-in";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const config = getConfig();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-6 py-12">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to PostHog Org Admin</h1>
        <p className="mt-1 text-sm text-neutral-600">
          Use a personal API key. It stays on this dashboard&apos;s server, encrypted in your session, and is never sent
          back to your browser.
        </p>
      </div>
      {reason && SIGN_IN_REASONS[reason] && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {SIGN_IN_REASONS[reason]}
        </p>
      )}
      <SignInForm
        defaultHost={config.posthogHost}
        localHost={config.localPosthogUrl}
        cloudHosts={{ us: US_CLOUD, eu: EU_CLOUD }}
        allowedHosts={config.allowedOrigins}
      />
    </main>
  );
}
