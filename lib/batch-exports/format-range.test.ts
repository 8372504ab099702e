import { describe, expect, it } from "vitest";
import { formatInstant, formatRange } from "./format-range";

describe("formatRange", () => {
  it("writes both bounds in the export's timezone, the end's date only when it differs", () => {
    expect(formatRange("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "Europe/Berlin")).toBe("Jan 1, 2026, 10:00 → 11:00");
    expect(formatRange("2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "Europe/Berlin")).toBe("Jan 1, 2026, 23:00 → Jan 2, 2026, 00:00");
    expect(formatRange("2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "UTC")).toBe("Jan 1, 2026, 22:00 → 23:00");
  });

  it("names open bounds as PostHog does", () => {
    expect(formatRange(null, null, "UTC")).toBe("Beginning of time → Until present");
    expect(formatRange(null, "2026-01-01T10:00:00Z", "UTC")).toBe("Beginning of time → Jan 1, 2026, 10:00");
    expect(formatInstant(null, "UTC")).toBe("—");
  });
});
