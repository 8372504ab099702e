import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SESSION_SECRET = "export-projects-test-secret-0123456789";
});

import { BffError } from "./bff-error";
import { clearExportProjects, exportProject, forgetExportProject, rememberExportProject } from "./export-projects";
import type { Session } from "./session";

const HOST = "https://us.posthog.com";
const SESSION: Session = { host: HOST, key: "phx_export_projects_key", signedInAt: 1_750_000_000_000 };
const ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";
const OTHER_ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5c";
const EXPORT = "0190a5f4-aaaa-7bbb-8ccc-0c1d2e3f4a5b";
const TTL_MS = 10 * 60_000;

let calls: Array<{ url: string; init: RequestInit }>;
let answer: () => Response;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const exportBody = (teamId: unknown = 7) => ({ id: EXPORT, team_id: teamId, name: "S3 nightly" });

beforeEach(() => {
  clearExportProjects();
  calls = [];
  answer = () => jsonResponse(200, exportBody());
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init: init ?? {} });
      return answer();
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("exportProject", () => {
  it("looks the export up through PostHog's organization route, with the session's key", async () => {
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ teamId: 7 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${HOST}/api/organizations/${ORG}/batch_exports/${EXPORT}/`);
    expect(calls[0]!.init.method).toBe("GET");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe(`Bearer ${SESSION.key}`);
  });

  it("answers later calls within the TTL from memory, without a request", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    const start = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(start + TTL_MS - 1_000);
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ teamId: 7 });
    expect(calls).toHaveLength(1);
  });

  it("asks again once the TTL has passed", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    const start = Date.now();
    answer = () => jsonResponse(200, exportBody(8));
    vi.spyOn(Date, "now").mockReturnValue(start + TTL_MS + 1_000);
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ teamId: 8 });
    expect(calls).toHaveLength(2);
  });

  it("misses the cache for a different organization id, so an export is only found in its own", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    answer = () => jsonResponse(404, { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null });
    const found = await exportProject(SESSION, OTHER_ORG, EXPORT);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.url).toBe(`${HOST}/api/organizations/${OTHER_ORG}/batch_exports/${EXPORT}/`);
    expect(found).toEqual({ failure: { status: 404, body: expect.objectContaining({ code: "not_found" }) } });
  });

  it("misses the cache for another key, so one user's lookup never answers for another", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    await exportProject({ ...SESSION, key: "phx_someone_else" }, ORG, EXPORT);
    expect(calls).toHaveLength(2);
    expect(new Headers(calls[1]!.init.headers).get("authorization")).toBe("Bearer phx_someone_else");
  });

  it("misses the cache for another PostHog host", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    await exportProject({ ...SESSION, host: "https://eu.posthog.com" }, ORG, EXPORT);
    expect(calls.map((c) => new URL(c.url).origin)).toEqual([HOST, "https://eu.posthog.com"]);
  });

  it.each([
    [404, { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null }],
    [403, { type: "authentication_error", code: "permission_denied", detail: "You don't have access to the project.", attr: null }],
  ])("returns PostHog's %i as a failure, and does not remember it", async (status, body) => {
    answer = () => jsonResponse(status, body);
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ failure: { status, body } });
    answer = () => jsonResponse(200, exportBody());
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ teamId: 7 });
    expect(calls).toHaveLength(2);
  });

  it("fails with 502 when PostHog's answer has no team_id", async () => {
    answer = () => jsonResponse(200, exportBody(null));
    const error = await exportProject(SESSION, ORG, EXPORT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BffError);
    expect(error).toMatchObject({ status: 502, body: { code: "upstream_bad_response" } });
  });
});

describe("forgetExportProject", () => {
  it("makes the next call ask PostHog again (after a delete, say)", async () => {
    await exportProject(SESSION, ORG, EXPORT);
    forgetExportProject(SESSION, EXPORT);
    await exportProject(SESSION, ORG, EXPORT);
    expect(calls).toHaveLength(2);
  });
});

describe("rememberExportProject", () => {
  it("fills the cache from an organization-level read, so the next call needs no request", async () => {
    rememberExportProject(SESSION, ORG, exportBody(9));
    expect(await exportProject(SESSION, ORG, EXPORT)).toEqual({ teamId: 9 });
    expect(calls).toHaveLength(0);
  });

  it("ignores a body without a numeric team_id", async () => {
    rememberExportProject(SESSION, ORG, { id: EXPORT, team_id: "9" });
    await exportProject(SESSION, ORG, EXPORT);
    expect(calls).toHaveLength(1);
  });
});
