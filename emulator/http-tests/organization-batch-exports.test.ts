import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * `/api/organizations/:org/batch_exports/` on the cloud profile (POSTHOG-API.md §1.3, §9.2): every project
 * of the organization, read/delete/pause/unpause working, create/update/logs a server error (the newest
 * serializer needs a team the organization route does not have), and no deprecated `backfill` action.
 * The legacy profile has its own file (one harness per file).
 */

/** A BatchExport response body, typed just enough for assertions. */
interface Exported {
  id: string;
  destination: { type: string; integration: number | null; config: Record<string, unknown> };
  [field: string]: unknown;
}

const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
/** An unrouted `/api/` path: PostHog's catch-all `api_not_found`, answered before authentication. */
const ENDPOINT_NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Endpoint not found.", attr: null };
const SERVER_ERROR = { type: "server_error", code: "error", detail: "A server error occurred.", attr: null };

let h: Harness;
let world: World;
let other: World;
let teamA: number;
let teamB: number;

beforeAll(async () => {
  h = await startHarness();
  world = await h.world({ projects: ["A", "B"] });
  [teamA, teamB] = world.teamIds as [number, number];
  other = await h.world();
});

afterAll(async () => {
  await h.close();
});

async function createIn(w: World, teamId: number, overrides: Record<string, unknown> = {}) {
  const response = await h.post(`/api/projects/${teamId}/batch_exports/`, await s3ExportBody(h, w, teamId, overrides), w.key);
  expect(response.status).toBe(201);
  return response.body as Exported;
}

const org = (path = "") => `/api/organizations/${world.organizationId}/batch_exports/${path}`;

describe("list", () => {
  it("lists the exports of every project of the organization, and only that organization, newest first", async () => {
    const inA = await createIn(world, teamA, { name: "in A", paused: true });
    await h.advance(1);
    const inB = await createIn(world, teamB, { name: "in B", paused: true });
    await h.advance(1);
    await createIn(other, other.teamIds[0]!, { name: "elsewhere", paused: true });
    const gone = await createIn(world, teamB, { name: "deleted", paused: true });
    expect((await h.del(`/api/projects/${teamB}/batch_exports/${gone.id}/`, world.key)).status).toBe(204);

    const list = await h.get(org(), world.key);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ count: 2, next: null, previous: null, results: [inB, inA] });

    const page = await h.get(`${org()}?limit=1`, world.key);
    expect(page.body).toEqual({ count: 2, next: `${h.url}${org()}?limit=1&offset=1`, previous: null, results: [inB] });

    const withoutSlash = await h.get(`/api/organizations/${world.organizationId}/batch_exports?limit=1&offset=1`, world.key);
    expect(withoutSlash.body).toEqual({
      count: 2,
      next: null,
      previous: `${h.url}/api/organizations/${world.organizationId}/batch_exports?limit=1`,
      results: [inA],
    });

    const otherList = await h.get(`/api/organizations/${other.organizationId}/batch_exports/`, other.key);
    expect(otherList.body.results.map((r: { name: string }) => r.name)).toEqual(["elsewhere"]);
  });

  it("accepts @current for the user's current organization", async () => {
    const viaCurrent = await h.get("/api/organizations/@current/batch_exports/", world.key);
    const viaId = await h.get(org(), world.key);
    expect(viaCurrent.status).toBe(200);
    expect(viaCurrent.body.results).toEqual(viaId.body.results);
  });
});

describe("retrieve, pause, unpause and delete", () => {
  it("retrieves an export of any project of the organization with the project route's body", async () => {
    const inB = await createIn(world, teamB);
    const retrieved = await h.get(org(`${inB.id}/`), world.key);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual(inB);
    expect((await h.get(org(inB.id), world.key)).body).toEqual(inB);
  });

  it("answers 404 for an export of another organization or an unknown id", async () => {
    const elsewhere = await createIn(other, other.teamIds[0]!);
    for (const response of [
      await h.get(org(`${elsewhere.id}/`), world.key),
      await h.post(org(`${elsewhere.id}/pause/`), undefined, world.key),
      await h.post(org(`${elsewhere.id}/unpause/`), undefined, world.key),
      await h.del(org(`${elsewhere.id}/`), world.key),
      await h.get(org("0190b7f2-0000-7000-8000-000000000000/"), world.key),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
    const untouched = await h.get(`/api/projects/${other.teamIds[0]}/batch_exports/${elsewhere.id}/`, other.key);
    expect(untouched.body).toEqual(elsewhere);
  });

  it("pauses and unpauses (with a backfill) through the organization route", async () => {
    const exported = await createIn(world, teamB);
    const paused = await h.post(org(`${exported.id}/pause/`), undefined, world.key);
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({ paused: true });
    const pausedAt = (await h.get(`/api/projects/${teamB}/batch_exports/${exported.id}/`, world.key)).body;
    expect(pausedAt.paused).toBe(true);
    expect(pausedAt.last_paused_at).not.toBeNull();

    await h.advance(30);
    const unpaused = await h.post(org(`${exported.id}/unpause/`), { backfill: true }, world.key);
    expect(unpaused.status).toBe(200);
    expect(unpaused.body).toEqual({ paused: false });
    const after = await h.get(`/api/projects/${teamB}/batch_exports/${exported.id}/`, world.key);
    expect(after.body.paused).toBe(false);
    const backfills = await h.get(`/api/projects/${teamB}/batch_exports/${exported.id}/backfills/`, world.key);
    expect(backfills.body.results).toHaveLength(1);
    expect(backfills.body.results[0].start_at).toBe(pausedAt.last_paused_at);
  });

  it("deletes through the organization route: 204, then 404 on both routes", async () => {
    const exported = await createIn(world, teamA);
    const deleted = await h.del(org(`${exported.id}/`), world.key);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await h.get(org(`${exported.id}/`), world.key)).status).toBe(404);
    const viaProject = await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/`, world.key);
    expect(viaProject.status).toBe(404);
    expect(viaProject.body).toEqual(NOT_FOUND);
  });
});

describe("what the newest PostHog breaks on organization routes", () => {
  it("answers 500 to create, and creates nothing", async () => {
    const before = (await h.get(org(), world.key)).body.count;
    const response = await h.post(org(), { ...(await s3ExportBody(h, world, teamA)), team_id: teamA }, world.key);
    expect(response.status).toBe(500);
    expect(response.body).toEqual(SERVER_ERROR);
    expect((await h.get(org(), world.key)).body.count).toBe(before);
  });

  it("still checks the scope before failing", async () => {
    const reader = await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:read"] });
    const response = await h.post(org(), await s3ExportBody(h, world, teamA), reader.body.key);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      type: "authentication_error",
      code: "permission_denied",
      detail: "API key missing required scope 'batch_export:write'",
      attr: null,
    });
  });

  it("answers 500 to PUT and PATCH, leaving the export unchanged", async () => {
    const exported = await createIn(world, teamA);
    const put = await h.put(org(`${exported.id}/`), { name: "x", interval: "day", destination: exported.destination }, world.key);
    expect(put.status).toBe(500);
    expect(put.body).toEqual(SERVER_ERROR);
    const patch = await h.patch(org(`${exported.id}/`), { name: "x" }, world.key);
    expect(patch.status).toBe(500);
    expect(patch.body).toEqual(SERVER_ERROR);
    expect((await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/`, world.key)).body).toEqual(exported);
  });

  it("answers 500 to logs, which work on the project route", async () => {
    const exported = await createIn(world, teamA);
    const logs = await h.get(org(`${exported.id}/logs/`), world.key);
    expect(logs.status).toBe(500);
    expect(logs.body).toEqual(SERVER_ERROR);
    const projectLogs = await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/logs/`, world.key);
    expect(projectLogs.status).toBe(200);
  });

  it("has no deprecated backfill action on project or organization routes", async () => {
    const exported = await createIn(world, teamA);
    const payload = { start_at: "2026-01-10T00:00:00Z", end_at: "2026-01-11T00:00:00Z" };
    for (const path of [
      `/api/projects/${teamA}/batch_exports/${exported.id}/backfill/`,
      `/api/environments/${teamA}/batch_exports/${exported.id}/backfill`,
      org(`${exported.id}/backfill/`),
    ]) {
      const response = await h.post(path, payload, world.key);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(ENDPOINT_NOT_FOUND);
    }
    const backfills = await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/backfills/`, world.key);
    expect(backfills.body.results).toEqual([]);
  });

  it("has no runs or backfills routes under organizations", async () => {
    const exported = await createIn(world, teamA);
    for (const path of [org(`${exported.id}/runs/`), org(`${exported.id}/backfills/`)]) {
      const response = await h.get(path, world.key);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(ENDPOINT_NOT_FOUND);
    }
  });
});
