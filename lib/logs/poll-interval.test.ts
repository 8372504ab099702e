import { describe, expect, it } from "vitest";
import { configuredPollMs } from "./poll-interval";

describe("configuredPollMs", () => {
  it("uses NEXT_PUBLIC_LOG_POLL_MS when it is a sane number, else 2 s", () => {
    expect(configuredPollMs(undefined)).toBe(2000);
    expect(configuredPollMs("250")).toBe(250);
    expect(configuredPollMs("0")).toBe(2000);
    expect(configuredPollMs("fast")).toBe(2000);
  });
});
