"use client";

import Link from "next/link";
import { formatBytes } from "@/lib/batch-exports/format-bytes";
import { formatDuration } from "@/lib/batch-exports/format-duration";
import { rangeParts } from "@/lib/batch-exports/format-range";
import { runBadge } from "@/lib/batch-exports/run-status";
import { formatRecentInTimezone } from "@/lib/batch-exports/zoned-time";
import type { BatchExportRun } from "@/lib/posthog";
import { RunActions } from "./run-actions";
import { RunError } from "./run-error";
import { StatusBadge } from "./status-badge";

function rowsText(run: BatchExportRun): string {
  if (run.records_completed === null && run.records_total_count === null) return "—";
  const done = (run.records_completed ?? 0).toLocaleString("en");
  const total = run.records_total_count === null ? "?" : run.records_total_count.toLocaleString("en");
  const failed = run.records_failed ? ` (${run.records_failed.toLocaleString("en")} failed)` : "";
  return `${done} / ${total}${failed}`;
}

/** A run still going shows how long it has been running so far. */
function durationText(run: BatchExportRun, now: number): string {
  const started = Date.parse(run.created_at);
  if (run.finished_at) return formatDuration(Date.parse(run.finished_at) - started);
  if (run.status === "Running" || run.status === "Starting") return `${formatDuration(Math.max(0, now - started))} so far`;
  return "—";
}

export function RunRow({
  organizationId,
  exportId,
  run,
  timezone,
  now,
  logsHref,
}: {
  organizationId: string;
  exportId: string;
  run: BatchExportRun;
  timezone: string;
  now: number;
  logsHref: string;
}) {
  const badge = runBadge(run);
  const interval = rangeParts(run.data_interval_start, run.data_interval_end, timezone);
  return (
    <tr className="border-t border-neutral-200 align-top" data-testid="run-row" data-run-id={run.id}>
      <td className="px-3 py-2 whitespace-nowrap">
        <StatusBadge label={badge.label} tone={badge.tone} />
        {run.backfill && <span className="mt-1 block text-xs text-neutral-500">Backfill</span>}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {interval.from}
        <span className="block text-neutral-600">→ {interval.to}</span>
      </td>
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">{rowsText(run)}</td>
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatBytes(run.bytes_exported)}</td>
      <td className="px-3 py-2 whitespace-nowrap">{formatRecentInTimezone(Date.parse(run.created_at), timezone)}</td>
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">{durationText(run, now)}</td>
      <td className="px-3 py-2">
        <RunError error={run.latest_error} />
      </td>
      <td className="px-3 py-2">
        <div className="flex items-center gap-1">
          <Link href={logsHref} className="rounded px-2 py-1 text-sm text-blue-700 underline hover:bg-neutral-100">
            Logs
          </Link>
          <RunActions organizationId={organizationId} exportId={exportId} run={run} timezone={timezone} />
        </div>
      </td>
    </tr>
  );
}
