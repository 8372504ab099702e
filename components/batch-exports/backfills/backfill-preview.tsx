import { AlertTriangle } from "lucide-react";
import { boundInstant } from "@/lib/batch-exports/backfill-inputs";
import { isWellFormedRange } from "@/lib/batch-exports/backfill-rules";
import { intervalNoun } from "@/lib/batch-exports/export-schedule";
import { formatDuration } from "@/lib/batch-exports/format-duration";
import { previewBackfill } from "@/lib/batch-exports/interval-preview";
import type { Schedule } from "@/lib/batch-exports/schedule";
import { formatInTimezone } from "@/lib/batch-exports/zoned-time";
import type { BatchExportRun } from "@/lib/posthog";

/**
 * What "Schedule runs" will do, before it is pressed: how many runs, what they cover, what is left
 * out, and whether recent runs already exported part of the range (append-only destinations would
 * get those rows twice).
 */
export function BackfillPreview(props: { schedule: Schedule; start: string; end: string; latestRuns: readonly BatchExportRun[] }) {
  // The live region stays mounted so screen readers hear the preview as the bounds change.
  return (
    <div aria-live="polite">
      <PreviewText {...props} />
    </div>
  );
}

function PreviewText({
  schedule,
  start,
  end,
  latestRuns,
}: {
  schedule: Schedule;
  start: string;
  end: string;
  latestRuns: readonly BatchExportRun[];
}) {
  // Only a range PostHog could take is previewed; the fields say what is wrong with the others.
  if (!isWellFormedRange({ start_at: start, end_at: end }, schedule)) return null;
  const startMs = boundInstant(start, schedule)!;
  const endMs = boundInstant(end, schedule)!;
  const preview = previewBackfill(schedule, startMs, endMs, latestRuns);
  const noun = intervalNoun(schedule.interval);
  const at = (ms: number) => formatInTimezone(ms, schedule.timezone);

  return (
    <div className="flex flex-col gap-2 rounded-md bg-neutral-50 p-3 text-sm" data-testid="backfill-preview">
      <p>
        <strong>
          {preview.runs.toLocaleString("en")} run{preview.runs === 1 ? "" : "s"}
        </strong>
        , one per {noun}, exporting {at(startMs)} → {at(preview.coveredEndMs)} ({schedule.timezone}).
      </p>
      {preview.leftoverMs > 0 && (
        <p className="text-neutral-600">
          The last {formatDuration(preview.leftoverMs)} do not fill a whole {noun} and are left out.
        </p>
      )}
      {preview.alreadyExported > 0 && (
        <p className="flex gap-2 text-amber-800" data-testid="backfill-overlap">
          <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          <span>
            {preview.alreadyExported} interval{preview.alreadyExported === 1 ? " in this range was" : "s in this range were"} already
            exported by recent runs. PostHog exports {preview.alreadyExported === 1 ? "it" : "them"} again: a destination that only
            appends rows gets those rows twice.
          </span>
        </p>
      )}
    </div>
  );
}
