import type { DownloadedLine } from "./download-pager";

/**
 * Files for downloaded log lines. Each function returns one string per line, each ending in its line
 * break, so a Blob can be built from the parts without first joining 100,000 lines into one string.
 * Lines are written in the order given: oldest first, as `downloadLogs` returns them.
 */

export type DownloadFormat = "ndjson" | "csv";

export const DOWNLOAD_MIME: Record<DownloadFormat, string> = {
  ndjson: "application/x-ndjson",
  csv: "text/csv;charset=utf-8",
};

/** One JSON object per line with PostHog's fields, in PostHog's field order. */
export function toNdjson(entries: readonly DownloadedLine[]): string[] {
  return entries.map(
    (e) =>
      `${JSON.stringify({
        log_source_id: e.log_source_id,
        instance_id: e.instance_id,
        timestamp: e.timestamp,
        level: e.level,
        message: e.message,
      })}\n`,
  );
}

export const CSV_HEADER = "timestamp,level,instance_id,message";

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 lines end in CRLF, including the last. */
export function toCsv(entries: readonly DownloadedLine[]): string[] {
  const rows = entries.map((e) => `${[e.timestamp, e.level, e.instance_id, e.message].map(csvField).join(",")}\r\n`);
  return [`${CSV_HEADER}\r\n`, ...rows];
}

export function formatLines(format: DownloadFormat, entries: readonly DownloadedLine[]): string[] {
  return format === "csv" ? toCsv(entries) : toNdjson(entries);
}

/** `<export id>-logs-20260115T120000Z.ndjson`: UTC, and no colons, which some file systems refuse. */
export function downloadFileName(exportId: string, format: DownloadFormat, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `${exportId}-logs-${stamp}.${format}`;
}
