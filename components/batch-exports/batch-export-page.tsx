"use client";

import { Pause, Play, RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { StateMessage } from "@/components/ui/state-message";
import { UrlTabs } from "@/components/ui/url-tabs";
import { LogViewer } from "@/components/logs/log-viewer";
import { exportState } from "@/lib/batch-exports/export-health";
import { destinationLabel, intervalLabel } from "@/lib/batch-exports/labels";
import { useNow } from "@/lib/hooks/use-now";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useBatchExport, useSetPaused } from "@/lib/queries/batch-exports";
import { useOrganization } from "@/lib/queries/organizations";
import { BackfillDialog } from "./backfills/backfill-dialog";
import { BackfillsTab } from "./backfills/backfills-tab";
import { ConfigurationTab } from "./configuration/configuration-tab";
import { DeleteBatchExportDialog } from "./delete-batch-export-dialog";
import { ExportStateBadge } from "./export-state-badge";
import { RunsTab } from "./runs/runs-tab";

const TABS = [
  { id: "configuration", label: "Configuration" },
  { id: "runs", label: "Runs" },
  { id: "backfills", label: "Backfills" },
  { id: "logs", label: "Logs" },
];

export function BatchExportPage({ organizationId, exportId }: { organizationId: string; exportId: string }) {
  const { data: batchExport, isPending, error } = useBatchExport(organizationId, exportId);
  const organization = useOrganization(organizationId);
  const setPaused = useSetPaused(organizationId);
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const now = useNow();
  const [deleting, setDeleting] = useState(false);
  const [backfilling, setBackfilling] = useState(false);
  const fleetHref = `/organizations/${organizationId}/batch-exports`;

  if (isPending) return <Spinner label="Loading the export" />;
  if (error) {
    const missing = error instanceof ApiRequestError && (error.status === 404 || error.status === 400);
    return (
      <StateMessage tone="error" title={missing ? "This batch export does not exist in this organization (or was deleted)." : "The export could not be loaded."}>
        {!missing && <p>{errorMessage(error)}</p>}
        <Link href={fleetHref} className="mt-2 inline-block text-blue-700 underline">
          Back to batch exports
        </Link>
      </StateMessage>
    );
  }

  const state = exportState(batchExport, now);
  const project = organization.data?.projects.find((p) => p.id === batchExport.team_id);

  function togglePause() {
    const paused = !batchExport!.paused;
    setPaused.mutate(
      { exportId, paused },
      {
        onSuccess: () => toast.success(paused ? "Paused" : "Resumed"),
        onError: (failure) => toast.error(errorMessage(failure)),
      },
    );
  }

  function showBackfills() {
    const next = new URLSearchParams(params.toString());
    next.set("tab", "backfills");
    next.delete("status");
    next.delete("run");
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <div>
        <Link href={fleetHref} className="text-sm text-neutral-500 hover:underline">
          Batch exports
        </Link>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-4">
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{batchExport.name}</h1>
            <ExportStateBadge state={state} />
          </div>
          <div className="flex gap-2">
            {state !== "Ended" && (
              <Button variant="secondary" onClick={togglePause} disabled={setPaused.isPending}>
                {batchExport.paused ? <Play className="h-4 w-4" aria-hidden /> : <Pause className="h-4 w-4" aria-hidden />}
                {batchExport.paused ? "Resume" : "Pause"}
              </Button>
            )}
            <Button variant="secondary" onClick={() => setBackfilling(true)}>
              <RotateCcw className="h-4 w-4" aria-hidden />
              Backfill
            </Button>
            <Button variant="ghost" onClick={() => setDeleting(true)}>
              <Trash2 className="h-4 w-4" aria-hidden />
              Delete
            </Button>
          </div>
        </div>
        <p className="mt-1 text-sm text-neutral-600">
          {destinationLabel(batchExport.destination.type)} · {intervalLabel(batchExport.interval)} · {project?.name ?? `Project ${batchExport.team_id}`} ·{" "}
          {batchExport.model ?? "events"}
        </p>
      </div>

      <UrlTabs tabs={TABS} label="Export sections">
        {(active) =>
          active === "configuration" ? (
            <ConfigurationTab organizationId={organizationId} batchExport={batchExport} />
          ) : active === "runs" ? (
            <RunsTab organizationId={organizationId} batchExport={batchExport} onStartBackfill={() => setBackfilling(true)} />
          ) : active === "backfills" ? (
            <BackfillsTab organizationId={organizationId} batchExport={batchExport} />
          ) : (
            <LogViewer organizationId={organizationId} exportId={exportId} />
          )
        }
      </UrlTabs>

      <BackfillDialog
        open={backfilling}
        onOpenChange={setBackfilling}
        organizationId={organizationId}
        batchExport={batchExport}
        onStarted={() => {
          setBackfilling(false);
          showBackfills();
        }}
      />
      <DeleteBatchExportDialog
        organizationId={organizationId}
        batchExport={batchExport}
        open={deleting}
        onOpenChange={setDeleting}
        onDeleted={() => router.push(fleetHref)}
      />
    </div>
  );
}
