"use client";

import { Copy, Link2 } from "lucide-react";
import { memo, type Ref } from "react";
import { formatLogTime, type TimeZoneChoice } from "@/lib/logs/format-log-time";
import { shortRunId, type LogLine } from "@/lib/logs/log-line";
import { cn } from "@/lib/utils";
import { levelBadgeClass, levelRowClass } from "./level-style";

/** Height of an unwrapped row on a wide screen (leading-5 + py-0.5); the virtualizer's estimate, corrected by measuring. */
export const ROW_HEIGHT = 24;

const actionClass =
  "rounded p-0.5 text-neutral-500 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 hover:bg-neutral-200 hover:text-neutral-900 focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600";

export interface LogRowProps {
  line: LogLine;
  index: number;
  total: number;
  start: number;
  zone: TimeZoneChoice;
  wrap: boolean;
  highlighted: boolean;
  measureRef: Ref<HTMLDivElement>;
  onCopyLine: (line: LogLine) => void;
  onLinkLine: (line: LogLine) => void;
  onCopyRun: (runId: string) => void;
}

export const LogRow = memo(function LogRow({
  line,
  index,
  total,
  start,
  zone,
  wrap,
  highlighted,
  measureRef,
  onCopyLine,
  onLinkLine,
  onCopyRun,
}: LogRowProps) {
  return (
    <div
      ref={measureRef}
      role="listitem"
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-current={highlighted ? "true" : undefined}
      data-index={index}
      data-testid="log-line"
      data-highlighted={highlighted ? "true" : undefined}
      data-level={line.level}
      data-run-id={line.instanceId}
      style={{ transform: `translateY(${start}px)` }}
      className={cn(
        // Below lg the message takes a line of its own: beside three fixed columns it would be a sliver.
        "group absolute top-0 left-0 flex w-full flex-wrap items-start gap-x-3 px-3 py-0.5 font-mono text-xs leading-5 lg:flex-nowrap",
        levelRowClass(line.level),
        highlighted ? "bg-amber-100 ring-2 ring-amber-400 ring-inset" : "hover:bg-neutral-100",
      )}
    >
      <time dateTime={line.timestamp} title={line.timestamp} className="w-[23ch] shrink-0 text-neutral-500 tabular-nums">
        {formatLogTime(line.micros, zone)}
      </time>
      <span className={cn("w-[8ch] shrink-0 rounded px-1 text-center font-semibold", levelBadgeClass(line.level))}>{line.level}</span>
      {line.instanceId ? (
        <button
          type="button"
          title={`Run ${line.instanceId} (click to copy)`}
          aria-label={`Copy run id ${line.instanceId}`}
          onClick={() => onCopyRun(line.instanceId)}
          className="w-[9ch] shrink-0 truncate rounded text-left text-neutral-600 underline decoration-dotted underline-offset-2 hover:text-neutral-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
        >
          {shortRunId(line.instanceId)}
        </button>
      ) : (
        <span className="w-[9ch] shrink-0 text-neutral-400" aria-label="No run">
          —
        </span>
      )}
      <span
        className={cn(
          "order-last min-w-0 basis-full text-neutral-900 lg:order-none lg:flex-1 lg:basis-auto",
          wrap ? "break-words whitespace-pre-wrap" : "truncate whitespace-pre",
        )}
      >
        {line.message}
      </span>
      <span className="ml-auto flex shrink-0 gap-1 lg:ml-0">
        <button type="button" aria-label="Copy line" title="Copy line" className={actionClass} onClick={() => onCopyLine(line)}>
          <Copy className="h-3.5 w-3.5" aria-hidden />
        </button>
        <button type="button" aria-label="Copy link to line" title="Copy link to line" className={actionClass} onClick={() => onLinkLine(line)}>
          <Link2 className="h-3.5 w-3.5" aria-hidden />
        </button>
      </span>
    </div>
  );
});
