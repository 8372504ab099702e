import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SESSION_SECRET = "choose-project-test-secret-0123456789";
});

import { BffError } from "./bff-error";
import { chooseProject, clearOrganizationProjects } from "./choose-project";
import type { Session } from "./session";

const HOST = "https://us.posthog.com";
const SESSION: Session = { host: HOST, key: "phx_choose_project_key", signedInAt: 1_750_000_000_000 };
const ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

let calls: string[];
let projects: Array<{ id: number; name: string }>;
let answer: () => Response;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(() => {
  clearOrganizationProjects();
  calls = [];
  projects = [];
  answer = () => jsonResponse(200, { id: ORG, name: "Acme", projects });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return answer();
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function refusal(requested: number | undefined): Promise<BffError> {
  const error = await chooseProject(SESSION, ORG, requested).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BffError);
  return error as BffError;
}

describe("chooseProject", () => {
  it("reads the organization's projects from PostHog", async () => {
    projects = [{ id: 7, name: "Web" }];
    await chooseProject(SESSION, ORG, undefined);
    expect(calls).toEqual([`${HOST}/api/organizations/${ORG}/`]);
  });

  it("uses the team_id asked for when it is one of the organization's projects", async () => {
    projects = [
      { id: 7, name: "Web" },
      { id: 9, name: "App" },
    ];
    expect(await chooseProject(SESSION, ORG, 9)).toEqual({ teamId: 9 });
  });

  it("refuses a team_id from outside the organization with 400 on team_id", async () => {
    projects = [{ id: 7, name: "Web" }];
    const error = await refusal(8);
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ type: "validation_error", attr: "team_id", detail: "Project 8 is not in this organization." });
  });

  it("chooses the only project when none is asked for", async () => {
    projects = [{ id: 7, name: "Web" }];
    expect(await chooseProject(SESSION, ORG, undefined)).toEqual({ teamId: 7 });
  });

  it("asks for a choice, naming the projects, when there are several and none is asked for", async () => {
    projects = [
      { id: 7, name: "Web" },
      { id: 9, name: "App" },
    ];
    const error = await refusal(undefined);
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ type: "validation_error", code: "required", attr: "team_id" });
    expect(error.body.detail).toContain("Web (7)");
    expect(error.body.detail).toContain("App (9)");
  });

  it("says so when the organization has no project", async () => {
    const error = await refusal(undefined);
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ attr: "team_id", detail: "This organization has no project to export from." });
  });

  it("returns PostHog's refusal to read the organization as a failure", async () => {
    const notFound = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
    answer = () => jsonResponse(404, notFound);
    expect(await chooseProject(SESSION, ORG, 7)).toEqual({ failure: { status: 404, body: notFound } });
  });
});

describe("the projects of an organization", () => {
  it("are remembered for a minute per key, so repeated choices cost one PostHog call", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ projects: [{ id: 11, name: "Web" }] }), { status: 200 })),
    );
    const session: Session = { host: "https://us.posthog.com", key: "phx_cachekey", signedInAt: 0 };
    const org = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";
    expect(await chooseProject(session, org, 11)).toEqual({ teamId: 11 });
    expect(await chooseProject(session, org, undefined)).toEqual({ teamId: 11 });
    expect(fetch).toHaveBeenCalledTimes(1);
    await chooseProject({ ...session, key: "phx_otherkey" }, org, 11);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
