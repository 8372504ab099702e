"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { BatchExport } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { batchExportKeys, setPaused } from "@/lib/queries/batch-exports";

interface Outcome {
  id: string;
  name: string;
  ok: boolean;
  detail: string;
}

const PARALLEL = 4;

/** Runs `task` over `items`, a few at a time, so a large selection neither stalls nor floods PostHog. */
async function inBatches<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(task))));
  return results;
}

/** Pause or resume every selected export, then say what happened to each one. */
export function BulkPause({
  organizationId,
  selected,
  onDone,
}: {
  organizationId: string;
  selected: BatchExport[];
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [running, setRunning] = useState<"pause" | "resume" | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const [action, setAction] = useState<"pause" | "resume">("pause");

  async function apply(kind: "pause" | "resume") {
    setRunning(kind);
    setAction(kind);
    const results = await inBatches(selected, async (e): Promise<Outcome> => {
      try {
        await setPaused(organizationId, e.id, kind === "pause");
        return { id: e.id, name: e.name, ok: true, detail: kind === "pause" ? "Paused" : "Resumed" };
      } catch (error) {
        return { id: e.id, name: e.name, ok: false, detail: errorMessage(error) };
      }
    });
    setRunning(null);
    setOutcomes(results);
    await client.invalidateQueries({ queryKey: batchExportKeys.organization(organizationId) });
  }

  const failures = outcomes?.filter((o) => !o.ok).length ?? 0;
  return (
    <div className="flex items-center gap-2" role="group" aria-label="Bulk actions">
      <span className="text-sm text-neutral-600">{selected.length} selected</span>
      <Button size="sm" variant="secondary" disabled={!selected.length || running !== null} onClick={() => apply("pause")}>
        {running === "pause" ? "Pausing…" : `Pause ${selected.length}`}
      </Button>
      <Button size="sm" variant="secondary" disabled={!selected.length || running !== null} onClick={() => apply("resume")}>
        {running === "resume" ? "Resuming…" : `Resume ${selected.length}`}
      </Button>
      <Dialog
        open={outcomes !== null}
        onOpenChange={(open) => {
          if (!open) {
            setOutcomes(null);
            onDone();
          }
        }}
        title={`${action === "pause" ? "Pause" : "Resume"}: ${(outcomes?.length ?? 0) - failures} done, ${failures} failed`}
      >
        <ul className="max-h-80 divide-y divide-neutral-100 overflow-auto text-sm" aria-label="Result per export">
          {outcomes?.map((o) => (
            <li key={o.id} className="flex items-start justify-between gap-4 py-2">
              <span className="font-medium">{o.name}</span>
              <span className={o.ok ? "text-green-700" : "text-red-700"}>
                {o.ok ? "✓ " : "✗ "}
                {o.detail}
              </span>
            </li>
          ))}
        </ul>
      </Dialog>
    </div>
  );
}
