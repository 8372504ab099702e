import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes";
import { formatDuration } from "./format-duration";

describe("formatBytes", () => {
  it.each([
    [null, "—"],
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1 kB"],
    [1536, "1.5 kB"],
    [123_456_789, "123 MB"],
    [5_200_000_000, "5.2 GB"],
  ])("%s → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("formatDuration", () => {
  it.each([
    [-1, "—"],
    [4_200, "4s"],
    [185_000, "3m 05s"],
    [7_440_000, "2h 04m"],
    [266_400_000, "3d 2h"],
    [86_400_000, "1d"],
    [1_800_000, "30m"],
  ])("%s ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
