import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { control, EMULATOR_URL, newMember, signInWithKey } from "./fixtures";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test.describe("the key stays on the server", () => {
  test("no response, header, page or script the browser gets contains the key", async ({ page, request }) => {
    const member = await newMember(request);
    const seen: string[] = [];
    page.on("response", async (response) => {
      if (!response.url().startsWith("http://127.0.0.1")) return;
      const headers = JSON.stringify(await response.allHeaders());
      let body = "";
      try {
        body = await response.text();
      } catch {
        // Redirects and aborted responses have no body to read.
      }
      seen.push(`${response.url()}\n${headers}\n${body}`);
    });
    await signInWithKey(page, member.key);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
    await page.getByRole("link", { name: member.organizationName }).click();
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

    expect(seen.length).toBeGreaterThan(5);
    for (const entry of seen) expect(entry, entry.split("\n")[0]).not.toContain(member.key);
    expect(await page.content()).not.toContain(member.key);
    expect(await page.evaluate(() => document.cookie)).not.toContain("poa_session");
    const chunks = filesUnder(`${process.env.NEXT_DIST_DIR ?? ".next"}/static`).filter((f) => f.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      const text = readFileSync(chunk, "utf8");
      expect(text).not.toContain(member.key);
      expect(text).not.toMatch(/phx_[A-Za-z0-9]{20,}/);
    }
  });

  test("the session cookie is httpOnly and SameSite=Strict, and Secure over https", async ({ request, baseURL }) => {
    const member = await newMember(request);
    const body = { host: EMULATOR_URL, personalApiKey: member.key };
    const plain = await request.post("/api/session", { data: body, headers: { Origin: baseURL! } });
    expect(plain.status()).toBe(201);
    const cookie = plain.headers()["set-cookie"]!;
    expect(cookie).toMatch(/^poa_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).not.toContain(member.key);
    const overHttps = await request.post("/api/session", {
      data: body,
      headers: { Origin: baseURL!, "X-Forwarded-Proto": "https" },
    });
    expect(overHttps.headers()["set-cookie"]).toMatch(/Secure/i);
  });

  test("a cross-site write is refused and changes nothing", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
    const before = (await (await page.request.get("/api/organizations/")).json()).count;
    const forged = await page.request.post("/api/organizations/", {
      data: { name: "Forged" },
      headers: { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.json()).toEqual({
      type: "authentication_error",
      code: "cross_site_request",
      detail: "This request did not come from the dashboard's own pages.",
      attr: null,
    });
    const deleted = await page.request.delete(`/api/organizations/${member.organizationId}/`, {
      headers: { Origin: "http://evil.example" },
    });
    expect(deleted.status()).toBe(403);
    expect((await (await page.request.get("/api/organizations/")).json()).count).toBe(before);
  });

  test("a host outside the allowlist is refused without a session", async ({ request, baseURL }) => {
    const answer = await request.post("/api/session", {
      data: { host: "https://evil.example.com", personalApiKey: "phx_whatever123" },
      headers: { Origin: baseURL! },
    });
    expect(answer.status()).toBe(403);
    expect((await answer.json()).code).toBe("host_not_allowed");
    expect(answer.headers()["set-cookie"]).toBeUndefined();
  });

  test("a malformed id gets 400 and never reaches PostHog", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
    const before = (await control(request, "GET", "state")).api_requests;
    for (const id of ["not-a-uuid", "..%2F..%2Fusers", `${member.organizationId}%2Fbatch_exports`, "%2e%2e%2Fusers", "..%252Fusers"]) {
      const answer = await page.request.get(`/api/organizations/${id}/`);
      expect(answer.status(), id).toBe(400);
      expect((await answer.json()).type).toBe("validation_error");
    }
    expect((await control(request, "GET", "state")).api_requests).toBe(before);
  });

  test("API answers are never cached", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
    for (const path of ["/api/session", "/api/organizations/", `/api/organizations/${member.organizationId}/`, "/api/organizations/bad/"]) {
      const answer = await page.request.get(path);
      expect(answer.headers()["cache-control"], path).toBe("no-store");
    }
  });
});
