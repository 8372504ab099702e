import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The local PostHog the e2e run starts (see playwright.config.ts); tests arrange data through its control API. */
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 8311}`;
/** A second local PostHog with the legacy profile (older self-hosted PostHog). */
export const LEGACY_URL = `http://127.0.0.1:${process.env.E2E_LEGACY_PORT ?? 8312}`;

export async function control<T = any>(
  request: APIRequestContext,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
  emulator = EMULATOR_URL,
): Promise<T> {
  const response = await request.fetch(`${emulator}/_emulator/${path}`, { method, data: body });
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
  teamId: number;
  emulator: string;
}

/** A new user with a key, member of a new organization at `level` (owner by default). */
export async function newMember(
  request: APIRequestContext,
  options: { level?: 1 | 8 | 15; scopes?: string[]; scopedToProjects?: boolean; organizationName?: string; emulator?: string } = {},
): Promise<Member> {
  const emulator = options.emulator ?? EMULATOR_URL;
  const organizationName = options.organizationName ?? unique("E2E Org");
  const organization = await control<{ id: string; teams: Array<{ id: number }> }>(
    request,
    "POST",
    "organizations",
    { name: organizationName, teams: ["Web"] },
    emulator,
  );
  const email = `${unique("user").replace(/\s/g, "-")}@example.com`;
  const user = await control<{ id: number }>(
    request,
    "POST",
    "users",
    { email, memberships: [{ organization_id: organization.id, level: options.level ?? 15 }] },
    emulator,
  );
  const key = await control<{ id: string; key: string }>(
    request,
    "POST",
    "keys",
    { user_id: user.id, scopes: options.scopes ?? null, scoped_teams: options.scopedToProjects ? organization.teams.map((t) => t.id) : null },
    emulator,
  );
  return {
    email,
    key: key.key,
    keyId: key.id,
    organizationId: organization.id,
    organizationName,
    teamId: organization.teams[0]!.id,
    emulator,
  };
}

export async function signInWithKey(page: Page, key: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Local PostHog").check();
  await page.getByLabel("Personal API key").fill(key);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in with a key that works, and waits until the dashboard is there. */
export async function signIn(page: Page, key: string): Promise<void> {
  await signInWithKey(page, key);
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
}

/** Signs in to any allowed PostHog through the "Self-hosted" choice. */
export async function signInToHost(page: Page, host: string, key: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Self-hosted").check();
  await page.getByLabel("Self-hosted PostHog address").fill(host);
  await page.getByLabel("Personal API key").fill(key);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
}

export async function signInDemo(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the local demo" }).click();
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
}

/** Calls the local PostHog's API as `member`, for arranging data a journey starts from. */
export async function posthog<T = any>(request: APIRequestContext, member: Member, method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<T> {
  const response = await request.fetch(`${member.emulator}${path}`, {
    method,
    data: body,
    headers: { Authorization: `Bearer ${member.key}` },
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** An hourly S3 export (with its aws-s3 integration) in the member's project, made through PostHog's API. */
export async function createS3Export(request: APIRequestContext, member: Member, name = unique("S3 export")): Promise<{ id: string; name: string }> {
  const integration = await posthog<{ id: number }>(request, member, "POST", `/api/projects/${member.teamId}/integrations/`, {
    kind: "aws-s3",
    config: { aws_access_key_id: "AKIAE2E", aws_secret_access_key: "e2e-secret" },
  });
  return posthog(request, member, "POST", `/api/projects/${member.teamId}/batch_exports/`, {
    name,
    interval: "hour",
    destination: {
      type: "AwsS3",
      integration: integration.id,
      config: { bucket_name: "e2e-bucket", region: "us-east-1", prefix: "e2e/", file_format: "JSONLines" },
    },
  });
}

/** Sets how fast the local PostHog's simulated runs go (each test sets what it needs). */
export async function simulation(request: APIRequestContext, settings: Record<string, number>, emulator = EMULATOR_URL): Promise<void> {
  await control(request, "POST", "settings", { simulation: settings }, emulator);
}
