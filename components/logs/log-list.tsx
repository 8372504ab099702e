"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown } from "lucide-react";
import { useCallback, useEffect, useRef, type ReactNode } from "react";
import type { TimeZoneChoice } from "@/lib/logs/format-log-time";
import { lineToken, type LogLine } from "@/lib/logs/log-line";
import { Button } from "@/components/ui/button";
import { LogRow, ROW_HEIGHT } from "./log-row";
import { END_THRESHOLD_PX, useFollowTail } from "./use-follow-tail";

export interface LogListProps {
  /** Oldest first: newest at the bottom, like a terminal. */
  lines: readonly LogLine[];
  tailAdded: number;
  zone: TimeZoneChoice;
  wrap: boolean;
  /** Permalink token of the highlighted line. */
  highlight: string | null;
  /** Index of that line once loaded (-1 until then): the view scrolls to it once. */
  highlightIndex: number;
  onCopyLine: (line: LogLine) => void;
  onLinkLine: (line: LogLine) => void;
  onCopyRun: (runId: string) => void;
  /** Shown inside the viewport when there are no lines (loading, empty, error). */
  placeholder?: ReactNode;
}

/**
 * The virtualized lines, sized to end within the window so the newest line is in sight while following.
 * Only the rows in view (plus a margin) are in the DOM, so 100,000 lines scroll like 100.
 * `anchorTo: "end"` keeps the rows the user reads in place when older lines are added above or the
 * oldest are dropped, and `followOnAppend` keeps the bottom in view while the user is there.
 */
export function LogList({ lines, tailAdded, zone, wrap, highlight, highlightIndex, onCopyLine, onLinkLine, onCopyRun, placeholder }: LogListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => lines[index]!.id, [lines]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler; the virtualizer re-renders this list itself
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 20,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: END_THRESHOLD_PX,
  });
  const { newLines, onScroll, resume } = useFollowTail(viewport, tailAdded);

  // Wrapping changes every row's height.
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);

  // A permalink's line: scroll it into view once it is loaded, unless it already is (a click on its own link).
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!highlight || highlightIndex < 0 || scrolledTo.current === highlight) return;
    scrolledTo.current = highlight;
    const range = virtualizer.range;
    const inView = range && highlightIndex > range.startIndex && highlightIndex < range.endIndex;
    if (!inView) virtualizer.scrollToIndex(highlightIndex, { align: "center" });
  }, [highlight, highlightIndex, virtualizer]);

  function jumpToNewest() {
    resume();
    virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
    viewport.current?.focus({ preventScroll: true });
  }

  return (
    <div className="relative">
      <div
        ref={viewport}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label="Log lines (newest at the bottom)"
        data-testid="log-viewport"
        data-line-count={lines.length}
        className="h-[calc(100dvh-22rem)] min-h-64 overflow-auto rounded-lg border border-neutral-200 bg-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
      >
        {lines.length === 0 ? (
          <div className="flex h-full items-center justify-center p-6">{placeholder}</div>
        ) : (
          <div role="list" aria-label="Log lines" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              return (
                <LogRow
                  key={item.key}
                  line={line}
                  index={item.index}
                  total={lines.length}
                  start={item.start}
                  zone={zone}
                  wrap={wrap}
                  highlighted={highlight !== null && lineToken(line) === highlight}
                  measureRef={virtualizer.measureElement}
                  onCopyLine={onCopyLine}
                  onLinkLine={onLinkLine}
                  onCopyRun={onCopyRun}
                />
              );
            })}
          </div>
        )}
      </div>
      {newLines > 0 && (
        <Button size="sm" className="absolute bottom-4 left-1/2 -translate-x-1/2 shadow-lg" onClick={jumpToNewest}>
          <ArrowDown className="h-4 w-4" aria-hidden />
          {newLines.toLocaleString("en")} new {newLines === 1 ? "line" : "lines"}
        </Button>
      )}
    </div>
  );
}
