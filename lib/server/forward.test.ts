import { describe, expect, it } from "vitest";
import { KEY_REJECTED, relay, rewritePageLinks } from "./forward";
import { SESSION_COOKIE } from "./session";

const HOST = "https://eu.posthog.com";
const LOCAL_PATH = "/api/organizations";

describe("rewritePageLinks", () => {
  const LOCAL = "/api/organizations";

  it("turns absolute upstream next/previous links into the dashboard route, keeping PostHog's query", () => {
    const page = {
      count: 250,
      next: `${HOST}/api/organizations/?limit=100&offset=200`,
      previous: `${HOST}/api/organizations/?limit=100`,
      results: [{ id: "a" }],
    };
    expect(rewritePageLinks(page, LOCAL)).toEqual({
      count: 250,
      next: "/api/organizations?limit=100&offset=200",
      previous: "/api/organizations?limit=100",
      results: [{ id: "a" }],
    });
    // The upstream body is not modified in place.
    expect(page.next).toBe(`${HOST}/api/organizations/?limit=100&offset=200`);
  });

  it("maps project-level links (runs, logs) to the organization-level route, cursors intact", () => {
    const cursor = "cD0yMDI2LTAxLTAxKzAwJTNBMDAlM0EwMC4wMDAwMDAlMkIwMCUzQTAw";
    const local = "/api/organizations/0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b/batch_exports/0190a5f4-aaaa-7bbb-8ccc-0c1d2e3f4a5b/runs";
    const page = {
      next: `${HOST}/api/projects/12/batch_exports/0190a5f4-aaaa-7bbb-8ccc-0c1d2e3f4a5b/runs/?cursor=${cursor}`,
      previous: null,
      results: [],
    };
    expect(rewritePageLinks(page, local)).toEqual({ next: `${local}?cursor=${cursor}`, previous: null, results: [] });
  });

  it("never hands the browser an upstream origin, whatever host PostHog built the link with", () => {
    // A self-hosted PostHog behind a TLS proxy builds links with http:// and its internal host.
    const page = { count: 3, next: "http://web:8000/api/organizations/?limit=1&offset=1", previous: null, results: [] };
    const rewritten = rewritePageLinks(page, LOCAL) as { next: string };
    expect(rewritten.next).toBe("/api/organizations?limit=1&offset=1");
    expect(rewritten.next).not.toContain("web:8000");
  });

  it("keeps null links null, and drops a link that is not a URL", () => {
    expect(rewritePageLinks({ next: null, previous: null, results: [] }, LOCAL)).toEqual({ next: null, previous: null, results: [] });
    expect(rewritePageLinks({ next: "not a url", previous: null, results: [] }, LOCAL)).toEqual({
      next: null,
      previous: null,
      results: [],
    });
  });

  it("leaves other bodies alone (same value, no next/previous added)", () => {
    const organization = { id: "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b", name: "Acme", url: `${HOST}/organization/` };
    expect(rewritePageLinks(organization, LOCAL)).toBe(organization);
    expect(rewritePageLinks(organization, LOCAL)).not.toHaveProperty("next");
    const list = [{ next: `${HOST}/x/` }];
    expect(rewritePageLinks(list, LOCAL)).toBe(list);
    expect(rewritePageLinks(null, LOCAL)).toBeNull();
    expect(rewritePageLinks(undefined, LOCAL)).toBeUndefined();
    expect(rewritePageLinks("text", LOCAL)).toBe("text");
    expect(rewritePageLinks(42, LOCAL)).toBe(42);
  });
});

describe("relay", () => {
  it("answers a 401 from PostHog with key_rejected and deletes the session cookie", async () => {
    const response = relay(
      { status: 401, body: { type: "authentication_error", code: "authentication_failed", detail: "Invalid token.", attr: null } },
      LOCAL_PATH,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ...KEY_REJECTED });
    expect(KEY_REJECTED).toMatchObject({ type: "authentication_error", code: "key_rejected", attr: null });

    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT|Max-Age=0/);
  });

  it("passes other statuses and bodies through, no-store, without touching the cookie", async () => {
    const forbidden = {
      type: "authentication_error",
      code: "permission_denied",
      detail: "You do not have permission to perform this action.",
      attr: null,
    };
    for (const [status, body] of [
      [200, { id: "a", name: "Acme" }],
      [201, { id: "b", name: "New" }],
      [400, { type: "validation_error", code: "invalid_input", detail: "This field may not be blank.", attr: "name" }],
      [403, forbidden],
      [404, { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null }],
      [429, { type: "throttled_error", code: "throttled", detail: "Request was throttled. Expected available in 60 seconds.", attr: null }],
    ] as const) {
      const response = relay({ status, body }, LOCAL_PATH);
      expect(response.status).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.json()).toEqual(body);
    }
  });

  it("rewrites a page's links on the way through", async () => {
    const response = relay({ status: 200, body: { count: 2, next: `${HOST}/api/organizations/?offset=1`, previous: null, results: [] } }, LOCAL_PATH);
    expect(await response.json()).toEqual({ count: 2, next: "/api/organizations?offset=1", previous: null, results: [] });
  });

  it("answers with the status the route asks for, but still clears the session on PostHog's 401", async () => {
    const created = relay({ status: 200, body: { id: "a" } }, LOCAL_PATH, 201);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: "a" });

    const rejected = relay({ status: 401, body: { type: "authentication_error", code: "x", detail: "y", attr: null } }, LOCAL_PATH, 201);
    expect(rejected.status).toBe(401);
    expect(await rejected.json()).toMatchObject({ code: "key_rejected" });
    expect(rejected.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });

  it("answers an empty 204 as an empty 204", async () => {
    const response = relay({ status: 204, body: undefined }, LOCAL_PATH);
    expect(response.status).toBe(204);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
  });
});
