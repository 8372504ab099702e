import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The local PostHog the e2e run starts (see playwright.config.ts); tests arrange data through its control API. */
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 8311}`;

export async function control<T = any>(request: APIRequestContext, method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await request.fetch(`${EMULATOR_URL}/_emulator/${path}`, { method, data: body });
  expect(response.ok(), `control ${method} ${path}: ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

export interface Member {
  email: string;
  key: string;
  keyId: string;
  organizationId: string;
  organizationName: string;
}

/** A new user with a key, member of a new organization at `level` (owner by default). */
export async function newMember(
  request: APIRequestContext,
  options: { level?: 1 | 8 | 15; scopes?: string[]; scopedToProjects?: boolean; organizationName?: string } = {},
): Promise<Member> {
  const organizationName = options.organizationName ?? unique("E2E Org");
  const organization = await control<{ id: string; teams: Array<{ id: number }> }>(request, "POST", "organizations", {
    name: organizationName,
    teams: ["Web"],
  });
  const email = `${unique("user").replace(/\s/g, "-")}@example.com`;
  const user = await control<{ id: number }>(request, "POST", "users", {
    email,
    memberships: [{ organization_id: organization.id, level: options.level ?? 15 }],
  });
  const key = await control<{ id: string; key: string }>(request, "POST", "keys", {
    user_id: user.id,
    scopes: options.scopes ?? null,
    scoped_teams: options.scopedToProjects ? organization.teams.map((t) => t.id) : null,
  });
  return { email, key: key.key, keyId: key.id, organizationId: organization.id, organizationName };
}

export async function signInWithKey(page: Page, key: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Local PostHog").check();
  await page.getByLabel("Personal API key").fill(key);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInDemo(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the local demo" }).click();
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
}
