import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SESSION_SECRET = "start-backfill-test-secret-0123456789";
});

import { startBackfill } from "./start-backfill";
import type { Session } from "./session";

const HOST = "https://us.posthog.com";
const SESSION: Session = { host: HOST, key: "phx_start_backfill_key", signedInAt: 1_750_000_000_000 };
const EXPORT = "0190a5f4-aaaa-7bbb-8ccc-0c1d2e3f4a5b";
const EXPORT_PATH = `/api/projects/7/batch_exports/${EXPORT}/`;
const RANGE = { start_at: "2026-01-01T00:00:00+01:00", end_at: "2026-01-02T00:00:00+01:00" };
const BACKFILL_ID = "0190a5f4-bbbb-7ccc-8ddd-0c1d2e3f4a5b";

let calls: Array<{ url: string; init: RequestInit }>;
let answers: Response[];

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const NOT_FOUND = () => jsonResponse(404, { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null });

beforeEach(() => {
  calls = [];
  answers = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init: init ?? {} });
      const next = answers.shift();
      if (!next) throw new Error("unexpected extra call to PostHog");
      return next;
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const posted = () => calls.map((c) => [c.init.method, c.url.slice(HOST.length), JSON.parse(c.init.body as string)]);

describe("startBackfill", () => {
  it("uses the backfills action and relays its 201", async () => {
    answers = [jsonResponse(201, { backfill_id: BACKFILL_ID })];
    expect(await startBackfill(SESSION, EXPORT_PATH, RANGE)).toEqual({ status: 201, body: { backfill_id: BACKFILL_ID } });
    expect(posted()).toEqual([["POST", `${EXPORT_PATH}backfills/`, RANGE]]);
  });

  it("falls back to the deprecated backfill action on 404, and turns its 200 into 201", async () => {
    const workflowId = `${EXPORT}-Backfill-2025-12-31T23:00:00+00:00-2026-01-01T23:00:00+00:00`;
    answers = [NOT_FOUND(), jsonResponse(200, { backfill_id: workflowId })];
    expect(await startBackfill(SESSION, EXPORT_PATH, RANGE)).toEqual({ status: 201, body: { backfill_id: workflowId } });
    expect(posted()).toEqual([
      ["POST", `${EXPORT_PATH}backfills/`, RANGE],
      ["POST", `${EXPORT_PATH}backfill/`, RANGE],
    ]);
  });

  it("relays the deprecated action's own refusal as it is", async () => {
    const refusal = {
      type: "validation_error",
      code: "invalid_input",
      detail: "The initial backfill datetime 'start_at' happens after 'end_at'",
      attr: null,
    };
    answers = [NOT_FOUND(), jsonResponse(400, refusal)];
    expect(await startBackfill(SESSION, EXPORT_PATH, RANGE)).toEqual({ status: 400, body: refusal });
  });

  it("relays a 404 from both actions as 404 (the export is gone)", async () => {
    answers = [NOT_FOUND(), NOT_FOUND()];
    expect((await startBackfill(SESSION, EXPORT_PATH, RANGE)).status).toBe(404);
    expect(calls).toHaveLength(2);
  });

  it.each([
    [400, { type: "validation_error", code: "invalid_input", detail: "The provided 'end_at' (2099-01-01T00:00:00+00:00) is in the future", attr: null }],
    [
      429,
      {
        type: "server_error",
        code: "too_many_concurrent_backfills",
        detail: "This team already has 2 batch export backfills running. Wait for some to finish or cancel them before creating more.",
        attr: null,
      },
    ],
    [503, { type: "server_error", code: "database_unavailable", detail: "We couldn't reach the database just now. Please try again in a moment.", attr: null }],
  ])("returns PostHog's %i without retrying or falling back", async (status, body) => {
    answers = [jsonResponse(status, body)];
    expect(await startBackfill(SESSION, EXPORT_PATH, RANGE)).toEqual({ status, body });
    expect(calls).toHaveLength(1);
  });
});
