import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness, type World } from "../test-support/http-harness";

/**
 * A restart loses nothing: an emulator on a SQLite file is filled through the API, stopped, and a new
 * one on the same file (at the same clock time) answers every read exactly as before, then carries on.
 */
const HOUR = 3_600_000;
/**
 * Backfill runs of two minutes let the clock advance in one-minute steps (see the control API's clock),
 * which keeps hours of simulated time on a file database quick.
 */
const SIMULATION = { failureRate: 0, backfillRunSeconds: 120 };
let dir: string;
let dbFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-persistence-"));
  dbFile = join(dir, "emulator.sqlite");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Fixture {
  world: World;
  memberKey: string;
  readOnlyKey: string;
  secondOrganizationId: string;
  teamId: number;
  activeId: string;
  pausedId: string;
  backfillId: string;
}

interface ExportBody {
  name: string;
  paused: boolean;
  last_paused_at: string | null;
  destination: { config: Record<string, unknown> };
  latest_runs: unknown[];
}

async function stop(h: Harness): Promise<void> {
  await h.close();
  h.running.emulator.db.close();
}

/** Every read the fixture allows, keyed by what was asked. */
async function snapshot(h: Harness, f: Fixture): Promise<Record<string, { status: number; body: unknown }>> {
  const p = `/api/projects/${f.teamId}/batch_exports`;
  const reads: Array<[string, string]> = [
    ["organizations", "/api/organizations/"],
    ["organization", `/api/organizations/${f.world.organizationId}/`],
    ["second organization", `/api/organizations/${f.secondOrganizationId}/`],
    ["current organization", "/api/organizations/@current/"],
    ["exports", `${p}/`],
    ["organization exports", `/api/organizations/${f.world.organizationId}/batch_exports/`],
    ["active export", `${p}/${f.activeId}/`],
    ["paused export", `${p}/${f.pausedId}/`],
    ["active runs", `${p}/${f.activeId}/runs/`],
    ["paused runs", `${p}/${f.pausedId}/runs/`],
    ["runs by interval", `${p}/${f.activeId}/runs/?ordering=data_interval_start`],
    ["backfills", `${p}/${f.activeId}/backfills/`],
    ["backfill", `${p}/${f.activeId}/backfills/${f.backfillId}/`],
    ["logs", `${p}/${f.activeId}/logs/?limit=500`],
    ["integrations", `/api/environments/${f.teamId}/integrations/`],
  ];
  const out: Record<string, { status: number; body: unknown }> = {};
  for (const [name, path] of reads) {
    const res = await h.get(path, f.world.key);
    out[name] = { status: res.status, body: res.body };
  }
  const member = await h.get(`/api/organizations/${f.world.organizationId}/`, f.memberKey);
  out["as member"] = { status: member.status, body: member.body };
  const readOnly = await h.get(`${p}/`, f.readOnlyKey);
  out["read-only key"] = { status: readOnly.status, body: readOnly.body };
  const readOnlyWrite = await h.post(`${p}/${f.activeId}/pause/`, undefined, f.readOnlyKey);
  out["read-only key writing"] = { status: readOnlyWrite.status, body: readOnlyWrite.body };
  return out;
}

describe("restarting on the same SQLite file", () => {
  let fixture: Fixture;
  let before: Record<string, { status: number; body: unknown }>;
  let stoppedAt: number;

  it("fills a file-backed emulator through the API, in WAL mode", async () => {
    const h = await startHarness({ dbFile, simulation: SIMULATION });
    try {
      expect(h.running.emulator.db.pragma("journal_mode", { simple: true })).toBe("wal");
      const world = await h.world({ organization: "Persisted", projects: ["Main", "Side"] });
      const teamId = world.teamIds[0]!;
      const p = `/api/projects/${teamId}/batch_exports`;

      const member = await h.control("POST", "users", {
        email: "member@example.com",
        memberships: [{ organization_id: world.organizationId, level: 1 }],
      });
      const memberKey = (await h.control("POST", "keys", { user_id: member.body.id })).body.key as string;
      const readOnlyKey = (await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:read"] })).body
        .key as string;
      const second = await h.post("/api/organizations/", { name: "Second org", enforce_2fa: true }, world.key);
      expect(second.status).toBe(201);

      const active = await h.post(`${p}/`, await s3ExportBody(h, world, teamId, { name: "Hourly to S3" }), world.key);
      expect(active.status).toBe(201);
      const paused = await h.post(
        `${p}/`,
        await s3ExportBody(h, world, teamId, {
          name: "Daily, paused",
          interval: "day",
          offset_hour: 3,
          timezone: "Europe/Berlin",
          destination: {
            type: "AwsS3",
            integration: (await h.get(`/api/environments/${teamId}/integrations/`, world.key)).body.results[0].id,
            config: { bucket_name: "kept", region: "eu-west-1", prefix: "daily/", file_format: "Parquet", compression: "zstd" },
          },
        }),
        world.key,
      );
      expect(paused.status).toBe(201);
      await h.advance(HOUR / 1000);
      expect((await h.post(`${p}/${paused.body.id}/pause/`, undefined, world.key)).body).toEqual({ paused: true });
      const renamed = await h.patch(`${p}/${active.body.id}/`, { name: "Hourly to S3 (renamed)", destination: { type: "AwsS3", config: { prefix: "renamed/" } } }, world.key);
      expect(renamed.status).toBe(200);

      // Three hours of scheduled runs and their logs.
      await h.advance((3 * HOUR) / 1000);
      const backfill = await h.post(
        `${p}/${active.body.id}/backfills/`,
        { start_at: "2026-01-14T00:00:00Z", end_at: "2026-01-14T04:00:00Z" },
        world.key,
      );
      expect(backfill.status).toBe(201);
      await h.advance(60);

      fixture = {
        world,
        memberKey,
        readOnlyKey,
        secondOrganizationId: second.body.id,
        teamId,
        activeId: active.body.id,
        pausedId: paused.body.id,
        backfillId: backfill.body.backfill_id,
      };
      before = await snapshot(h, fixture);
      stoppedAt = h.running.emulator.clock.now();
    } finally {
      await stop(h);
    }

    // What is worth comparing after the restart must exist.
    const runs = before["active runs"]!.body as { results: Array<{ status: string; backfill: string | null }> };
    expect(runs.results.filter((r) => r.backfill === null).length).toBeGreaterThanOrEqual(3);
    expect(runs.results.some((r) => r.backfill === fixture.backfillId)).toBe(true);
    expect((before["logs"]!.body as { count: number }).count).toBeGreaterThan(0);
    expect(before["organizations"]!.body).toMatchObject({ count: 2 });
    expect(before["paused export"]!.body).toMatchObject({ paused: true, interval: "day", offset_hour: 3, timezone: "Europe/Berlin" });
    expect(before["read-only key writing"]!.status).toBe(403);
  });

  it("answers every read the same after a restart at the same clock time", async () => {
    expect(existsSync(dbFile)).toBe(true);
    const h = await startHarness({ dbFile, manualClockAt: stoppedAt, simulation: SIMULATION });
    try {
      expect(h.running.emulator.clock.now()).toBe(stoppedAt);
      const after = await snapshot(h, fixture);
      for (const name of Object.keys(before)) {
        expect(after[name], name).toEqual(before[name]);
        if (name === "read-only key writing") expect(after[name]!.status).toBe(403);
        else expect(after[name]!.status, name).toBe(200);
      }
      // Spot checks that the snapshot holds what the restart had to keep.
      const paused = after["paused export"]!.body as ExportBody;
      expect(paused.paused).toBe(true);
      expect(paused.last_paused_at).toBe(new Date(T0 + HOUR).toISOString().replace(".000Z", "Z"));
      expect(paused.destination.config).toEqual(
        expect.objectContaining({ bucket_name: "kept", region: "eu-west-1", prefix: "daily/", file_format: "Parquet", compression: "zstd" }),
      );
      const active = after["active export"]!.body as ExportBody;
      expect(active.name).toBe("Hourly to S3 (renamed)");
      expect(active.destination.config.prefix).toBe("renamed/");
      expect(active.latest_runs.length).toBeGreaterThan(0);
      expect((after["backfill"]!.body as Record<string, unknown>).id).toBe(fixture.backfillId);
      expect((after["second organization"]!.body as Record<string, unknown>).enforce_2fa).toBe(true);
      expect((after["as member"]!.body as Record<string, unknown>).membership_level).toBe(1);
    } finally {
      await stop(h);
    }
  });

  it("carries on from where it stopped when restarted later", async () => {
    const later = stoppedAt + 2 * HOUR;
    const h = await startHarness({ dbFile, manualClockAt: later, simulation: SIMULATION });
    try {
      const p = `/api/projects/${fixture.teamId}/batch_exports`;
      await h.advance(60);
      const runs = await h.get(`${p}/${fixture.activeId}/runs/`, fixture.world.key);
      expect(runs.status).toBe(200);
      const scheduledBefore = (before["active runs"]!.body as { results: Array<{ backfill: string | null }> }).results.filter(
        (r) => r.backfill === null,
      ).length;
      const scheduledAfter = (runs.body.results as Array<{ backfill: string | null; data_interval_end: string }>).filter((r) => r.backfill === null);
      expect(scheduledAfter.length).toBeGreaterThan(scheduledBefore);
      // The downtime's intervals are caught up.
      const ends = scheduledAfter.map((r) => Date.parse(r.data_interval_end));
      expect(Math.max(...ends)).toBeGreaterThanOrEqual(later - HOUR);
      // The paused export stays paused and gains no runs.
      const pausedRuns = await h.get(`${p}/${fixture.pausedId}/runs/`, fixture.world.key);
      expect(pausedRuns.body).toEqual(before["paused runs"]!.body);
      // Backfill finished by now.
      const backfill = await h.get(`${p}/${fixture.activeId}/backfills/${fixture.backfillId}/`, fixture.world.key);
      expect(backfill.body.status).toBe("Completed");
      // Writes work on the restored data.
      const unpaused = await h.post(`${p}/${fixture.pausedId}/unpause/`, {}, fixture.world.key);
      expect(unpaused.body).toEqual({ paused: false });
      const deleted = await h.del(`/api/organizations/${fixture.secondOrganizationId}/`, fixture.world.key);
      expect(deleted.status).toBe(204);
    } finally {
      await stop(h);
    }
  });

  it("leaves the file in WAL mode", () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const count = db.prepare("SELECT COUNT(*) AS n FROM organizations").get() as { n: number };
      expect(count.n).toBe(1);
    } finally {
      db.close();
    }
  });
});
