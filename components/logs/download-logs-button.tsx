"use client";

import * as Popover from "@radix-ui/react-popover";
import { ChevronDown, Download } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DOWNLOAD_MIME, downloadFileName, formatLines, type DownloadFormat } from "@/lib/logs/download-format";
import { DEFAULT_MAX_LINES, downloadLogs, proxyLogPages, type DownloadProgress } from "@/lib/logs/download-pager";
import type { LogFilters } from "@/lib/logs/log-filters";
import { errorMessage } from "@/lib/queries/api-client";

type State =
  | { kind: "idle" }
  | { kind: "running"; format: DownloadFormat; progress: DownloadProgress }
  | { kind: "done"; text: string }
  | { kind: "failed"; text: string };

const count = (n: number) => n.toLocaleString("en");

const FORMATS: Array<{ format: DownloadFormat; label: string; hint: string }> = [
  { format: "ndjson", label: "Download NDJSON", hint: "one JSON object per line" },
  { format: "csv", label: "Download CSV", hint: "timestamp, level, run, message" },
];

/** Hands the browser a file through a temporary `<a download>`, the one way to name a file it saves. */
function saveFile(parts: string[], type: string, name: string) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers; a moment later it is safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function progressText({ lines, waitingSeconds }: DownloadProgress): string {
  const base = `${count(lines)} lines…`;
  return waitingSeconds === null ? base : `${base} PostHog asked us to slow down; resuming in ${waitingSeconds} s.`;
}

function doneText(lines: number, name: string, capped: boolean, crowded: string[]): string {
  let text = `Saved ${count(lines)} lines to ${name}.`;
  if (capped) text += ` That is the newest ${count(DEFAULT_MAX_LINES)}: narrow the filters to reach older lines.`;
  if (crowded.length > 0) {
    text += ` More lines share ${crowded.length === 1 ? "one timestamp" : `${crowded.length} timestamps`} than PostHog returns at once, so a few may be missing.`;
  }
  return text;
}

/**
 * Downloads every line that matches the log view's filters (not only the ones loaded), paging through
 * PostHog within the key's request budget, with progress and a way to cancel.
 */
export function DownloadLogsButton({
  organizationId,
  exportId,
  filters,
}: {
  organizationId: string;
  exportId: string;
  filters: LogFilters;
}) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [menuOpen, setMenuOpen] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const running = state.kind === "running";
  const wasRunning = useRef(false);

  // Leaving the page ends the download rather than letting it spend the key's budget unseen.
  useEffect(() => () => controller.current?.abort(), []);

  // The Cancel button takes the trigger's place while a download runs; when it goes, focus would fall to
  // the page, so it returns to the trigger for keyboard users.
  useEffect(() => {
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (wasRunning.current && !running && focusLost) trigger.current?.focus();
    wasRunning.current = running;
  }, [running]);

  async function start(format: DownloadFormat) {
    setMenuOpen(false);
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "running", format, progress: { lines: 0, pages: 0, waitingSeconds: null } });
    try {
      const result = await downloadLogs({
        filters,
        fetchPage: proxyLogPages(organizationId, exportId),
        signal: abort.signal,
        onProgress: (progress) => setState({ kind: "running", format, progress }),
      });
      const name = downloadFileName(exportId, format, new Date());
      saveFile(formatLines(format, result.entries), DOWNLOAD_MIME[format], name);
      setState({ kind: "done", text: doneText(result.entries.length, name, result.capped, result.crowdedTimestamps) });
    } catch (error) {
      if (abort.signal.aborted) setState({ kind: "done", text: "Download cancelled." });
      else setState({ kind: "failed", text: `The download failed: ${errorMessage(error)}` });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {running ? (
        // Focused when it appears, so a keyboard user who started the download can cancel it at once.
        <Button variant="secondary" size="sm" autoFocus onClick={() => controller.current?.abort()}>
          Cancel download
        </Button>
      ) : (
        <Popover.Root open={menuOpen} onOpenChange={setMenuOpen}>
          <Popover.Trigger asChild ref={trigger}>
            <Button variant="secondary" size="sm" aria-label="Download the filtered logs">
              <Download className="h-4 w-4" aria-hidden />
              Download
              <ChevronDown className="h-4 w-4" aria-hidden />
            </Button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content
              align="end"
              sideOffset={4}
              aria-label="Download format"
              // Radix would focus the trigger, which is being replaced by Cancel; Cancel takes focus itself.
              onCloseAutoFocus={(event) => event.preventDefault()}
              className="z-50 w-64 rounded-md border border-neutral-200 bg-white p-2 shadow-lg"
            >
              <p className="px-2 pt-1 pb-2 text-xs text-neutral-500">Every line that matches the filters, oldest first.</p>
              <div className="flex flex-col">
                {FORMATS.map(({ format, label, hint }) => (
                  <button
                    key={format}
                    type="button"
                    onClick={() => void start(format)}
                    className="flex flex-col items-start rounded px-2 py-1.5 text-left text-sm hover:bg-neutral-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
                  >
                    <span className="font-medium text-neutral-900">{label}</span>
                    <span className="text-xs text-neutral-500" aria-hidden>
                      {hint}
                    </span>
                  </button>
                ))}
              </div>
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      )}
      <p role="status" aria-live="polite" className="text-sm text-neutral-600">
        {state.kind === "running" && (
          <>
            <span className="sr-only">Downloading {state.format === "csv" ? "CSV" : "NDJSON"}: </span>
            {progressText(state.progress)}
          </>
        )}
        {state.kind === "done" && state.text}
      </p>
      {state.kind === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {state.text}
        </p>
      )}
    </div>
  );
}
