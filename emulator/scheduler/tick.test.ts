import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import type { RunRow } from "./rows";
import { at, insertExport, logsOf, settings, testDb } from "./test-fixtures";
import { tick } from "./tick";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function runsOf(db: ReturnType<typeof testDb>, exportId: string): RunRow[] {
  return db
    .prepare("SELECT * FROM batch_export_runs WHERE batch_export_id = ? ORDER BY data_interval_end")
    .all(exportId) as RunRow[];
}

describe("a scheduled run's lifecycle on a manual clock", () => {
  it("goes Starting → Running → Completed at its planned times, with log lines", () => {
    const db = testDb();
    const clock = new ManualClock(at("2026-01-01T00:10:00Z"));
    const exp = insertExport(db, { created_at: clock.now() });
    const s = settings();

    clock.set(at("2026-01-01T00:59:59Z"));
    expect(tick(db, clock.now(), s).runsScheduled).toBe(0);

    clock.set(at("2026-01-01T01:00:00Z"));
    expect(tick(db, clock.now(), s).runsScheduled).toBe(1);
    let [run] = runsOf(db, exp.id);
    expect(run).toMatchObject({ status: "Starting", backfill_id: null, records_completed: null, finished_at: null });
    expect(iso(run!.created_at)).toBe("2026-01-01T01:00:00.000Z");
    expect(iso(run!.data_interval_start)).toBe("2026-01-01T00:00:00.000Z");
    expect(iso(run!.data_interval_end)).toBe("2026-01-01T01:00:00.000Z");

    clock.advance(1000);
    tick(db, clock.now(), s);
    [run] = runsOf(db, exp.id);
    expect(run!.status).toBe("Running");
    expect(run!.records_total_count).toBe(run!.sim_records);
    expect(iso(run!.last_updated_at)).toBe("2026-01-01T01:00:01.000Z");

    clock.advance(5_999);
    tick(db, clock.now(), s);
    expect(runsOf(db, exp.id)[0]!.status).toBe("Running");

    clock.advance(1);
    tick(db, clock.now(), s);
    [run] = runsOf(db, exp.id);
    expect(run!.status).toBe("Completed");
    expect(iso(run!.finished_at)).toBe("2026-01-01T01:00:07.000Z");
    expect(iso(run!.last_updated_at)).toBe("2026-01-01T01:00:07.000Z");
    expect(run!.records_completed).toBe(run!.sim_records);
    expect(run!.records_completed).toBeGreaterThan(0);
    expect(run!.bytes_exported).toBeGreaterThan(0);
    expect(run!.latest_error).toBeNull();

    const range = "2026-01-01T00:00:00+00:00 - 2026-01-01T01:00:00+00:00";
    expect(logsOf(db, run!.id).map((l) => [iso(l.timestamp), l.level, l.message])).toEqual([
      ["2026-01-01T01:00:00.000Z", "DEBUG", `Starting batch export for range ${range}`],
      [
        "2026-01-01T01:00:01.000Z",
        "INFO",
        `Batch exporting range ${range} to S3: ph/2026-01-01T00:00:00+00:00-2026-01-01T01:00:00+00:00.jsonl`,
      ],
      [
        "2026-01-01T01:00:07.000Z",
        "INFO",
        `Batch export for range ${range} finished successfully with ${run!.records_completed} records exported`,
      ],
    ]);
    expect(logsOf(db, run!.id).every((l) => l.log_source_id === exp.id && l.team_id === exp.team_id)).toBe(true);
  });

  it("stamps the timeline at planned times when the clock jumps", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:10:00Z") });
    tick(db, at("2026-01-01T01:30:00Z"), settings());
    const [run] = runsOf(db, exp.id);
    expect(run!.status).toBe("Completed");
    expect(iso(run!.created_at)).toBe("2026-01-01T01:00:00.000Z");
    expect(iso(run!.finished_at)).toBe("2026-01-01T01:00:07.000Z");
    expect(logsOf(db, run!.id).map((l) => iso(l.timestamp))).toEqual([
      "2026-01-01T01:00:00.000Z",
      "2026-01-01T01:00:01.000Z",
      "2026-01-01T01:00:07.000Z",
    ]);
  });
});

describe("failure rate", () => {
  it("0 never fails", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z"), interval: "every 5 minutes" });
    const s = settings({ failureRate: 0, maxCatchUpIntervals: 100 });
    tick(db, at("2026-01-01T05:00:30Z"), s);
    const runs = runsOf(db, exp.id);
    expect(runs).toHaveLength(60);
    expect(runs.every((r) => r.status === "Completed")).toBe(true);
  });

  it("1 always fails, with a destination-specific error and ERROR log", () => {
    const db = testDb();
    const exp = insertExport(db, {
      created_at: at("2026-01-01T00:00:00Z"),
      destination_type: "Postgres",
      destination_config: JSON.stringify({ host: "pg.example.com", database: "analytics", schema: "posthog", port: 5432 }),
    });
    const s = settings({ failureRate: 1, maxCatchUpIntervals: 10 });
    tick(db, at("2026-01-01T05:00:30Z"), s);
    const runs = runsOf(db, exp.id);
    expect(runs).toHaveLength(5);
    for (const run of runs) {
      expect(run.status).toBe("Failed");
      expect(run.records_completed).toBeNull();
      expect(run.finished_at).toBe(run.sim_finish_at);
      expect(run.latest_error).toMatch(/Connection refused|permission denied for schema posthog|password authentication failed/);
      const logs = logsOf(db, run.id);
      expect(logs.map((l) => l.level)).toEqual(["DEBUG", "INFO", "WARNING", "ERROR"]);
      expect(logs[1]!.message).toMatch(/ to PostgreSQL: analytics\.posthog\.events$/);
      expect(logs[3]!.message).toBe(
        `Batch export for range ${logs[3]!.message.match(/range (.*?) failed/)![1]} failed with a non-recoverable error: ${run.latest_error}`,
      );
    }
  });
});

describe("scheduling rules", () => {
  it("respects start_at and end_at", () => {
    const db = testDb();
    const exp = insertExport(db, {
      created_at: at("2026-01-01T00:00:00Z"),
      start_at: at("2026-01-01T02:00:00Z"),
      end_at: at("2026-01-01T05:00:00Z"),
    });
    const s = settings({ maxCatchUpIntervals: 100 });
    for (let h = 1; h <= 8; h++) tick(db, at(`2026-01-01T0${h}:00:00Z`), s);
    expect(runsOf(db, exp.id).map((r) => iso(r.data_interval_end))).toEqual([
      "2026-01-01T03:00:00.000Z",
      "2026-01-01T04:00:00.000Z",
      "2026-01-01T05:00:00.000Z",
    ]);
  });

  it("gives paused and deleted exports no runs, and unpausing does not replay the pause", () => {
    const db = testDb();
    const paused = insertExport(db, { created_at: at("2026-01-01T00:00:00Z"), paused: 1 });
    const deleted = insertExport(db, { created_at: at("2026-01-01T00:00:00Z"), deleted: 1 });
    const s = settings({ maxCatchUpIntervals: 100 });
    for (let h = 1; h <= 5; h++) tick(db, at(`2026-01-01T0${h}:00:30Z`), s);
    expect(runsOf(db, paused.id)).toHaveLength(0);
    expect(runsOf(db, deleted.id)).toHaveLength(0);

    db.prepare("UPDATE batch_exports SET paused = 0 WHERE id = ?").run(paused.id);
    tick(db, at("2026-01-01T05:10:00Z"), s);
    expect(runsOf(db, paused.id)).toHaveLength(0);
    tick(db, at("2026-01-01T06:00:00Z"), s);
    expect(runsOf(db, paused.id).map((r) => iso(r.data_interval_end))).toEqual(["2026-01-01T06:00:00.000Z"]);
  });

  it("caps catch-up after a long downtime to the most recent intervals", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z") });
    tick(db, at("2026-01-01T10:30:00Z"), settings({ maxCatchUpIntervals: 3 }));
    const runs = runsOf(db, exp.id);
    expect(runs.map((r) => iso(r.data_interval_end))).toEqual([
      "2026-01-01T08:00:00.000Z",
      "2026-01-01T09:00:00.000Z",
      "2026-01-01T10:00:00.000Z",
    ]);
    expect(runs.every((r) => r.status === "Completed")).toBe(true);
    // Nothing is scheduled twice.
    expect(tick(db, at("2026-01-01T10:31:00Z"), settings()).runsScheduled).toBe(0);
  });

  it("schedules daily runs in the export's timezone across a DST change", () => {
    const db = testDb();
    const exp = insertExport(db, {
      created_at: at("2026-03-07T00:00:00Z"),
      interval: "day",
      timezone: "America/New_York",
      interval_offset: null,
    });
    tick(db, at("2026-03-10T12:00:00Z"), settings({ maxCatchUpIntervals: 10 }));
    expect(runsOf(db, exp.id).map((r) => [iso(r.data_interval_start), iso(r.data_interval_end)])).toEqual([
      ["2026-03-06T05:00:00.000Z", "2026-03-07T05:00:00.000Z"],
      ["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z"],
      ["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"],
      ["2026-03-09T04:00:00.000Z", "2026-03-10T04:00:00.000Z"],
    ]);
  });
});
