/**
 * `POST /_emulator/logs`: bulk log lines for one export, read back through PostHog's logs endpoint so the
 * rows are checked as a client sees them (timestamps, cycled levels and runs, ties from a fractional step).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness, type World } from "../test-support/http-harness";

let h: Harness;
let world: World;

async function newExport(name: string): Promise<string> {
  const teamId = world.teamIds[0]!;
  const r = await h.post(`/api/projects/${teamId}/batch_exports/`, await s3ExportBody(h, world, teamId, { name }), world.key);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

async function logs(exportId: string, query = "") {
  const r = await h.get(`/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/logs/?limit=500${query}`, world.key);
  expect(r.status).toBe(200);
  return r.body.results as Array<{ log_source_id: string; instance_id: string; timestamp: string; level: string; message: string }>;
}

beforeAll(async () => {
  h = await startHarness();
  world = await h.world();
});

afterAll(async () => {
  await h.close();
});

describe("POST /_emulator/logs", () => {
  it("inserts count lines at start + i × step_ms, cycling levels and runs", async () => {
    const exportId = await newExport("Bulk");
    const r = await h.control("POST", "logs", {
      batch_export_id: exportId,
      count: 6,
      start: "2026-01-15T10:00:00Z",
      step_ms: 1500,
      levels: ["info", "ERROR"],
      instance_ids: ["run-a", "run-b", "run-c"],
      message_prefix: 'said "hi", then ',
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ inserted: 6 });

    const lines = await logs(exportId);
    expect(lines).toEqual([
      { log_source_id: exportId, instance_id: "run-c", timestamp: "2026-01-15T10:00:07.500000Z", level: "ERROR", message: 'said "hi", then 5' },
      { log_source_id: exportId, instance_id: "run-b", timestamp: "2026-01-15T10:00:06Z", level: "INFO", message: 'said "hi", then 4' },
      { log_source_id: exportId, instance_id: "run-a", timestamp: "2026-01-15T10:00:04.500000Z", level: "ERROR", message: 'said "hi", then 3' },
      { log_source_id: exportId, instance_id: "run-c", timestamp: "2026-01-15T10:00:03Z", level: "INFO", message: 'said "hi", then 2' },
      { log_source_id: exportId, instance_id: "run-b", timestamp: "2026-01-15T10:00:01.500000Z", level: "ERROR", message: 'said "hi", then 1' },
      { log_source_id: exportId, instance_id: "run-a", timestamp: "2026-01-15T10:00:00Z", level: "INFO", message: 'said "hi", then 0' },
    ]);
    expect((await logs(exportId, "&level=ERROR")).map((l) => l.message)).toEqual([
      'said "hi", then 5',
      'said "hi", then 3',
      'said "hi", then 1',
    ]);
  });

  it("defaults to INFO lines one second apart that end just before now, with no run", async () => {
    const exportId = await newExport("Defaults");
    expect((await h.control("POST", "logs", { batch_export_id: exportId, count: 3 })).body).toEqual({ inserted: 3 });
    const lines = await logs(exportId);
    expect(lines.map((l) => [l.timestamp, l.level, l.instance_id, l.message])).toEqual([
      [new Date(T0 - 1000).toISOString().replace(".000Z", "Z"), "INFO", "", "Log line 2"],
      [new Date(T0 - 2000).toISOString().replace(".000Z", "Z"), "INFO", "", "Log line 1"],
      [new Date(T0 - 3000).toISOString().replace(".000Z", "Z"), "INFO", "", "Log line 0"],
    ]);
  });

  it("a fractional step makes lines share a timestamp", async () => {
    const exportId = await newExport("Ties");
    await h.control("POST", "logs", { batch_export_id: exportId, count: 1200, start: "2026-01-15T11:00:00Z", step_ms: 0.25 });
    const newest = await logs(exportId);
    expect(newest).toHaveLength(500);
    const perTimestamp = new Map<string, number>();
    for (const line of newest) perTimestamp.set(line.timestamp, (perTimestamp.get(line.timestamp) ?? 0) + 1);
    expect([...perTimestamp.values()].every((n) => n === 4)).toBe(true);
    expect(newest[0]!.timestamp).toBe("2026-01-15T11:00:00.299000Z");
  });

  it("takes the team from the export, so the export's project (and only it) sees the lines", async () => {
    const exportId = await newExport("Team");
    await h.control("POST", "logs", { batch_export_id: exportId, count: 2 });
    const row = h.running.emulator.db
      .prepare("SELECT DISTINCT team_id FROM log_entries WHERE log_source_id = ?")
      .all(exportId) as Array<{ team_id: number }>;
    expect(row).toEqual([{ team_id: world.teamIds[0] }]);
  });

  it("inserts 100,000 lines in one request, quickly", async () => {
    const exportId = await newExport("Large");
    const started = performance.now();
    const r = await h.control("POST", "logs", { batch_export_id: exportId, count: 100_000, step_ms: 10, levels: ["DEBUG", "INFO"] });
    expect(r.body).toEqual({ inserted: 100_000 });
    // One transaction with one prepared statement: a row-per-commit insert would take tens of seconds.
    expect(performance.now() - started).toBeLessThan(10_000);
    const counted = h.running.emulator.db.prepare("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ?").get(exportId) as { n: number };
    expect(counted.n).toBe(100_000);
  });

  it.each([
    [{ batch_export_id: undefined, count: 1 }, "batch_export_id", "This field is required."],
    [{ batch_export_id: "0190c3d4-0000-0000-0000-000000000000", count: 1 }, "batch_export_id", "Unknown batch export 0190c3d4-0000-0000-0000-000000000000"],
    [{ count: 0 }, "count", "count must be an integer from 1 to 1000000."],
    [{ count: 1.5 }, "count", "count must be an integer from 1 to 1000000."],
    [{ count: "10" }, "count", "count must be an integer from 1 to 1000000."],
    [{ count: 1, step_ms: -1 }, "step_ms", "step_ms must be a number >= 0."],
    [{ count: 1, start: "yesterday" }, "start", "start must be an ISO datetime."],
    [{ count: 1, levels: ["TRACE"] }, "levels", "levels must be DEBUG, INFO, WARNING or ERROR."],
    [{ count: 1, levels: [] }, "levels", "levels must be a non-empty list of strings."],
    [{ count: 1, instance_ids: "run-a" }, "instance_ids", "instance_ids must be a non-empty list of strings."],
  ])("refuses %j (400 on %s)", async (overrides, attr, detail) => {
    const exportId = await newExport("Refused");
    const r = await h.control("POST", "logs", { batch_export_id: exportId, ...overrides });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ type: "validation_error", attr, detail });
    const counted = h.running.emulator.db.prepare("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ?").get(exportId) as { n: number };
    expect(counted.n).toBe(0);
  });
});
