import { describe, expect, it } from "vitest";
import type { RunRow } from "./rows";
import { seedHistory } from "./seed-history";
import { at, insertExport, settings, testDb } from "./test-fixtures";
import { tick } from "./tick";

describe("seedHistory", () => {
  it("writes a week of finished hourly runs with logs, and the scheduler carries on from there", () => {
    const db = testDb();
    const now = at("2026-01-08T00:30:00Z");
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z") });
    const s = settings({ failureRate: 0.1 });

    const count = seedHistory(db, exp, exp.created_at, now, s);
    expect(count).toBe(168);
    const runs = db.prepare("SELECT * FROM batch_export_runs ORDER BY data_interval_end").all() as RunRow[];
    expect(runs).toHaveLength(168);
    expect(runs.every((r) => r.status === "Completed" || r.status === "Failed")).toBe(true);
    const failed = runs.filter((r) => r.status === "Failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(60);
    expect(failed.every((r) => r.latest_error !== null && r.records_completed === null)).toBe(true);
    expect(runs.every((r) => r.finished_at !== null && r.finished_at <= now)).toBe(true);

    const logs = (db.prepare("SELECT COUNT(*) AS n FROM log_entries").get() as { n: number }).n;
    expect(logs).toBe(168 * 3 + failed.length);

    expect(tick(db, now, s).runsScheduled).toBe(0);
    expect(tick(db, at("2026-01-08T01:00:00Z"), s).runsScheduled).toBe(1);
  });

  it("is fast for a month of 5-minute runs", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z"), interval: "every 5 minutes" });
    const started = performance.now();
    const count = seedHistory(db, exp, exp.created_at, at("2026-01-31T00:00:00Z"), settings());
    expect(count).toBe(30 * 288 - 1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
