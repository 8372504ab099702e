import { describe, expect, it } from "vitest";
import { boundInputKind, boundInputStep, boundRequestValue, defaultEndValue } from "./backfill-inputs";
import type { Schedule } from "./schedule";

function schedule(overrides: Partial<Schedule>): Schedule {
  return { interval: "hour", timezone: "UTC", offsetDay: 0, offsetHour: 0, ...overrides };
}

const NOW = Date.parse("2026-02-11T12:34:56Z"); // a Wednesday

describe("the inputs the dialog shows", () => {
  it("are dates for daily and weekly exports, date-times stepped to the interval otherwise", () => {
    expect(boundInputKind(schedule({ interval: "day" }))).toBe("date");
    expect(boundInputKind(schedule({ interval: "week" }))).toBe("date");
    expect(boundInputKind(schedule({ interval: "hour" }))).toBe("datetime-local");
    expect(boundInputStep(schedule({ interval: "every 5 minutes" }), NOW)).toBe(300);
    expect(boundInputStep(schedule({ interval: "every 15 minutes" }), NOW)).toBe(900);
    expect(boundInputStep(schedule({ interval: "hour" }), NOW)).toBe(3600);
    expect(boundInputStep(schedule({ interval: "hour", timezone: "Asia/Kolkata" }), NOW)).toBe(60);
    expect(boundInputStep(schedule({ interval: "day" }), NOW)).toBeUndefined();
  });
});

describe("boundRequestValue", () => {
  it("sends dates only for daily and weekly exports", () => {
    expect(boundRequestValue("2026-01-01", schedule({ interval: "day", timezone: "Europe/Berlin", offsetHour: 5 }))).toBe("2026-01-01");
  });

  it("sends ISO datetimes with the export timezone's offset otherwise", () => {
    expect(boundRequestValue("2026-01-01T00:00", schedule({ timezone: "Europe/Berlin" }))).toBe("2026-01-01T00:00:00+01:00");
    expect(boundRequestValue("2026-07-01T00:00", schedule({ timezone: "Europe/Berlin" }))).toBe("2026-07-01T00:00:00+02:00");
    expect(boundRequestValue("2026-01-01T09:15", schedule({ timezone: "America/New_York" }))).toBe("2026-01-01T09:15:00-05:00");
    expect(boundRequestValue("2026-01-01T00:00", schedule({ timezone: "Asia/Kathmandu" }))).toBe("2026-01-01T00:00:00+05:45");
    expect(boundRequestValue("2026-01-01T00:00", schedule({}))).toBe("2026-01-01T00:00:00+00:00");
  });

  it("reads a skipped local time with the offset before the change, as PostHog (zoneinfo, fold=0) does", () => {
    // 02:30 does not exist in Berlin on 2026-03-29: read as +01:00, i.e. 03:30+02:00.
    expect(boundRequestValue("2026-03-29T02:30", schedule({ timezone: "Europe/Berlin" }))).toBe("2026-03-29T03:30:00+02:00");
  });

  it("sends nothing for an unreadable value", () => {
    expect(boundRequestValue("", schedule({}))).toBeNull();
    expect(boundRequestValue("2026-13-01", schedule({ interval: "day" }))).toBeNull();
  });
});

describe("defaultEndValue (PostHog's default end: the latest boundary)", () => {
  it("is the last whole interval in UTC below a day, shown in the export's timezone", () => {
    expect(defaultEndValue(schedule({}), NOW)).toBe("2026-02-11T12:00");
    expect(defaultEndValue(schedule({ interval: "every 5 minutes", timezone: "Europe/Berlin" }), NOW)).toBe("2026-02-11T13:30");
  });

  it("is today's offset_hour in the export's timezone, or yesterday's when that is still ahead", () => {
    // 21:34 in Tokyo: 23:00 has not come yet.
    expect(defaultEndValue(schedule({ interval: "day", timezone: "Asia/Tokyo", offsetHour: 23 }), NOW)).toBe("2026-02-10");
    expect(defaultEndValue(schedule({ interval: "day", timezone: "Asia/Tokyo", offsetHour: 1 }), NOW)).toBe("2026-02-11");
  });

  it("is the last configured weekday for weekly exports", () => {
    expect(defaultEndValue(schedule({ interval: "week", offsetDay: 5 }), NOW)).toBe("2026-02-06");
    expect(defaultEndValue(schedule({ interval: "week", offsetDay: 3, offsetHour: 12 }), NOW)).toBe("2026-02-11");
  });
});
