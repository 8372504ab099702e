import { describe, expect, it } from "vitest";
import { fromEntry, lineAsText, lineToken, parseLineToken, shortRunId } from "./log-line";
import { toMicros } from "./timestamps";

const entry = { timestamp: "2026-01-01T00:00:00.000250Z", instance_id: "run-1", level: "warning", message: "slow" };

describe("log lines", () => {
  it("keeps PostHog's timestamp, upper-cases the level and reads microseconds", () => {
    const line = fromEntry(entry);
    expect(line).toMatchObject({ timestamp: entry.timestamp, level: "WARNING", micros: toMicros(entry.timestamp), instanceId: "run-1" });
  });

  it("names a line in a permalink by its timestamp and a hash of the rest", () => {
    const line = fromEntry(entry);
    const token = lineToken(line);
    expect(token.startsWith(`${line.micros}-`)).toBe(true);
    expect(parseLineToken(token)).toEqual({ micros: line.micros, token });
    expect(lineToken({ ...line, message: "fast" })).not.toBe(token);
    expect(lineToken({ ...line, instanceId: "run-2" })).not.toBe(token);
  });

  it("refuses tokens it did not make", () => {
    expect(parseLineToken(null)).toBeNull();
    expect(parseLineToken("12-")).toBeNull();
    expect(parseLineToken("<script>-x")).toBeNull();
  });

  it("copies as timestamp, level, run and message separated by tabs", () => {
    expect(lineAsText({ timestamp: "2026-01-01T00:00:00Z", level: "INFO", instanceId: "", message: "hi" })).toBe("2026-01-01T00:00:00Z\tINFO\t-\thi");
  });
});

describe("shortRunId", () => {
  it("takes the random end of a time-ordered id, so runs of the same hour stay distinguishable", () => {
    expect(shortRunId("01a241e0-5727-7a52-9e04-b041fd3efbff")).toBe("fd3efbff");
    expect(shortRunId("01a241e0-5727-7a52-9e04-00000000abcd")).not.toBe(shortRunId("01a241e0-5727-7a52-9e04-b041fd3efbff"));
  });
});
