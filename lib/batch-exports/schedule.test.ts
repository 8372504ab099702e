import { describe, expect, it } from "vitest";
import {
  describeScheduleChange,
  formatRunTime,
  lastBoundaryAtOrBefore,
  nextRunAfter,
  scheduleChangeImpact,
  scheduleLabel,
  skippedSpan,
  upcomingRuns,
  type Schedule,
} from "./schedule";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const hourly: Schedule = { interval: "hour", timezone: "UTC", offsetHour: 0, offsetDay: 0 };
const daily = (offsetHour: number, timezone = "UTC"): Schedule => ({ interval: "day", timezone, offsetHour, offsetDay: 0 });
const weekly = (offsetDay: number, offsetHour: number, timezone = "UTC"): Schedule => ({ interval: "week", timezone, offsetHour, offsetDay });

describe("nextRunAfter", () => {
  it("runs hourly and minute schedules on UTC multiples, whatever the timezone", () => {
    expect(iso(nextRunAfter(hourly, at("2026-03-04T13:30:00Z")))).toBe("2026-03-04T14:00:00.000Z");
    expect(iso(nextRunAfter({ ...hourly, timezone: "Asia/Kolkata", offsetHour: 5 }, at("2026-03-04T13:30:00Z")))).toBe("2026-03-04T14:00:00.000Z");
    expect(iso(nextRunAfter({ ...hourly, interval: "every 5 minutes" }, at("2026-03-04T13:32:10Z")))).toBe("2026-03-04T13:35:00.000Z");
    expect(iso(nextRunAfter({ ...hourly, interval: "every 15 minutes" }, at("2026-03-04T13:45:00Z")))).toBe("2026-03-04T14:00:00.000Z");
  });

  it("runs daily at the start hour in the export's timezone", () => {
    // 13:30 in Berlin (UTC+1 in March): the next 02:00 Berlin is tomorrow, 01:00 UTC.
    expect(iso(nextRunAfter(daily(2, "Europe/Berlin"), at("2026-03-04T12:30:00Z")))).toBe("2026-03-05T01:00:00.000Z");
    // 00:30 Berlin: 02:00 is still ahead today.
    expect(iso(nextRunAfter(daily(2, "Europe/Berlin"), at("2026-03-03T23:30:00Z")))).toBe("2026-03-04T01:00:00.000Z");
  });

  it("runs weekly on the chosen weekday (0 = Sunday)", () => {
    // 2026-03-04 is a Wednesday; the next Monday is the 9th.
    expect(iso(nextRunAfter(weekly(1, 3), at("2026-03-04T12:00:00Z")))).toBe("2026-03-09T03:00:00.000Z");
    expect(iso(nextRunAfter(weekly(3, 15), at("2026-03-04T12:00:00Z")))).toBe("2026-03-04T15:00:00.000Z");
    expect(iso(nextRunAfter(weekly(3, 9), at("2026-03-04T12:00:00Z")))).toBe("2026-03-11T09:00:00.000Z");
  });

  it("follows daylight saving time: a skipped 02:00 resolves like PostHog (fold=0)", () => {
    // Berlin springs forward on 2026-03-29 at 02:00; that day's run is at 03:00 CEST = 01:00 UTC.
    const schedule = daily(2, "Europe/Berlin");
    const runs = upcomingRuns(schedule, at("2026-03-28T12:00:00Z"), 2);
    expect(runs.map(iso)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:00:00.000Z"]);
  });

  it("runs at the first 01:00 of a fall-back night", () => {
    // New York falls back on 2026-11-01 at 02:00 EDT; 01:00 happens twice, the first is 05:00 UTC.
    expect(iso(nextRunAfter(daily(1, "America/New_York"), at("2026-11-01T00:00:00Z")))).toBe("2026-11-01T05:00:00.000Z");
  });
});

describe("lastBoundaryAtOrBefore", () => {
  it("is the boundary itself when now is on one", () => {
    expect(iso(lastBoundaryAtOrBefore(hourly, at("2026-03-04T13:00:00Z")))).toBe("2026-03-04T13:00:00.000Z");
    expect(iso(lastBoundaryAtOrBefore(daily(2), at("2026-03-04T02:00:00Z")))).toBe("2026-03-04T02:00:00.000Z");
  });

  it("goes back to yesterday or last week when today's run is still ahead", () => {
    expect(iso(lastBoundaryAtOrBefore(daily(5), at("2026-03-04T03:00:00Z")))).toBe("2026-03-03T05:00:00.000Z");
    expect(iso(lastBoundaryAtOrBefore(weekly(1, 3), at("2026-03-04T12:00:00Z")))).toBe("2026-03-02T03:00:00.000Z");
  });
});

describe("scheduleChangeImpact", () => {
  it("finds the gap when moving to a shorter interval", () => {
    // Daily at 02:00 has exported until 02:00; the first hourly run (14:00) exports from 13:00.
    const impact = scheduleChangeImpact(daily(2), hourly, at("2026-03-04T13:30:00Z"));
    expect(iso(impact.firstRunMs)).toBe("2026-03-04T14:00:00.000Z");
    expect(impact.skipped && [iso(impact.skipped.startMs), iso(impact.skipped.endMs)]).toEqual([
      "2026-03-04T02:00:00.000Z",
      "2026-03-04T13:00:00.000Z",
    ]);
    expect(impact.repeated).toBeNull();
  });

  it("finds the data exported twice when moving to a longer interval", () => {
    // Hourly has exported until 13:00 Berlin; the first daily run (02:00 tomorrow) exports from 02:00 today.
    const impact = scheduleChangeImpact(hourly, daily(2, "Europe/Berlin"), at("2026-03-04T12:30:00Z"));
    expect(impact.skipped).toBeNull();
    expect(impact.repeated && [iso(impact.repeated.startMs), iso(impact.repeated.endMs)]).toEqual([
      "2026-03-04T01:00:00.000Z",
      "2026-03-04T12:00:00.000Z",
    ]);
    expect(iso(impact.firstRunMs)).toBe("2026-03-05T01:00:00.000Z");
  });

  it("finds the gap of a later start hour and the overlap of an earlier one", () => {
    const now = at("2026-03-04T13:30:00Z");
    const later = skippedSpan(daily(2), daily(5), now);
    expect(later && [iso(later.startMs), iso(later.endMs)]).toEqual(["2026-03-04T02:00:00.000Z", "2026-03-04T05:00:00.000Z"]);
    const earlier = scheduleChangeImpact(daily(5), daily(2), now);
    expect(earlier.skipped).toBeNull();
    expect(earlier.repeated && iso(earlier.repeated.startMs)).toBe("2026-03-04T02:00:00.000Z");
  });

  it("finds the half hour hourly runs never reach when switching to every 15 minutes", () => {
    const gap = skippedSpan(hourly, { ...hourly, interval: "every 15 minutes" }, at("2026-03-04T13:30:00Z"));
    expect(gap && [iso(gap.startMs), iso(gap.endMs)]).toEqual(["2026-03-04T13:00:00.000Z", "2026-03-04T13:30:00.000Z"]);
  });

  it("reports nothing when both schedules have exported up to the same instant", () => {
    const impact = scheduleChangeImpact(hourly, daily(0), at("2026-03-04T00:00:00Z"));
    expect(impact.skipped).toBeNull();
    expect(impact.repeated).toBeNull();
  });
});

describe("labels", () => {
  it("says how often the export runs", () => {
    expect(scheduleLabel(hourly)).toBe("Every hour");
    expect(scheduleLabel({ ...hourly, interval: "every 5 minutes" })).toBe("Every 5 minutes");
    expect(scheduleLabel({ ...hourly, interval: "every 15 minutes" })).toBe("Every 15 minutes");
    expect(scheduleLabel(daily(2, "Europe/Berlin"))).toBe("Daily at 02:00 (Europe/Berlin)");
    expect(scheduleLabel(weekly(1, 3))).toBe("Weekly on Monday at 03:00 (UTC)");
  });

  it("tells run times relative to today in the timezone", () => {
    const now = at("2026-03-04T22:30:00Z"); // 23:30 in Berlin
    expect(formatRunTime(at("2026-03-04T22:45:00Z"), now, "Europe/Berlin")).toBe("23:45 today");
    expect(formatRunTime(at("2026-03-05T01:00:00Z"), now, "Europe/Berlin")).toBe("02:00 tomorrow");
    expect(formatRunTime(at("2026-03-03T12:00:00Z"), now, "Europe/Berlin")).toBe("13:00 yesterday");
    expect(formatRunTime(at("2026-03-09T03:00:00Z"), now, "UTC")).toBe("03:00 on Mon 9 Mar");
  });
});

describe("describeScheduleChange", () => {
  it("names the skipped hours and suggests a backfill", () => {
    expect(describeScheduleChange(daily(2), hourly, at("2026-03-04T13:30:00Z"))).toBe(
      "Switching from daily at 02:00 (UTC) to every hour: the 11 hours from 02:00 today until 13:00 today (UTC) " +
        "will not be exported by the schedule; use a backfill to fill them. " +
        "The first run under the new schedule starts at 14:00 today (UTC).",
    );
  });

  it("names the hours exported twice", () => {
    expect(describeScheduleChange(hourly, daily(2, "Europe/Berlin"), at("2026-03-04T12:30:00Z"))).toBe(
      "Switching from every hour to daily at 02:00 (Europe/Berlin): the 11 hours from 02:00 today until 13:00 today " +
        "(Europe/Berlin) were already exported and will be exported again by the first run. " +
        "The first run under the new schedule starts at 02:00 tomorrow (Europe/Berlin).",
    );
  });

  it("uses the singular for one interval", () => {
    expect(describeScheduleChange(daily(2), daily(3), at("2026-03-04T13:30:00Z"))).toContain(
      "the hour from 02:00 today until 03:00 today (UTC) will not be exported by the schedule; use a backfill to fill it.",
    );
  });

  it("says so when no data is affected", () => {
    expect(describeScheduleChange(hourly, daily(0), at("2026-03-04T00:00:00Z"))).toBe(
      "Switching from every hour to daily at 00:00 (UTC): no data is skipped or exported twice. " +
        "The first run under the new schedule starts at 00:00 tomorrow (UTC).",
    );
  });
});
