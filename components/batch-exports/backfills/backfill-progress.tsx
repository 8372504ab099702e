import type { BatchExportBackfill } from "@/lib/posthog";

/**
 * Finished runs out of the runs the backfill will make. PostHog reports progress only while a
 * backfill runs (and as total/total once Completed); otherwise there is nothing to draw.
 */
export function BackfillProgress({ backfill }: { backfill: BatchExportBackfill }) {
  const total = backfill.progress?.total_runs ?? null;
  const finished = backfill.progress?.finished_runs ?? null;
  if (total === null || finished === null) {
    const moving = backfill.status === "Running" || backfill.status === "Starting";
    return <span className="text-xs text-neutral-500">{moving ? "Counting runs…" : "—"}</span>;
  }
  const label = `${finished} of ${total} run${total === 1 ? "" : "s"}`;
  const percent = total === 0 ? 100 : Math.round((finished / total) * 100);
  return (
    <div className="flex min-w-36 flex-col gap-1">
      <div
        role="progressbar"
        aria-label="Backfill progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-neutral-200"
      >
        <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs text-neutral-600 tabular-nums">{label}</span>
    </div>
  );
}
