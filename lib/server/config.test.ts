import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, EU_CLOUD, US_CLOUD, parseConfig } from "./config";

const SECRET = "a-session-secret-that-is-long-enough-0123456789";

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "poa-config-"));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

type Env = Record<string, string>;

/** parseConfig over a plain map (Next's types make NODE_ENV required on ProcessEnv). */
function parse(env: Env, dir = dataDir) {
  return parseConfig(env as NodeJS.ProcessEnv, dir);
}

/** The ConfigError a parse throws (fails the test if it does not throw one). */
function configError(env: Env): ConfigError {
  try {
    parse(env, dataDir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("parseConfig defaults", () => {
  it("allows US and EU Cloud, with a 12-hour session and a 15-second upstream timeout", () => {
    const config = parse({ SESSION_SECRET: SECRET }, dataDir);
    expect(config.allowedOrigins).toEqual([US_CLOUD, EU_CLOUD]);
    expect(config.posthogHost).toBeNull();
    expect(config.localPosthogUrl).toBeNull();
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.sessionTtlSeconds).toBe(12 * 3600);
    expect(config.upstreamTimeoutMs).toBe(15_000);
  });

  it("adds POSTHOG_HOST and POSTHOG_LOCAL_URL to the allowlist, as origins", () => {
    const config = parse(
      {
        SESSION_SECRET: SECRET,
        POSTHOG_HOST: "https://posthog.example.com/",
        POSTHOG_LOCAL_URL: "http://127.0.0.1:8010",
      },
      dataDir,
    );
    expect(config.posthogHost).toBe("https://posthog.example.com");
    expect(config.localPosthogUrl).toBe("http://127.0.0.1:8010");
    expect(config.allowedOrigins).toEqual([US_CLOUD, EU_CLOUD, "https://posthog.example.com", "http://127.0.0.1:8010"]);
  });

  it("reads SESSION_TTL_HOURS and UPSTREAM_TIMEOUT_MS", () => {
    const config = parse({ SESSION_SECRET: SECRET, SESSION_TTL_HOURS: "1.5", UPSTREAM_TIMEOUT_MS: "2500" }, dataDir);
    expect(config.sessionTtlSeconds).toBe(5400);
    expect(config.upstreamTimeoutMs).toBe(2500);
  });
});

describe("POSTHOG_ALLOWED_HOSTS", () => {
  it("replaces the Cloud defaults with the listed origins, trimmed, deduplicated, blanks ignored", () => {
    const config = parse(
      {
        SESSION_SECRET: SECRET,
        POSTHOG_ALLOWED_HOSTS: " https://a.example.com , https://b.example.com:8443/,,https://a.example.com",
        POSTHOG_HOST: "https://b.example.com:8443",
      },
      dataDir,
    );
    expect(config.allowedOrigins).toEqual(["https://a.example.com", "https://b.example.com:8443"]);
  });

  it("still allows POSTHOG_HOST and POSTHOG_LOCAL_URL when they are not listed", () => {
    const config = parse(
      {
        SESSION_SECRET: SECRET,
        POSTHOG_ALLOWED_HOSTS: "https://a.example.com",
        POSTHOG_HOST: "https://c.example.com",
        POSTHOG_LOCAL_URL: "http://localhost:8010",
      },
      dataDir,
    );
    expect(config.allowedOrigins).toEqual(["https://a.example.com", "https://c.example.com", "http://localhost:8010"]);
    expect(config.allowedOrigins).not.toContain(US_CLOUD);
  });

  it("refuses an entry that is not an origin, naming the variable", () => {
    expect(configError({ SESSION_SECRET: SECRET, POSTHOG_ALLOWED_HOSTS: "https://a.example.com,not a url" }).variable).toBe(
      "POSTHOG_ALLOWED_HOSTS",
    );
    expect(configError({ SESSION_SECRET: SECRET, POSTHOG_ALLOWED_HOSTS: "https://a.example.com/api" }).variable).toBe(
      "POSTHOG_ALLOWED_HOSTS",
    );
    expect(configError({ SESSION_SECRET: SECRET, POSTHOG_ALLOWED_HOSTS: "ftp://a.example.com" }).variable).toBe(
      "POSTHOG_ALLOWED_HOSTS",
    );
  });
});

describe("invalid values fail with a ConfigError naming the variable", () => {
  it.each<[string, Env]>([
    ["SESSION_SECRET", { SESSION_SECRET: "x".repeat(31) }],
    ["POSTHOG_HOST", { SESSION_SECRET: SECRET, POSTHOG_HOST: "posthog.example.com" }],
    ["POSTHOG_HOST", { SESSION_SECRET: SECRET, POSTHOG_HOST: "https://posthog.example.com/api" }],
    ["POSTHOG_HOST", { SESSION_SECRET: SECRET, POSTHOG_HOST: "https://posthog.example.com/?a=1" }],
    ["POSTHOG_HOST", { SESSION_SECRET: SECRET, POSTHOG_HOST: "javascript:alert(1)" }],
    ["POSTHOG_LOCAL_URL", { SESSION_SECRET: SECRET, POSTHOG_LOCAL_URL: "localhost:8010/x" }],
    ["SESSION_TTL_HOURS", { SESSION_SECRET: SECRET, SESSION_TTL_HOURS: "twelve" }],
    ["SESSION_TTL_HOURS", { SESSION_SECRET: SECRET, SESSION_TTL_HOURS: "0" }],
    ["SESSION_TTL_HOURS", { SESSION_SECRET: SECRET, SESSION_TTL_HOURS: "-1" }],
    ["SESSION_TTL_HOURS", { SESSION_SECRET: SECRET, SESSION_TTL_HOURS: "721" }],
    ["UPSTREAM_TIMEOUT_MS", { SESSION_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: "soon" }],
    ["UPSTREAM_TIMEOUT_MS", { SESSION_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: "99" }],
    ["UPSTREAM_TIMEOUT_MS", { SESSION_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: "120001" }],
    ["UPSTREAM_TIMEOUT_MS", { SESSION_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: "1500.5" }],
  ])("%s (%j)", (variable, env) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
  });

  it("accepts the edges of the ranges", () => {
    expect(parse({ SESSION_SECRET: "x".repeat(32), SESSION_TTL_HOURS: "720", UPSTREAM_TIMEOUT_MS: "100" }, dataDir)).toMatchObject({
      sessionTtlSeconds: 720 * 3600,
      upstreamTimeoutMs: 100,
    });
    expect(parse({ SESSION_SECRET: SECRET, UPSTREAM_TIMEOUT_MS: "120000" }, dataDir).upstreamTimeoutMs).toBe(120_000);
  });
});

describe("a missing SESSION_SECRET", () => {
  it("outside production, is generated under the data dir and reused on the next parse", () => {
    const nested = join(dataDir, "nested", ".data");
    const first = parse({ NODE_ENV: "development" }, nested);
    const file = join(nested, "session-secret");
    expect(existsSync(file)).toBe(true);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first.sessionSecret);
    expect(statSync(file).mode & 0o077).toBe(0);

    const second = parse({ NODE_ENV: "development", SESSION_SECRET: "" }, nested);
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it("in production without local flags, is an error (and nothing is written)", () => {
    const error = configError({ NODE_ENV: "production" });
    expect(error.variable).toBe("SESSION_SECRET");
    expect(existsSync(join(dataDir, "session-secret"))).toBe(false);
  });

  it("in production, an empty POSTHOG_LOCAL_URL is not a local flag", () => {
    const error = configError({ NODE_ENV: "production", POSTHOG_LOCAL_URL: "" });
    expect(error.variable).toBe("SESSION_SECRET");
    expect(existsSync(join(dataDir, "session-secret"))).toBe(false);
  });

  it("in production run by `npm start` (local PostHog), is generated", () => {
    expect(parse({ NODE_ENV: "production", POSTHOG_ADMIN_LOCAL: "1" }, dataDir).sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(
      parse({ NODE_ENV: "production", POSTHOG_LOCAL_URL: "http://127.0.0.1:8010" }, dataDir).sessionSecret.length,
    ).toBeGreaterThanOrEqual(32);
  });
});
