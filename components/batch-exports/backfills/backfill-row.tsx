import { formatInstant, formatRange } from "@/lib/batch-exports/format-range";
import { isCancellable, statusLabel, statusTone } from "@/lib/batch-exports/run-status";
import type { BatchExportBackfill } from "@/lib/posthog";
import { StatusBadge } from "../runs/status-badge";
import { BackfillProgress } from "./backfill-progress";
import { CancelBackfill } from "./cancel-backfill";

export function BackfillRow({
  organizationId,
  exportId,
  backfill,
  timezone,
}: {
  organizationId: string;
  exportId: string;
  backfill: BatchExportBackfill;
  timezone: string;
}) {
  const range = formatRange(backfill.start_at, backfill.end_at, timezone);
  // PostHog moves a start that precedes the export's earliest data; say where it really begins.
  const adjusted =
    backfill.adjusted_start_at && backfill.adjusted_start_at !== backfill.start_at ? formatInstant(backfill.adjusted_start_at, timezone) : null;
  return (
    <tr className="border-t border-neutral-200 align-top" data-testid="backfill-row" data-backfill-id={backfill.id}>
      <td className="px-3 py-2 whitespace-nowrap">
        <StatusBadge label={statusLabel(backfill.status)} tone={statusTone(backfill.status)} />
      </td>
      <td className="px-3 py-2">
        <BackfillProgress backfill={backfill} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {range}
        {adjusted && <span className="block text-xs text-neutral-500">Data starts {adjusted}</span>}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{formatInstant(backfill.created_at, timezone)}</td>
      <td className="px-3 py-2 whitespace-nowrap">{formatInstant(backfill.finished_at, timezone)}</td>
      <td className="px-3 py-2">
        {isCancellable(backfill.status) && <CancelBackfill organizationId={organizationId} exportId={exportId} backfill={backfill} range={range} />}
      </td>
    </tr>
  );
}
