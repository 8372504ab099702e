"use client";

import { RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { LogFeedSnapshot } from "@/lib/logs/log-feed";
import { LOG_MEMORY_CAP } from "@/lib/logs/log-store";
import { cn } from "@/lib/utils";

const count = (n: number) => n.toLocaleString("en");

function describe(snapshot: LogFeedSnapshot): { tone: "live" | "quiet" | "warn" | "error"; text: string; detail?: string } {
  const { connection, hidden, nextPollMs, problem } = snapshot;
  if (connection === "failed") return { tone: "error", text: `Stopped: ${problem ?? "PostHog refused the request."}` };
  if (connection === "history") return { tone: "quiet", text: "Live updates paused while showing older lines" };
  if (hidden) return { tone: "quiet", text: "Paused while this tab is in the background" };
  if (connection === "reconnecting") return { tone: "warn", text: `Reconnecting… ${problem ?? ""}`.trim() };
  if (connection === "connecting") return { tone: "quiet", text: "Connecting…" };
  const detail = nextPollMs !== null && nextPollMs > 0 ? `next check in ${Math.max(1, Math.round(nextPollMs / 1000))} s` : undefined;
  return { tone: "live", text: "Live", detail };
}

const DOT = { live: "bg-green-500", quiet: "bg-neutral-400", warn: "bg-amber-500", error: "bg-red-500" };

/** The feed's state in one quiet line: live, paused, reconnecting (what is shown stays), or stopped. */
export function LogStatus({ snapshot, onRetry, onBackToLatest }: { snapshot: LogFeedSnapshot; onRetry: () => void; onBackToLatest: () => void }) {
  const { tone, text, detail } = describe(snapshot);
  return (
    <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-neutral-600">
      <div className="flex items-center gap-2">
        <span aria-hidden className={cn("h-2 w-2 rounded-full", DOT[tone], tone === "live" && "animate-pulse")} />
        {/* Only the state is announced; the countdown changes every poll and would chatter. */}
        <p role="status" aria-live="polite" data-testid="log-status" className={cn(tone === "error" && "text-red-700", tone === "warn" && "text-amber-800")}>
          {text}
        </p>
        {detail && <span className="text-neutral-500">· {detail}</span>}
        {(snapshot.connection === "failed" || snapshot.connection === "reconnecting") && (
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={onRetry}>
            <RotateCw className="h-3 w-3" aria-hidden />
            Try now
          </Button>
        )}
        {snapshot.connection === "history" && (
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={onBackToLatest}>
            Back to the newest lines
          </Button>
        )}
      </div>
      <p className="tabular-nums">
        {count(snapshot.lines.length)} {snapshot.lines.length === 1 ? "line" : "lines"} loaded
        {snapshot.lines.length >= LOG_MEMORY_CAP * 0.9 && ` (at most ${count(LOG_MEMORY_CAP)} are kept in memory; older ones can be loaded again)`}
      </p>
    </div>
  );
}
