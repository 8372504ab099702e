import { describe, expect, it } from "vitest";
import type { BatchExport } from "@/lib/posthog";
import { applyFleetFilters, readFleetFilters, writeFleetFilters } from "./fleet-filters";

const now = Date.parse("2026-01-10T00:00:00Z");

function exportOf(name: string, type: string, teamId: number, options: Partial<BatchExport> = {}): BatchExport {
  return { name, team_id: teamId, destination: { type }, paused: false, end_at: null, interval: "hour", latest_runs: [], ...options } as unknown as BatchExport;
}

const fleet = [
  exportOf("Events to S3", "AwsS3", 1),
  exportOf("Persons to Postgres", "Postgres", 2, { paused: true }),
  exportOf("Old HTTP", "HTTP", 1, { end_at: "2026-01-01T00:00:00Z" }),
];
const names = (list: BatchExport[]) => list.map((e) => e.name);
const project = (id: number) => (id === 1 ? "Web" : "Mobile");

describe("fleet filters", () => {
  it("round-trips through the URL and leaves defaults out", () => {
    const filters = readFleetFilters(new URLSearchParams("q=s3&status=Paused,Ended&destination=AwsS3&project=1,2&sort=failures&dir=desc"));
    expect(filters).toEqual({
      search: "s3",
      states: ["Paused", "Ended"],
      destinations: ["AwsS3"],
      projects: [1, 2],
      sort: "failures",
      descending: true,
    });
    expect(writeFleetFilters(filters).toString()).toBe("q=s3&status=Paused%2CEnded&destination=AwsS3&project=1%2C2&sort=failures&dir=desc");
    expect(writeFleetFilters(readFleetFilters(new URLSearchParams(""))).toString()).toBe("");
  });

  it("ignores values it does not know instead of failing", () => {
    const filters = readFleetFilters(new URLSearchParams("status=Sleeping,Active&sort=nonsense&project=x,3"));
    expect(filters.states).toEqual(["Active"]);
    expect(filters.sort).toBe("name");
    expect(filters.projects).toEqual([3]);
  });

  it("filters by status, destination, project and search together", () => {
    const base = readFleetFilters(new URLSearchParams(""));
    expect(names(applyFleetFilters(fleet, { ...base, states: ["Ended"] }, now, project))).toEqual(["Old HTTP"]);
    expect(names(applyFleetFilters(fleet, { ...base, states: ["Paused"] }, now, project))).toEqual(["Persons to Postgres"]);
    expect(names(applyFleetFilters(fleet, { ...base, projects: [1], search: "s3" }, now, project))).toEqual(["Events to S3"]);
    expect(names(applyFleetFilters(fleet, { ...base, destinations: ["Postgres", "HTTP"] }, now, project))).toEqual([
      "Old HTTP",
      "Persons to Postgres",
    ]);
  });

  it("sorts by project name, descending when asked", () => {
    const base = readFleetFilters(new URLSearchParams("sort=project&dir=desc"));
    expect(names(applyFleetFilters(fleet, base, now, project))).toEqual(["Events to S3", "Old HTTP", "Persons to Postgres"]);
  });
});
