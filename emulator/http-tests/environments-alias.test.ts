import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * `/api/environments/:id/` is PostHog's legacy alias of the project routes: every runs and backfills
 * operation must answer there exactly as under `/api/projects/:id/`.
 */
let h: Harness;
let w: World;
let base: string;

beforeAll(async () => {
  h = await startHarness();
  w = await h.world();
  const created = await h.post(`/api/environments/${w.teamIds[0]}/batch_exports/`, await s3ExportBody(h, w), w.key);
  expect(created.status).toBe(201);
  base = `/api/environments/${w.teamIds[0]}/batch_exports/${created.body.id}`;
});
afterAll(() => h.close());

describe("the environments alias", () => {
  it("serves runs: list, retrieve, logs, cancel and retry", async () => {
    await h.advance(3600 + 2);
    const list = await h.get(`${base}/runs/`, w.key);
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(1);
    const run = list.body.results[0];
    expect(run.status).toBe("Running");

    const one = await h.get(`${base}/runs/${run.id}/`, w.key);
    expect(one.body.id).toBe(run.id);
    const logs = await h.get(`${base}/runs/${run.id}/logs/`, w.key);
    expect(logs.status).toBe(200);
    expect(logs.body.results.every((l: { instance_id: string }) => l.instance_id === run.id)).toBe(true);

    const cancelled = await h.post(`${base}/runs/${run.id}/cancel/`, {}, w.key);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ cancelled: true });
    expect((await h.get(`${base}/runs/${run.id}/`, w.key)).body.status).toBe("Cancelled");

    const retried = await h.post(`${base}/runs/${run.id}/retry/`, {}, w.key);
    expect(retried.status).toBe(201);
    expect(retried.body.backfill_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves backfills: create, list, retrieve and cancel", async () => {
    const created = await h.post(`${base}/backfills/`, { start_at: "2026-01-14T00:00:00Z", end_at: "2026-01-14T06:00:00Z" }, w.key);
    expect(created.status).toBe(201);
    const id = created.body.backfill_id;
    const list = await h.get(`${base}/backfills/`, w.key);
    expect(list.body.results.map((b: { id: string }) => b.id)).toContain(id);
    const one = await h.get(`${base}/backfills/${id}/`, w.key);
    expect(one.body.status).toBe("Starting");
    const cancelled = await h.post(`${base}/backfills/${id}/cancel/`, {}, w.key);
    expect(cancelled.body).toEqual({ cancelled: true });
    expect((await h.get(`${base}/backfills/${id}/`, w.key)).body.status).toBe("Cancelled");
  });
});
