"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Spinner } from "@/components/ui/spinner";
import { StateMessage } from "@/components/ui/state-message";
import { errorMessage } from "@/lib/queries/api-client";
import { latestLogsQuery } from "@/lib/queries/batch-exports";
import { cn } from "@/lib/utils";

const LEVEL_STYLE: Record<string, string> = {
  DEBUG: "text-neutral-500",
  INFO: "text-blue-700",
  WARNING: "text-amber-700",
  ERROR: "text-red-700",
};

/** The newest log lines of the export, or of one run (`?run=`), refreshed every few seconds. */
export function LatestLogsTab({ organizationId, exportId }: { organizationId: string; exportId: string }) {
  const runId = useSearchParams().get("run");
  const logs = useQuery(latestLogsQuery(organizationId, exportId, runId));

  if (logs.isPending) return <Spinner label="Loading logs" />;
  if (logs.isError) return <StateMessage tone="error" title="The logs could not be loaded.">{errorMessage(logs.error)}</StateMessage>;
  const lines = logs.data.results;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-neutral-600">
        {runId ? (
          <>
            Lines of run <span className="font-mono text-xs">{runId}</span>, newest first.
          </>
        ) : (
          "The newest lines of every run, newest first."
        )}
      </p>
      {lines.length === 0 ? (
        <StateMessage title={runId ? "This run has written no log lines." : "No log lines yet."} />
      ) : (
        <ol className="divide-y divide-neutral-100 overflow-hidden rounded-lg border border-neutral-200 bg-white font-mono text-xs" aria-label="Log lines">
          {lines.map((line, index) => (
            <li key={`${line.timestamp}-${index}`} className="flex gap-3 px-3 py-1.5">
              <time dateTime={line.timestamp} className="shrink-0 text-neutral-500">
                {new Date(line.timestamp).toLocaleString()}
              </time>
              <span className={cn("w-16 shrink-0 font-semibold", LEVEL_STYLE[line.level])}>{line.level}</span>
              <span className="break-all whitespace-pre-wrap text-neutral-800">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
