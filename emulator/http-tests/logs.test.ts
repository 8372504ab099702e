/**
 * `GET /api/projects/:id/batch_exports/:id/logs/`: the LimitOffset envelope over at most `limit` rows (default
 * 50, 1..500), newest first, exclusive `after`/`before`, `level` as a case-insensitive comma list, `search` as a
 * case-insensitive substring, `instance_id`, validation errors, and the scope a key needs. Rows are inserted
 * straight into the database so timestamps (and ties) are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness, type World } from "../test-support/http-harness";

const iso = (ms: number) => {
  const text = new Date(ms).toISOString();
  return ms % 1000 === 0 ? text.replace(/\.000Z$/, "Z") : text.replace(/Z$/, "000Z");
};
const DATETIME_FORMAT_ERROR =
  "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

interface Entry {
  log_source_id: string;
  instance_id: string;
  timestamp: string;
  level: string;
  message: string;
}

let h: Harness;
let world: World;
let exportId: string;
let otherExportId: string;
let bulkExportId: string;

const BASE = T0 - 3_600_000;
const A = BASE + 1000;
const B = BASE + 2000;
const C = BASE + 3000;
const D = BASE + 3500;

beforeAll(async () => {
  h = await startHarness();
  world = await h.world();
  const teamId = world.teamIds[0]!;
  const create = async (name: string) => {
    const r = await h.post(`/api/projects/${teamId}/batch_exports/`, await s3ExportBody(h, world, teamId, { name }), world.key);
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  exportId = await create("Logged");
  otherExportId = await create("Other");
  bulkExportId = await create("Bulk");
  const insert = h.running.emulator.db.prepare(
    "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const rows: Array<[string, string, number, string, string]> = [
    [exportId, "run-a", A, "INFO", "alpha one"],
    [exportId, "run-b", A, "ERROR", "alpha two"],
    [exportId, "run-a", B, "WARNING", "Beta 100% done"],
    [exportId, "run-b", B, "DEBUG", "beta 1000 done"],
    [exportId, "run-a", C, "INFO", "gamma a_b"],
    [exportId, "", D, "ERROR", "gamma axb"],
    [otherExportId, "run-a", B, "INFO", "alpha from another export"],
  ];
  for (const [source, instance, ts, level, message] of rows) insert.run(teamId, source, instance, ts, level, message);
  for (let i = 0; i < 60; i++) insert.run(teamId, bulkExportId, `run-${i}`, BASE + i * 60_000, "INFO", `line ${i}`);
});
afterAll(async () => {
  await h.close();
});

const logsPath = (id: string) => `/api/projects/${world.teamIds[0]}/batch_exports/${id}/logs/`;

async function logs(query: string, id = exportId) {
  const r = await h.get(`${logsPath(id)}${query}`, world.key);
  expect(r.status).toBe(200);
  return r.body as { count: number; next: string | null; previous: string | null; results: Entry[] };
}

/** Messages of a query's results; rows that share a timestamp come back in no particular order, so each tie is sorted. */
async function messages(query: string): Promise<string[][]> {
  const body = await logs(query);
  expect(body.count).toBe(body.results.length);
  const groups: string[][] = [];
  let last: string | null = null;
  for (const entry of body.results) {
    if (entry.timestamp !== last) groups.push([]);
    groups.at(-1)!.push(entry.message);
    last = entry.timestamp;
  }
  return groups.map((g) => g.sort());
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe("envelope and order", () => {
  it("is {count, next, previous, results}, newest first, with PostHog's entry shape", async () => {
    const body = await logs("");
    expect(Object.keys(body)).toEqual(["count", "next", "previous", "results"]);
    expect(body).toMatchObject({ count: 6, next: null, previous: null });
    expect(body.results[0]).toEqual({
      log_source_id: exportId,
      instance_id: "",
      timestamp: "2026-01-15T11:00:03.500000Z",
      level: "ERROR",
      message: "gamma axb",
    });
    expect(body.results[1]).toEqual({
      log_source_id: exportId,
      instance_id: "run-a",
      timestamp: "2026-01-15T11:00:03Z",
      level: "INFO",
      message: "gamma a_b",
    });
    expect(await messages("")).toEqual([
      ["gamma axb"],
      ["gamma a_b"],
      ["Beta 100% done", "beta 1000 done"],
      ["alpha one", "alpha two"],
    ]);
  });

  it("only holds the export's own lines; an unknown export is 404", async () => {
    expect((await logs("", otherExportId)).results.map((e) => e.message)).toEqual(["alpha from another export"]);
    const r = await h.get(logsPath(crypto.randomUUID()), world.key);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ type: "invalid_request", code: "not_found", detail: "Not found.", attr: null });
  });
});

describe("limit", () => {
  it("defaults to 50 and accepts 1..500; everything fetched fits one page", async () => {
    const byDefault = await logs("", bulkExportId);
    expect(byDefault.count).toBe(50);
    expect(byDefault.next).toBeNull();
    expect(byDefault.results.map((e) => e.message)).toEqual(Array.from({ length: 50 }, (_, i) => `line ${59 - i}`));
    expect(byDefault.results[0]!.timestamp).toBe(iso(BASE + 59 * 60_000));
    expect((await logs("?limit=", bulkExportId)).count).toBe(50);

    const ten = await logs("?limit=10", bulkExportId);
    expect(ten).toMatchObject({ count: 10, next: null, previous: null });
    expect(ten.results.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${59 - i}`));
    expect((await logs("?limit=1", bulkExportId)).results.map((e) => e.message)).toEqual(["line 59"]);
    expect((await logs("?limit=500", bulkExportId)).count).toBe(60);
    expect((await logs("?limit=7.0", bulkExportId)).count).toBe(7);

    // `offset` only pages inside the rows the query fetched.
    const offset = await logs("?limit=10&offset=5", bulkExportId);
    expect(offset).toMatchObject({ count: 10, next: null, previous: `${h.url}${logsPath(bulkExportId)}?limit=10` });
    expect(offset.results.map((e) => e.message)).toEqual(["line 54", "line 53", "line 52", "line 51", "line 50"]);
  });

  it("rejects 0, 501 and non-integers with DRF's messages", async () => {
    const cases: Array<[string, string, string]> = [
      ["0", "min_value", "Ensure this value is greater than or equal to 1."],
      ["-3", "min_value", "Ensure this value is greater than or equal to 1."],
      ["501", "max_value", "Ensure this value is less than or equal to 500."],
      ["ten", "invalid_input", "A valid integer is required."],
      ["7.5", "invalid_input", "A valid integer is required."],
    ];
    for (const [limit, code, detail] of cases) {
      const r = await h.get(`${logsPath(exportId)}?limit=${limit}`, world.key);
      expect({ status: r.status, body: r.body }).toEqual({
        status: 400,
        body: { type: "validation_error", code, detail, attr: "limit" },
      });
    }
  });
});

describe("after / before", () => {
  it("are exclusive bounds, ties included", async () => {
    expect(await messages(q({ after: iso(A) }))).toEqual([
      ["gamma axb"],
      ["gamma a_b"],
      ["Beta 100% done", "beta 1000 done"],
    ]);
    expect(await messages(q({ before: iso(C) }))).toEqual([
      ["Beta 100% done", "beta 1000 done"],
      ["alpha one", "alpha two"],
    ]);
    expect(await messages(q({ after: iso(A), before: iso(C) }))).toEqual([["Beta 100% done", "beta 1000 done"]]);
    expect(await messages(q({ after: iso(B), before: iso(D) }))).toEqual([["gamma a_b"]]);
    expect(await messages(q({ after: iso(C) }))).toEqual([["gamma axb"]]);
    expect(await messages(q({ after: iso(D - 1) }))).toEqual([["gamma axb"]]);
    expect(await messages(q({ after: iso(D) }))).toEqual([]);
    expect(await messages(q({ before: iso(A) }))).toEqual([]);
    expect(await messages(q({ before: iso(A + 1) }))).toEqual([["alpha one", "alpha two"]]);
    // The same instant written with an offset.
    expect(await messages(q({ after: "2026-01-15T12:00:02+01:00" }))).toEqual([["gamma axb"], ["gamma a_b"]]);
  });

  it("reject values that are not ISO datetimes", async () => {
    for (const [param, value] of [
      ["after", "yesterday"],
      ["before", "2026-13-01T00:00:00Z"],
      ["after", "-7d"],
    ] as const) {
      const r = await h.get(`${logsPath(exportId)}${q({ [param]: value })}`, world.key);
      expect({ status: r.status, body: r.body }).toEqual({
        status: 400,
        body: { type: "validation_error", code: "invalid_input", detail: DATETIME_FORMAT_ERROR, attr: param },
      });
    }
  });
});

describe("level, search and instance_id", () => {
  it("level is a comma-separated, case-insensitive list", async () => {
    expect(await messages(q({ level: "info,ERROR" }))).toEqual([["gamma axb"], ["gamma a_b"], ["alpha one", "alpha two"]]);
    expect(await messages(q({ level: "warning" }))).toEqual([["Beta 100% done"]]);
    expect(await messages(q({ level: "Debug" }))).toEqual([["beta 1000 done"]]);
    expect(await messages(q({ level: "CRITICAL" }))).toEqual([]);
  });

  it("search is a case-insensitive substring, % and _ included literally", async () => {
    expect(await messages(q({ search: "ALPHA" }))).toEqual([["alpha one", "alpha two"]]);
    expect(await messages(q({ search: "beta 10" }))).toEqual([["Beta 100% done", "beta 1000 done"]]);
    expect(await messages(q({ search: "0%" }))).toEqual([["Beta 100% done"]]);
    expect(await messages(q({ search: "%" }))).toEqual([["Beta 100% done"]]);
    expect(await messages(q({ search: "a_b" }))).toEqual([["gamma a_b"]]);
    expect(await messages(q({ search: "_" }))).toEqual([["gamma a_b"]]);
    expect(await messages(q({ search: "nothing like this" }))).toEqual([]);
  });

  it("instance_id keeps one run's lines, and combines with the other filters", async () => {
    expect(await messages(q({ instance_id: "run-a" }))).toEqual([["gamma a_b"], ["Beta 100% done"], ["alpha one"]]);
    expect(await messages(q({ instance_id: "run-a", level: "INFO" }))).toEqual([["gamma a_b"], ["alpha one"]]);
    expect(await messages(q({ instance_id: "run-b", search: "ALPHA", before: iso(B) }))).toEqual([["alpha two"]]);
    expect(await messages(q({ instance_id: "run-z" }))).toEqual([]);
  });
});

describe("scopes", () => {
  it("a batch_export:read key may read logs; a key without it gets 403", async () => {
    const readKey = await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:read"] });
    const r = await h.get(logsPath(exportId), readKey.body.key);
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(6);

    const otherKey = await h.control("POST", "keys", { user_id: world.userId, scopes: ["feature_flag:read"] });
    const denied = await h.get(logsPath(exportId), otherKey.body.key);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      type: "authentication_error",
      code: "permission_denied",
      detail: "API key missing required scope 'batch_export:read'",
      attr: null,
    });
  });
});
