"use client";

import { Pause, Play, Trash2 } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { exportState, runHealth } from "@/lib/batch-exports/export-health";
import { destinationLabel, intervalLabel } from "@/lib/batch-exports/labels";
import { formatDateTime } from "@/lib/format";
import type { BatchExport } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { useSetPaused } from "@/lib/queries/batch-exports";
import { ExportStateBadge } from "../export-state-badge";
import { RunStatusBadge } from "../run-status-badge";

export function FleetRow({
  organizationId,
  batchExport,
  projectName,
  now,
  selected,
  onSelect,
  onDelete,
}: {
  organizationId: string;
  batchExport: BatchExport;
  projectName: string;
  now: number;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDelete: () => void;
}) {
  const setPaused = useSetPaused(organizationId);
  const state = exportState(batchExport, now);
  const health = runHealth(batchExport.latest_runs);
  const href = `/organizations/${organizationId}/batch-exports/${batchExport.id}`;

  function togglePause() {
    const paused = !batchExport.paused;
    setPaused.mutate(
      { exportId: batchExport.id, paused },
      {
        onSuccess: () => toast.success(`${batchExport.name} ${paused ? "paused" : "resumed"}`),
        onError: (error) => toast.error(`${batchExport.name}: ${errorMessage(error)}`),
      },
    );
  }

  return (
    <tr className="hover:bg-neutral-50" data-testid={`export-row-${batchExport.id}`}>
      <td className="px-3 py-2">
        <input type="checkbox" aria-label={`Select ${batchExport.name}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
      </td>
      <td className="px-3 py-2">
        <Link href={href} className="font-medium text-blue-700 hover:underline">
          {batchExport.name}
        </Link>
        <div className="text-xs text-neutral-500">{destinationLabel(batchExport.destination.type)}</div>
      </td>
      <td className="px-3 py-2 text-neutral-700">{projectName}</td>
      <td className="px-3 py-2 text-neutral-700">{intervalLabel(batchExport.interval)}</td>
      <td className="px-3 py-2">
        <ExportStateBadge state={state} />
      </td>
      <td className="px-3 py-2">
        {health.lastRun ? (
          <div className="flex flex-col gap-0.5">
            <RunStatusBadge run={health.lastRun} />
            <span className="text-xs text-neutral-500">{formatDateTime(health.lastRun.created_at)}</span>
          </div>
        ) : (
          <span className="text-xs text-neutral-400">No runs yet</span>
        )}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">
        {health.consecutiveFailures > 0 ? (
          <span className="font-medium text-red-700">
            {health.consecutiveFailures}
            {health.failuresMayBeMore ? "+" : ""}
          </span>
        ) : (
          <span className="text-neutral-400">0</span>
        )}
      </td>
      <td className="px-3 py-2 text-xs text-neutral-600">{health.lastSuccess ? formatDateTime(health.lastSuccess.created_at) : "—"}</td>
      <td className="px-3 py-2">
        <div className="flex justify-end gap-1">
          {state !== "Ended" && (
            <Button
              size="sm"
              variant="ghost"
              onClick={togglePause}
              aria-label={`${batchExport.paused ? "Resume" : "Pause"} ${batchExport.name}`}
            >
              {batchExport.paused ? <Play className="h-4 w-4" aria-hidden /> : <Pause className="h-4 w-4" aria-hidden />}
              {batchExport.paused ? "Resume" : "Pause"}
            </Button>
          )}
          <Button size="icon" variant="ghost" onClick={onDelete} aria-label={`Delete ${batchExport.name}`}>
            <Trash2 className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      </td>
    </tr>
  );
}
