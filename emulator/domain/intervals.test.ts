import { describe, expect, it } from "vitest";
import {
  backfillRange,
  intervalContaining,
  intervalMs,
  intervalOffsetFrom,
  intervalsBetween,
  localToUtc,
  nextBoundaryAfter,
  offsetDayFor,
  offsetHourFor,
  pythonIsoformat,
  stepForward,
  type Schedule,
} from "./intervals";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

const hourly: Schedule = { interval: "hour", timezone: "UTC", intervalOffsetSeconds: null };

describe("intervalMs", () => {
  it("matches PostHog's interval_time_delta", () => {
    expect(intervalMs("hour")).toBe(HOUR);
    expect(intervalMs("day")).toBe(24 * HOUR);
    expect(intervalMs("week")).toBe(7 * 24 * HOUR);
    expect(intervalMs("every 5 minutes")).toBe(5 * 60_000);
    expect(intervalMs("every 15 minutes")).toBe(15 * 60_000);
  });
});

describe("sub-day intervals are UTC epoch-aligned", () => {
  it("hour: the next boundary is strictly after", () => {
    expect(iso(nextBoundaryAfter(hourly, at("2026-01-01T00:30:00Z")))).toBe("2026-01-01T01:00:00.000Z");
    expect(iso(nextBoundaryAfter(hourly, at("2026-01-01T01:00:00Z")))).toBe("2026-01-01T02:00:00.000Z");
  });

  it("every 5 / 15 minutes", () => {
    const five: Schedule = { interval: "every 5 minutes", timezone: "UTC", intervalOffsetSeconds: null };
    const fifteen: Schedule = { interval: "every 15 minutes", timezone: "UTC", intervalOffsetSeconds: null };
    expect(iso(nextBoundaryAfter(five, at("2026-01-01T00:07:30Z")))).toBe("2026-01-01T00:10:00.000Z");
    expect(iso(nextBoundaryAfter(fifteen, at("2026-01-01T00:07:30Z")))).toBe("2026-01-01T00:15:00.000Z");
    expect(iso(nextBoundaryAfter(fifteen, at("2026-01-01T00:15:00Z")))).toBe("2026-01-01T00:30:00.000Z");
  });

  it("ignores the timezone and offsets (even a +05:45 zone)", () => {
    const kathmandu: Schedule = { interval: "hour", timezone: "Asia/Kathmandu", intervalOffsetSeconds: 7200 };
    expect(iso(nextBoundaryAfter(kathmandu, at("2026-01-01T00:30:00Z")))).toBe("2026-01-01T01:00:00.000Z");
  });

  it("intervalContaining and intervalsBetween", () => {
    const i = intervalContaining(hourly, at("2026-01-01T05:59:59Z"));
    expect([iso(i.startMs), iso(i.endMs)]).toEqual(["2026-01-01T05:00:00.000Z", "2026-01-01T06:00:00.000Z"]);
    const list = intervalsBetween(hourly, at("2026-01-01T00:00:00Z"), at("2026-01-01T03:30:00Z"));
    expect(list.map((x) => iso(x.endMs))).toEqual([
      "2026-01-01T01:00:00.000Z",
      "2026-01-01T02:00:00.000Z",
      "2026-01-01T03:00:00.000Z",
    ]);
    // An end exactly at the lower bound is excluded; exactly at the upper bound is included.
    expect(intervalsBetween(hourly, at("2026-01-01T01:00:00Z"), at("2026-01-01T02:00:00Z")).map((x) => iso(x.endMs))).toEqual([
      "2026-01-01T02:00:00.000Z",
    ]);
  });

  it("intervalsBetween keeps only the most recent `limit`", () => {
    const list = intervalsBetween(hourly, 0, at("2026-01-01T10:30:00Z"), 3);
    expect(list.map((x) => iso(x.startMs))).toEqual([
      "2026-01-01T07:00:00.000Z",
      "2026-01-01T08:00:00.000Z",
      "2026-01-01T09:00:00.000Z",
    ]);
  });
});

describe("daily and weekly schedules in a timezone", () => {
  it("daily at offset_hour in the export's timezone", () => {
    const ny: Schedule = { interval: "day", timezone: "America/New_York", intervalOffsetSeconds: 2 * 3600 };
    expect(iso(nextBoundaryAfter(ny, at("2026-01-10T00:00:00Z")))).toBe("2026-01-10T07:00:00.000Z");
    expect(iso(nextBoundaryAfter(ny, at("2026-01-10T07:00:00Z")))).toBe("2026-01-11T07:00:00.000Z");
  });

  it("daily in a +05:45 zone", () => {
    const ktm: Schedule = { interval: "day", timezone: "Asia/Kathmandu", intervalOffsetSeconds: 7200 };
    expect(iso(nextBoundaryAfter(ktm, at("2026-01-10T00:00:00Z")))).toBe("2026-01-10T20:15:00.000Z");
  });

  it("daily with no offset is local midnight", () => {
    const daily: Schedule = { interval: "day", timezone: "UTC", intervalOffsetSeconds: null };
    expect(iso(nextBoundaryAfter(daily, at("2026-01-10T12:00:00Z")))).toBe("2026-01-11T00:00:00.000Z");
  });

  it("weekly defaults to Sunday midnight", () => {
    const weekly: Schedule = { interval: "week", timezone: "UTC", intervalOffsetSeconds: null };
    // 2026-01-01 is a Thursday; the next Sunday is 2026-01-04.
    expect(iso(nextBoundaryAfter(weekly, at("2026-01-01T00:00:00Z")))).toBe("2026-01-04T00:00:00.000Z");
    expect(iso(nextBoundaryAfter(weekly, at("2026-01-04T00:00:00Z")))).toBe("2026-01-11T00:00:00.000Z");
  });

  it("weekly on offset_day at offset_hour (Monday 02:00 Europe/Berlin)", () => {
    const berlin: Schedule = { interval: "week", timezone: "Europe/Berlin", intervalOffsetSeconds: 93_600 };
    expect(iso(nextBoundaryAfter(berlin, at("2026-01-01T00:00:00Z")))).toBe("2026-01-05T01:00:00.000Z");
    const i = intervalContaining(berlin, at("2026-01-07T00:00:00Z"));
    expect([iso(i.startMs), iso(i.endMs)]).toEqual(["2026-01-05T01:00:00.000Z", "2026-01-12T01:00:00.000Z"]);
  });

  it("a spring-forward day lasts 23 hours, a fall-back day 25", () => {
    const ny: Schedule = { interval: "day", timezone: "America/New_York", intervalOffsetSeconds: null };
    const spring = intervalsBetween(ny, at("2026-03-07T12:00:00Z"), at("2026-03-10T12:00:00Z"));
    expect(spring.map((x) => [iso(x.startMs), (x.endMs - x.startMs) / HOUR])).toEqual([
      ["2026-03-07T05:00:00.000Z", 24],
      ["2026-03-08T05:00:00.000Z", 23],
      ["2026-03-09T04:00:00.000Z", 24],
    ]);
    const fall = intervalsBetween(ny, at("2026-10-31T12:00:00Z"), at("2026-11-02T12:00:00Z"));
    expect(fall.map((x) => [iso(x.startMs), (x.endMs - x.startMs) / HOUR])).toEqual([
      ["2026-10-31T04:00:00.000Z", 24],
      ["2026-11-01T04:00:00.000Z", 25],
    ]);
  });

  it("a nonexistent local time shifts forward; an ambiguous one takes the first occurrence (fold=0)", () => {
    expect(iso(localToUtc("America/New_York", 2026, 3, 8, 2))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(localToUtc("America/New_York", 2026, 11, 1, 1))).toBe("2026-11-01T05:00:00.000Z");
    const ny2am: Schedule = { interval: "day", timezone: "America/New_York", intervalOffsetSeconds: 7200 };
    expect(iso(nextBoundaryAfter(ny2am, at("2026-03-08T00:00:00Z")))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(nextBoundaryAfter(ny2am, at("2026-03-08T07:00:00Z")))).toBe("2026-03-09T06:00:00.000Z");
  });
});

describe("backfill stepping", () => {
  it("steps in UTC below a day, not aligned to boundaries", () => {
    const list = backfillRange(hourly, at("2026-01-01T00:30:00Z"), at("2026-01-01T03:00:00Z"));
    expect(list.map((x) => iso(x.endMs))).toEqual(["2026-01-01T01:30:00.000Z", "2026-01-01T02:30:00.000Z"]);
  });

  it("steps whole local days for daily exports", () => {
    const ny: Schedule = { interval: "day", timezone: "America/New_York", intervalOffsetSeconds: null };
    expect(iso(stepForward(ny, at("2026-03-08T05:00:00Z")))).toBe("2026-03-09T04:00:00.000Z");
    const list = backfillRange(ny, at("2026-03-07T05:00:00Z"), at("2026-03-09T04:00:00Z"));
    expect(list.map((x) => (x.endMs - x.startMs) / HOUR)).toEqual([24, 23]);
  });
});

describe("offset_day / offset_hour", () => {
  it("renders like PostHog's model properties", () => {
    expect(offsetDayFor("week", null)).toBe(0);
    expect(offsetDayFor("week", 93_600)).toBe(1);
    expect(offsetHourFor("week", 93_600)).toBe(2);
    expect(offsetDayFor("day", 7200)).toBeNull();
    expect(offsetHourFor("day", 7200)).toBe(2);
    expect(offsetHourFor("day", null)).toBe(0);
    expect(offsetHourFor("hour", null)).toBeNull();
    expect(offsetDayFor("every 5 minutes", null)).toBeNull();
  });

  it("stores interval_offset like PostHog", () => {
    expect(intervalOffsetFrom("week", 1, 2)).toBe(93_600);
    expect(intervalOffsetFrom("day", undefined, 2)).toBe(7200);
    expect(intervalOffsetFrom("day", null, 0)).toBe(0);
    expect(intervalOffsetFrom("day", null, null)).toBeNull();
    expect(intervalOffsetFrom("hour", null, null)).toBeNull();
  });
});

describe("pythonIsoformat", () => {
  it("renders like datetime.isoformat()", () => {
    expect(pythonIsoformat(at("2026-01-01T00:00:00Z"))).toBe("2026-01-01T00:00:00+00:00");
    expect(pythonIsoformat(at("2026-01-01T00:00:00.123Z"))).toBe("2026-01-01T00:00:00.123000+00:00");
    expect(pythonIsoformat(at("2026-01-01T05:00:00Z"), "America/New_York")).toBe("2026-01-01T00:00:00-05:00");
    expect(pythonIsoformat(at("2026-01-01T00:00:00Z"), "UTC", 330)).toBe("2026-01-01T05:30:00+05:30");
  });
});
