import { describe, expect, it } from "vitest";
import { formatLogTime, zoneName } from "./format-log-time";
import { toMicros } from "./timestamps";

describe("formatLogTime", () => {
  const micros = toMicros("2026-01-05T13:04:05.123456Z");

  it("shows UTC with milliseconds, fixed width", () => {
    expect(formatLogTime(micros, "utc")).toBe("2026-01-05 13:04:05.123");
    expect(formatLogTime(toMicros("2026-01-05T13:04:05Z"), "utc")).toBe("2026-01-05 13:04:05.000");
  });

  it("shows local time in the same shape", () => {
    const local = formatLogTime(micros, "local");
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.123$/);
    const date = new Date(Math.floor(micros / 1000));
    expect(local.slice(11, 13)).toBe(String(date.getHours()).padStart(2, "0"));
  });

  it("names the zone", () => {
    expect(zoneName("utc")).toBe("UTC");
    expect(zoneName("local")).not.toBe("");
  });
});
