import { describe, expect, it } from "vitest";
import type { BatchExportRun } from "@/lib/posthog";
import { boundInstant } from "./backfill-inputs";
import type { Schedule } from "./schedule";
import { alreadyExportedIntervals, countBackfillRuns, previewBackfill } from "./interval-preview";

const HOUR = 3_600_000;

function schedule(overrides: Partial<Schedule>): Schedule {
  return { interval: "hour", timezone: "UTC", offsetDay: 0, offsetHour: 0, ...overrides };
}

/** The preview of a range typed into the dialog's inputs. */
function preview(s: Schedule, start: string, end: string, runs: BatchExportRun[] = []) {
  return previewBackfill(s, boundInstant(start, s)!, boundInstant(end, s)!, runs);
}

function run(start: string | null, end: string, status: BatchExportRun["status"] = "Completed"): BatchExportRun {
  return {
    id: "0190a5f4-0000-7000-8000-000000000001",
    status,
    records_completed: 10,
    latest_error: null,
    data_interval_start: start,
    data_interval_end: end,
    cursor: null,
    created_at: end,
    finished_at: end,
    last_updated_at: end,
    records_total_count: 10,
    bytes_exported: 100,
    batch_export: "0190a5f4-0000-7000-8000-0000000000aa",
    backfill: null,
  };
}

describe("hourly exports", () => {
  it("count real hours across a spring-forward change (Europe/Berlin loses 02:00-03:00)", () => {
    const berlin = schedule({ interval: "hour", timezone: "Europe/Berlin" });
    // 00:00+01:00 to 06:00+02:00 is five hours, not six.
    const result = preview(berlin, "2026-03-29T00:00", "2026-03-29T06:00");
    expect(result.runs).toBe(5);
    expect(result.leftoverMs).toBe(0);
    expect(new Date(result.coveredEndMs).toISOString()).toBe("2026-03-29T04:00:00.000Z");
  });

  it("count real hours across a fall-back change (02:00-03:00 happens twice)", () => {
    const berlin = schedule({ interval: "hour", timezone: "Europe/Berlin" });
    expect(preview(berlin, "2026-10-25T00:00", "2026-10-25T06:00").runs).toBe(7);
  });

  it("leave out a tail shorter than an hour", () => {
    const result = preview(schedule({}), "2026-01-01T00:00", "2026-01-01T03:30");
    expect(result.runs).toBe(3);
    expect(result.leftoverMs).toBe(HOUR / 2);
  });
});

describe("daily exports", () => {
  it("run at offset_hour in their timezone, one per local day even when the day lasts 23 hours", () => {
    const berlin = schedule({ interval: "day", timezone: "Europe/Berlin", offsetHour: 2 });
    const result = preview(berlin, "2026-03-27", "2026-03-31");
    expect(result.runs).toBe(4);
    expect(new Date(boundInstant("2026-03-27", berlin)!).toISOString()).toBe("2026-03-27T01:00:00.000Z");
    expect(new Date(result.coveredEndMs).toISOString()).toBe("2026-03-31T00:00:00.000Z");
  });

  it("count a long range without walking it (ten years)", () => {
    const tokyo = schedule({ interval: "day", timezone: "Asia/Tokyo", offsetHour: 5 });
    expect(preview(tokyo, "2016-01-01", "2026-01-01").runs).toBe(3653);
  });
});

describe("weekly exports", () => {
  it("run once per week on the configured weekday", () => {
    const mondays = schedule({ interval: "week", timezone: "America/New_York", offsetDay: 1, offsetHour: 3 });
    // 2026-01-05 and 2026-02-02 are Mondays; a DST change (2026-03-08) falls inside the second range.
    expect(preview(mondays, "2026-01-05", "2026-02-02").runs).toBe(4);
    expect(preview(mondays, "2026-02-23", "2026-03-16").runs).toBe(3);
  });
});

describe("every 5 minutes", () => {
  it("counts twelve runs an hour, in UTC steps whatever the timezone", () => {
    const nepal = schedule({ interval: "every 5 minutes", timezone: "Asia/Kathmandu" });
    expect(preview(nepal, "2026-01-01T00:00", "2026-01-01T01:00").runs).toBe(12);
    expect(preview(schedule({ interval: "every 5 minutes" }), "2026-01-01T00:00", "2026-01-01T00:04").runs).toBe(0);
  });
});

describe("countBackfillRuns", () => {
  it("is zero for an empty or reversed range", () => {
    expect(countBackfillRuns(schedule({}), 10 * HOUR, 10 * HOUR)).toBe(0);
    expect(countBackfillRuns(schedule({}), 10 * HOUR, 5 * HOUR)).toBe(0);
  });
});

describe("intervals already exported", () => {
  const hourly = schedule({});
  const runs = [
    run("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"),
    // A retried interval: counted once.
    run("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"),
    run("2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z"),
    run("2026-01-01T12:00:00Z", "2026-01-01T13:00:00Z", "Failed"),
    run("2026-01-01T13:00:00Z", "2026-01-01T14:00:00Z", "Running"),
    run("2026-01-01T06:00:00Z", "2026-01-01T07:00:00Z"),
  ];

  it("counts distinct Completed intervals inside the range", () => {
    expect(preview(hourly, "2026-01-01T09:00", "2026-01-01T14:00", runs).alreadyExported).toBe(2);
  });

  it("ignores intervals that only touch the range's edges", () => {
    expect(preview(hourly, "2026-01-01T07:00", "2026-01-01T10:00", runs).alreadyExported).toBe(0);
  });

  it("counts a run from the beginning of time when the range is before its end", () => {
    expect(alreadyExportedIntervals([run(null, "2026-01-01T00:00:00Z")], Date.parse("2025-06-01T00:00:00Z"), Date.parse("2025-06-02T00:00:00Z"))).toBe(1);
  });

  it("compares only with what the backfill covers, not the tail it leaves out", () => {
    expect(preview(hourly, "2026-01-01T09:00", "2026-01-01T10:30", runs).alreadyExported).toBe(0);
  });
});
