import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../http/api-error";
import { parseBackfillRequest, pyStr, workflowIdFor, type BackfillRequestContext } from "./backfill-rules";
import type { Schedule } from "./intervals";

const NOW = Date.parse("2026-02-01T12:00:00Z");

function ctx(overrides: Partial<BackfillRequestContext> = {}, schedule: Partial<Schedule> = {}): BackfillRequestContext {
  return {
    schedule: { interval: "hour", timezone: "UTC", intervalOffsetSeconds: null, ...schedule },
    offsetDay: null,
    offsetHour: null,
    now: NOW,
    teamFlags: new Set(),
    style: "new",
    activeBackfills: () => 0,
    maxConcurrentBackfills: 5,
    ...overrides,
  };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

function expect400(fn: () => unknown, detail: string): void {
  const e = errorOf(fn);
  expect(e.status).toBe(400);
  expect(e.body).toEqual({ type: "validation_error", code: "invalid_input", detail, attr: null });
}

const daily = (offsetHour = 0, timezone = "UTC") =>
  ctx({ offsetHour }, { interval: "day", timezone, intervalOffsetSeconds: offsetHour * 3600 });
const weekly = (offsetDay: number, offsetHour = 0, timezone = "UTC") =>
  ctx({ offsetDay, offsetHour }, { interval: "week", timezone, intervalOffsetSeconds: offsetDay * 86400 + offsetHour * 3600 });

describe("step 2: backfilling from the beginning of time", () => {
  it("needs the batch-export-earliest-backfill flag", () => {
    expect400(
      () => parseBackfillRequest({ end_at: "2026-01-02T00:00:00Z" }, ctx()),
      "Backfilling from the beginning of time is not enabled for this team.",
    );
    expect400(
      () => parseBackfillRequest({ start_at: null, end_at: "2026-01-02T00:00:00Z" }, ctx()),
      "Backfilling from the beginning of time is not enabled for this team.",
    );
  });

  it("is accepted with the flag, and skips the ordering checks", () => {
    const flags = new Set(["batch-export-earliest-backfill"]);
    expect(parseBackfillRequest({ end_at: "2099-01-02T00:00:00Z" }, ctx({ teamFlags: flags }))).toEqual({
      startMs: null,
      endMs: Date.parse("2099-01-02T00:00:00Z"),
    });
    expect(parseBackfillRequest({}, ctx({ teamFlags: flags }))).toEqual({ startMs: null, endMs: null });
  });

  it("comes before the concurrency check", () => {
    const active = vi.fn(() => 99);
    expect400(
      () => parseBackfillRequest({}, ctx({ activeBackfills: active })),
      "Backfilling from the beginning of time is not enabled for this team.",
    );
    expect(active).not.toHaveBeenCalled();
  });
});

describe("step 3: concurrency limit", () => {
  it("answers 429 with PostHog's custom exception body", () => {
    const e = errorOf(() =>
      parseBackfillRequest({ start_at: "nonsense", end_at: "nonsense" }, ctx({ activeBackfills: () => 2, maxConcurrentBackfills: 2 })),
    );
    expect(e.status).toBe(429);
    expect(e.body).toEqual({
      type: "server_error",
      code: "too_many_concurrent_backfills",
      detail:
        "This team already has 2 batch export backfills running. Wait for some to finish or cancel them before creating more.",
      attr: null,
    });
  });

  it("allows the request below the limit", () => {
    const bounds = parseBackfillRequest(
      { start_at: "2026-01-01T00:00:00Z", end_at: "2026-01-01T05:00:00Z" },
      ctx({ activeBackfills: () => 1, maxConcurrentBackfills: 2 }),
    );
    expect(bounds).toEqual({ startMs: Date.parse("2026-01-01T00:00:00Z"), endMs: Date.parse("2026-01-01T05:00:00Z") });
  });
});

describe("step 4: parsing (hourly and sub-hourly)", () => {
  it("rejects text that is not ISO, start before end", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "yesterday", end_at: "nope" }, ctx()),
      "Input yesterday is not a valid ISO formatted datetime.",
    );
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01T00:00:00Z", end_at: "nope" }, ctx()),
      "Input nope is not a valid ISO formatted datetime.",
    );
  });

  it("rejects naive datetimes (and bare dates)", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01T00:00:00", end_at: "2026-01-02T00:00:00Z" }, ctx()),
      "Input 2026-01-01T00:00:00 is naive.",
    );
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01", end_at: "2026-01-02T00:00:00Z" }, ctx()),
      "Input 2026-01-01 is naive.",
    );
  });

  it("renders non-string input like Python's str()", () => {
    expect400(() => parseBackfillRequest({ start_at: 5, end_at: 6 }, ctx()), "Input 5 is not a valid ISO formatted datetime.");
    expect400(() => parseBackfillRequest({ start_at: true }, ctx()), "Input True is not a valid ISO formatted datetime.");
    expect(pyStr(["a", 1.5, null])).toBe("['a', 1.5, None]");
  });

  it("accepts offsets", () => {
    const bounds = parseBackfillRequest(
      { start_at: "2026-01-01T05:30:00+05:30", end_at: "2026-01-01T01:00:00Z" },
      ctx({ schedule: { interval: "every 5 minutes", timezone: "UTC", intervalOffsetSeconds: null } }),
    );
    expect(bounds.startMs).toBe(Date.parse("2026-01-01T00:00:00Z"));
  });
});

describe("step 4: parsing (daily and weekly)", () => {
  it("wants a date, with a specific message when a time was included", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01T00:00:00Z", end_at: "2026-01-02" }, daily()),
      "Input '2026-01-01T00:00:00Z' is not a valid ISO formatted date. Daily or weekly batch export backfills expect only the date component, but a time was included.",
    );
    expect400(
      () => parseBackfillRequest({ start_at: "01/01/2026", end_at: "2026-01-02" }, daily()),
      "Input '01/01/2026' is not a valid ISO formatted date.",
    );
    expect400(
      () => parseBackfillRequest({ start_at: true, end_at: "2026-01-02" }, daily()),
      "Input 'True' is not a valid ISO formatted date.",
    );
  });

  it("checks the weekday of weekly inputs against offset_day", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-04", end_at: "2026-01-12" }, weekly(1)),
      "Input 2026-01-04 is not on the correct day of the week for this batch export. 2026-01-04 is a Sunday but this batch export is configured to run weekly on Monday.",
    );
    expect(parseBackfillRequest({ start_at: "2026-01-05", end_at: "2026-01-12" }, weekly(1, 2, "Europe/Berlin"))).toEqual({
      startMs: Date.parse("2026-01-05T01:00:00Z"),
      endMs: Date.parse("2026-01-12T01:00:00Z"),
    });
  });

  it("combines dates with offset_hour in the export's timezone", () => {
    expect(parseBackfillRequest({ start_at: "2026-01-10", end_at: "2026-01-12" }, daily(2, "America/New_York"))).toEqual({
      startMs: Date.parse("2026-01-10T07:00:00Z"),
      endMs: Date.parse("2026-01-12T07:00:00Z"),
    });
  });
});

describe("steps 5-7: bounds", () => {
  it("lets an open-ended backfill through without further checks", () => {
    expect(parseBackfillRequest({ start_at: "2099-01-01T00:00:00Z" }, ctx())).toEqual({
      startMs: Date.parse("2099-01-01T00:00:00Z"),
      endMs: null,
    });
  });

  it("wants start_at strictly before end_at", () => {
    const msg = "The initial backfill datetime 'start_at' must be before 'end_at'";
    expect400(() => parseBackfillRequest({ start_at: "2026-01-02T00:00:00Z", end_at: "2026-01-01T00:00:00Z" }, ctx()), msg);
    expect400(() => parseBackfillRequest({ start_at: "2026-01-01T00:00:00Z", end_at: "2026-01-01T00:00:00Z" }, ctx()), msg);
  });

  it("checks ordering before the future (a future start with a past end fails on ordering)", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2099-01-01T00:00:00Z", end_at: "2026-01-01T00:00:00Z" }, ctx()),
      "The initial backfill datetime 'start_at' must be before 'end_at'",
    );
  });

  it("rejects an end_at in the future, rendered with Python's isoformat in the input's offset", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01T00:00:00Z", end_at: "2099-01-01T00:00:00Z" }, ctx()),
      "The provided 'end_at' (2099-01-01T00:00:00+00:00) is in the future",
    );
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01T00:00:00Z", end_at: "2099-01-01T00:00:00.5+05:30" }, ctx()),
      "The provided 'end_at' (2099-01-01T00:00:00.500000+05:30) is in the future",
    );
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01", end_at: "2099-01-01" }, daily(0, "America/New_York")),
      "The provided 'end_at' (2099-01-01T00:00:00-05:00) is in the future",
    );
  });

  it("accepts an end_at equal to now", () => {
    expect(parseBackfillRequest({ start_at: "2026-02-01T11:00:00Z", end_at: "2026-02-01T12:00:00Z" }, ctx()).endMs).toBe(NOW);
  });
});

describe("old style (deprecated POST .../backfill/)", () => {
  const old = (overrides: Partial<BackfillRequestContext> = {}) => ctx({ style: "old", ...overrides });

  it("has no flag or concurrency checks", () => {
    expect(parseBackfillRequest({ end_at: "2026-01-02T00:00:00Z" }, old({ activeBackfills: () => 50 }))).toEqual({
      startMs: null,
      endMs: Date.parse("2026-01-02T00:00:00Z"),
    });
  });

  it("always wants tz-aware datetimes, even for daily exports", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-01", end_at: "2026-01-02" }, old({ schedule: { interval: "day", timezone: "UTC", intervalOffsetSeconds: null } })),
      "Input 2026-01-01 is naive.",
    );
  });

  it("uses the old ordering message and the team timezone for the future message", () => {
    expect400(
      () => parseBackfillRequest({ start_at: "2026-01-02T00:00:00Z", end_at: "2026-01-01T00:00:00Z" }, old()),
      "The initial backfill datetime 'start_at' happens after 'end_at'",
    );
    expect400(
      () =>
        parseBackfillRequest(
          { start_at: "2026-01-01T00:00:00Z", end_at: "2099-01-01T00:00:00Z" },
          old({ teamTimezone: "Asia/Kolkata" }),
        ),
      "The provided 'end_at' (2099-01-01T05:30:00+05:30) is in the future",
    );
  });
});

describe("workflowIdFor", () => {
  it("uses UTC isoformat and START/END", () => {
    expect(workflowIdFor("abc", Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-02T00:00:00Z"))).toBe(
      "abc-Backfill-2026-01-01T00:00:00+00:00-2026-01-02T00:00:00+00:00",
    );
    expect(workflowIdFor("abc", null, null)).toBe("abc-Backfill-START-END");
  });
});
