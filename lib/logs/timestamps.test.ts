import { describe, expect, it } from "vitest";
import { formatMicros, toMicros } from "./timestamps";

describe("toMicros", () => {
  it("keeps the microseconds Date would drop", () => {
    expect(toMicros("2026-01-01T00:00:00.123456Z") - toMicros("2026-01-01T00:00:00.123455Z")).toBe(1);
  });

  it("reads Z, +00:00, other offsets and missing decimals alike", () => {
    const base = Date.UTC(2026, 0, 1) * 1000;
    expect(toMicros("2026-01-01T00:00:00Z")).toBe(base);
    expect(toMicros("2026-01-01T00:00:00+00:00")).toBe(base);
    expect(toMicros("2026-01-01T01:00:00.5+01:00")).toBe(base + 500_000);
    expect(toMicros("2026-01-01T01:00:00+0100")).toBe(base);
    expect(toMicros("2026-01-01T00:00:00.123Z")).toBe(base + 123_000);
  });

  it("refuses what is not a datetime", () => {
    expect(() => toMicros("yesterday")).toThrow(RangeError);
  });
});

describe("formatMicros", () => {
  it("writes six decimals and reads back to the same value", () => {
    const micros = toMicros("2026-03-04T05:06:07.000089Z");
    expect(formatMicros(micros)).toBe("2026-03-04T05:06:07.000089Z");
    expect(toMicros(formatMicros(micros - 1))).toBe(micros - 1);
  });
});
