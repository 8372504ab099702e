"use client";

import { ArrowRightLeft, Building2, LayoutDashboard, LogOut } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/queries/api-client";
import { useSignOut } from "@/lib/queries/session";
import { toast } from "sonner";
import { OrganizationSwitcher } from "./organization-switcher";

export function AppShell({ host, children }: { host: string; children: ReactNode }) {
  const signOut = useSignOut();
  const router = useRouter();
  const { id: organizationId } = useParams<{ id?: string }>();
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-64 shrink-0 flex-col border-r border-neutral-200 bg-white">
        <div className="border-b border-neutral-200 px-4 py-4">
          <Link href="/organizations" className="text-sm font-semibold tracking-tight">
            PostHog Org Admin
          </Link>
        </div>
        <div className="px-3 py-3">
          <OrganizationSwitcher />
        </div>
        <nav aria-label="Main" className="flex flex-col gap-1 px-3">
          <Link href="/organizations" className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-neutral-700 hover:bg-neutral-100">
            <Building2 className="h-4 w-4" aria-hidden />
            Organizations
          </Link>
          {organizationId && (
            <>
              <Link
                href={`/organizations/${organizationId}`}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 pl-6 text-sm text-neutral-700 hover:bg-neutral-100"
              >
                <LayoutDashboard className="h-4 w-4" aria-hidden />
                Overview and settings
              </Link>
              <Link
                href={`/organizations/${organizationId}/batch-exports`}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 pl-6 text-sm text-neutral-700 hover:bg-neutral-100"
              >
                <ArrowRightLeft className="h-4 w-4" aria-hidden />
                Batch exports
              </Link>
            </>
          )}
        </nav>
        <div className="mt-auto border-t border-neutral-200 px-4 py-3">
          <p className="text-xs text-neutral-500">Signed in to</p>
          <p className="truncate text-sm font-medium" data-testid="signed-in-host" title={host}>
            {host}
          </p>
          <Button
            variant="ghost"
            size="sm"
            className="mt-2 -ml-3"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                onSuccess: () => {
                  router.replace("/sign-in?reason=signed_out");
                  router.refresh();
                },
                onError: (error) => toast.error(errorMessage(error)),
              })
            }
          >
            <LogOut className="h-4 w-4" aria-hidden />
            Sign out
          </Button>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
