import { recordResponse } from "../contract/recorder";
import { createEmulator, startEmulator, type EmulatorOptions, type RunningEmulator } from "../create-emulator";
import type { Profile } from "../emulator-context";

/**
 * A real emulator on a loopback port (in-memory SQLite, manual clock) and a small HTTP client for
 * tests. Every API response goes to the contract recorder, so the contract suite checks each body
 * these tests produce against PostHog's OpenAPI schema.
 */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  running: RunningEmulator;
  url: string;
  profile: Profile;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  get<T = any>(path: string, key?: string | null): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, key?: string | null): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown, key?: string | null): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, key?: string | null): Promise<ApiResponse<T>>;
  del<T = any>(path: string, key?: string | null): Promise<ApiResponse<T>>;
  control<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** Moves the manual clock forward and lets the scheduler catch up. */
  advance(seconds: number): Promise<void>;
  /** A user who owns a new organization (with the given projects) and a key with the given limits. */
  world(options?: WorldOptions): Promise<World>;
  close(): Promise<void>;
}

export interface WorldOptions {
  organization?: string;
  projects?: string[];
  flags?: string[];
  level?: number;
  scopes?: string[] | null;
}

export interface World {
  organizationId: string;
  teamIds: number[];
  userId: number;
  key: string;
  email: string;
}

let counter = 0;

export async function startHarness(options: EmulatorOptions & { profile?: Profile } = {}): Promise<Harness> {
  const emulator = createEmulator({ manualClockAt: T0, simulation: { failureRate: 0 }, ...options });
  const running = await startEmulator(emulator, 0);
  const profile = emulator.profile;
  const url = running.url;

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) {
      payload = opts.rawBody;
      headers["Content-Type"] = opts.contentType ?? "application/json";
    } else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(`${url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (path.startsWith("/api/")) recordResponse({ method, path, status: response.status, body, profile });
    return { status: response.status, body: body as T, headers: response.headers, text };
  }

  const harness: Harness = {
    running,
    url,
    profile,
    request,
    get: (path, key) => request("GET", path, { key }),
    post: (path, body, key) => request("POST", path, { body, key }),
    patch: (path, body, key) => request("PATCH", path, { body, key }),
    put: (path, body, key) => request("PUT", path, { body, key }),
    del: (path, key) => request("DELETE", path, { key }),
    control: (method, path, body) => request(method, `/_emulator/${path}`, { body }),
    async advance(seconds) {
      const r = await request("POST", "/_emulator/clock", { body: { advance_seconds: seconds } });
      if (r.status !== 200) throw new Error(`clock advance failed: ${r.text}`);
    },
    async world(o = {}) {
      counter += 1;
      const org = await harness.control("POST", "organizations", {
        name: o.organization ?? `Org ${counter}`,
        teams: o.projects ?? ["Default project"],
        flags: o.flags ?? [],
      });
      const email = `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const user = await harness.control("POST", "users", {
        email,
        memberships: [{ organization_id: org.body.id, level: o.level ?? 15 }],
      });
      const key = await harness.control("POST", "keys", { user_id: user.body.id, scopes: o.scopes ?? null });
      return {
        organizationId: org.body.id,
        teamIds: (org.body.teams as Array<{ id: number }>).map((t) => t.id),
        userId: user.body.id,
        key: key.body.key,
        email,
      };
    },
    close: () => running.close(),
  };
  return harness;
}

/** A valid AwsS3 create body, with an aws-s3 integration made for the team first. */
export async function s3ExportBody(h: Harness, world: World, teamId = world.teamIds[0]!, overrides: Record<string, unknown> = {}) {
  const integration = await h.post(
    `/api/environments/${teamId}/integrations/`,
    { kind: "aws-s3", config: { aws_access_key_id: "AKIATEST", aws_secret_access_key: "s3cr3t" } },
    world.key,
  );
  return {
    name: "S3 export",
    interval: "hour",
    destination: {
      type: "AwsS3",
      integration: integration.body.id,
      config: { bucket_name: "bucket", region: "us-east-1", prefix: "posthog/", file_format: "JSONLines" },
    },
    ...overrides,
  };
}
