import { describe, expect, it } from "vitest";
import { filterQuery, filtersKey, hasFilters, normaliseLevels, readLogFilters, writeLogFilters } from "./log-filters";

describe("log filters in the URL", () => {
  it("reads level, search and run", () => {
    const filters = readLogFilters(new URLSearchParams("tab=logs&level=error,WARNING&search=time%20out&run=abc"));
    expect(filters).toEqual({ levels: ["WARNING", "ERROR"], search: "time out", runId: "abc" });
  });

  it("reads no filters as every line", () => {
    const filters = readLogFilters(new URLSearchParams("tab=logs"));
    expect(filters).toEqual({ levels: [], search: "", runId: null });
    expect(hasFilters(filters)).toBe(false);
  });

  it("ignores unknown levels, and reads every level picked as no level filter", () => {
    expect(normaliseLevels(["LOUD", "error", "ERROR"])).toEqual(["ERROR"]);
    expect(normaliseLevels(["DEBUG", "INFO", "WARNING", "ERROR"])).toEqual([]);
  });

  it("writes filters in, removes emptied ones and keeps other parameters", () => {
    const params = new URLSearchParams("tab=logs&search=old&line=1-a");
    const written = writeLogFilters(params, { levels: ["ERROR", "WARNING"], search: "", runId: "r1" });
    expect(written.toString()).toBe("tab=logs&line=1-a&level=WARNING%2CERROR&run=r1");
    expect(params.get("search")).toBe("old");
  });

  it("maps to PostHog's query parameters", () => {
    expect(filterQuery({ levels: ["ERROR"], search: "x", runId: "r1" })).toEqual({ level: "ERROR", search: "x", instance_id: "r1" });
    expect(filterQuery({ levels: [], search: "", runId: null })).toEqual({});
  });

  it("gives equal filters one key whatever their level order", () => {
    expect(filtersKey({ levels: ["ERROR", "INFO"], search: "", runId: null })).toBe(filtersKey({ levels: ["INFO", "ERROR"], search: "", runId: null }));
  });
});
