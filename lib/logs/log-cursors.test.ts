import { describe, expect, it } from "vitest";
import { bounds, BOUND_STEP_MICROS, continueBelow, inclusiveBefore, LATE_LINE_WINDOW_MICROS, pollAfter } from "./log-cursors";
import { at } from "./log-test-server";

describe("poll bounds", () => {
  it("asks for everything when nothing is held", () => {
    expect(pollAfter(null)).toBeUndefined();
  });

  it("looks again below the newest line, so lines tying with it (exclusive `after`) and late ones are not lost", () => {
    expect(pollAfter(at(10_000))).toBe(at(10_000) - LATE_LINE_WINDOW_MICROS);
    expect(pollAfter(at(10_000), 1)).toBe(at(10_000) - 1);
  });
});

describe("paging down", () => {
  it("includes the lines at a timestamp despite the exclusive `before`", () => {
    expect(inclusiveBefore(at(5))).toBe(at(5) + BOUND_STEP_MICROS);
  });

  it("continues from just above a full page's oldest line", () => {
    expect(continueBelow(at(5), undefined)).toEqual({ before: at(5) + BOUND_STEP_MICROS, crowded: false });
    expect(continueBelow(at(5), at(9))).toEqual({ before: at(5) + BOUND_STEP_MICROS, crowded: false });
  });

  it("steps past a timestamp when a whole page shares one step (the bound would not move)", () => {
    expect(continueBelow(at(5), at(5) + BOUND_STEP_MICROS)).toEqual({ before: at(5), crowded: true });
    expect(continueBelow(at(5, 300), at(5) + BOUND_STEP_MICROS)).toEqual({ before: at(5, 300), crowded: true });
  });
});

describe("bounds", () => {
  it("writes microsecond ISO bounds and leaves absent ones out", () => {
    expect(bounds(at(0, 7), undefined, 500)).toEqual({ limit: 500, after: "2026-01-01T00:00:00.000007Z" });
    expect(bounds(undefined, at(1), 10)).toEqual({ limit: 10, before: "2026-01-01T00:00:00.001000Z" });
  });
});
