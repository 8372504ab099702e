import { describe, expect, it } from "vitest";
import { checkBackfillRange, isWellFormedRange } from "./backfill-rules";
import type { Schedule } from "./schedule";

const NOW = Date.parse("2026-02-10T12:34:56Z");

function schedule(overrides: Partial<Schedule>): Schedule {
  return { interval: "hour", timezone: "UTC", offsetDay: 0, offsetHour: 0, ...overrides };
}

const check = (s: Schedule, start_at: string, end_at: string) => checkBackfillRange({ start_at, end_at }, s, NOW);

describe("checkBackfillRange", () => {
  it("accepts a valid hourly range", () => {
    expect(check(schedule({}), "2026-02-01T00:00", "2026-02-02T00:00")).toEqual({});
  });

  it("requires both bounds, in PostHog's words", () => {
    expect(check(schedule({}), "", "")).toEqual({ start_at: "Start date is required", end_at: "End date is required" });
  });

  it("refuses unreadable values", () => {
    expect(check(schedule({ interval: "day" }), "2026-02-30", "2026-02-01")).toMatchObject({ start_at: "Start date is not a valid date" });
  });

  it("wants the start before the end, equal bounds included", () => {
    expect(check(schedule({}), "2026-02-02T00:00", "2026-02-01T00:00")).toEqual({ end_at: "End date must be after start date" });
    expect(check(schedule({}), "2026-02-01T00:00", "2026-02-01T00:00")).toEqual({ end_at: "End date must be after start date" });
  });

  it("refuses an end in the future, naming it in the export's timezone", () => {
    const berlin = schedule({ timezone: "Europe/Berlin" });
    expect(check(berlin, "2026-02-01T00:00", "2026-02-10T14:00")).toEqual({
      end_at: "End date (February 10, 2026 2:00 PM GMT+1) cannot be in the future",
    });
    // 13:00 in Berlin is 12:00 UTC: already past.
    expect(check(berlin, "2026-02-01T00:00", "2026-02-10T13:00")).toEqual({});
  });

  it("applies offset_hour to a daily end date before comparing it with now", () => {
    const lateDaily = schedule({ interval: "day", offsetHour: 13 });
    expect(check(lateDaily, "2026-02-01", "2026-02-10").end_at).toMatch(/cannot be in the future/);
    expect(check(schedule({ interval: "day", offsetHour: 12 }), "2026-02-01", "2026-02-10")).toEqual({});
  });

  it("keeps weekly bounds on the configured weekday, naming it", () => {
    const mondays = schedule({ interval: "week", offsetDay: 1 });
    expect(check(mondays, "2026-01-05", "2026-02-02")).toEqual({});
    expect(check(mondays, "2026-01-04", "2026-02-01")).toEqual({
      start_at: "Start date must be on a valid day of the week (Monday) for weekly batch exports",
      end_at: "End date must be on a valid day of the week (Monday) for weekly batch exports",
    });
  });

  it("keeps 5-minute bounds on multiples of 5 minutes", () => {
    const fiveMinutes = schedule({ interval: "every 5 minutes" });
    expect(check(fiveMinutes, "2026-02-01T00:05", "2026-02-01T01:00")).toEqual({});
    expect(check(fiveMinutes, "2026-02-01T00:03", "2026-02-01T01:02")).toEqual({
      start_at: "Start time must be a multiple of 5 minutes for 5-minute batch exports",
      end_at: "End time must be a multiple of 5 minutes for 5-minute batch exports",
    });
  });

  it("keeps 15-minute bounds on quarter hours", () => {
    expect(check(schedule({ interval: "every 15 minutes" }), "2026-02-01T00:05", "2026-02-01T01:00")).toEqual({
      start_at: "Start time must be a multiple of 15 minutes for 15-minute batch exports",
    });
  });

  it("keeps hourly bounds on UTC hours, which are half past in India", () => {
    expect(check(schedule({}), "2026-02-01T00:30", "2026-02-01T02:00")).toEqual({
      start_at: "Start time must be on the hour for hourly batch exports",
    });
    const kolkata = schedule({ timezone: "Asia/Kolkata" });
    expect(check(kolkata, "2026-02-01T00:30", "2026-02-01T02:30")).toEqual({});
    expect(check(kolkata, "2026-02-01T00:00", "2026-02-01T02:30").start_at).toBe(
      "Start time must be on the hour (in UTC) for hourly batch exports",
    );
  });

  it("lets 'after start' outrank 'in the future', as PostHog does", () => {
    expect(check(schedule({}), "2026-03-02T00:00", "2026-03-01T00:00")).toEqual({ end_at: "End date must be after start date" });
  });
});

describe("isWellFormedRange", () => {
  it("ignores the clock but not the format", () => {
    expect(isWellFormedRange({ start_at: "2099-01-01T00:00", end_at: "2099-01-02T00:00" }, schedule({}))).toBe(true);
    expect(isWellFormedRange({ start_at: "2026-01-04", end_at: "2026-02-02" }, schedule({ interval: "week", offsetDay: 1 }))).toBe(false);
    expect(isWellFormedRange({ start_at: "", end_at: "2026-02-02" }, schedule({ interval: "day" }))).toBe(false);
  });
});
