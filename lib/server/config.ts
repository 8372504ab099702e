import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export const US_CLOUD = "https://us.posthog.com";
export const EU_CLOUD = "https://eu.posthog.com";

export interface AppConfig {
  /** The upstream preselected on the sign-in page. */
  posthogHost: string | null;
  /** The local PostHog, when `npm start` runs it (offered as "Try the local demo"). */
  localPosthogUrl: string | null;
  /** Origins a user may sign in to. Nothing else is ever called. */
  allowedOrigins: string[];
  sessionSecret: string;
  sessionTtlSeconds: number;
  upstreamTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

function origin(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(variable, `"${raw}" is not a URL (expected something like https://posthog.example.com).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(variable, `"${raw}" must start with https:// or http://.`);
  }
  if (url.pathname !== "/" || url.search || url.username) {
    throw new ConfigError(variable, `"${raw}" must be an origin only: scheme, host and port, without a path.`);
  }
  return url.origin;
}

/** A secret made once for local use and kept under `.data/`, so sessions survive restarts. */
function localSessionSecret(dataDir: string): string {
  const file = resolve(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Reads and checks the configuration; a bad value fails with a message naming its variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, dataDir = ".data"): AppConfig {
  const posthogHost = env.POSTHOG_HOST ? origin("POSTHOG_HOST", env.POSTHOG_HOST) : null;
  const localPosthogUrl = env.POSTHOG_LOCAL_URL ? origin("POSTHOG_LOCAL_URL", env.POSTHOG_LOCAL_URL) : null;
  const listed = env.POSTHOG_ALLOWED_HOSTS
    ? env.POSTHOG_ALLOWED_HOSTS.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => origin("POSTHOG_ALLOWED_HOSTS", s))
    : [US_CLOUD, EU_CLOUD];
  const allowedOrigins = [...new Set([...listed, posthogHost, localPosthogUrl].filter((o): o is string => !!o))];

  let sessionSecret = env.SESSION_SECRET;
  if (sessionSecret === undefined || sessionSecret === "") {
    if (env.NODE_ENV === "production" && !env.POSTHOG_LOCAL_URL && env.POSTHOG_ADMIN_LOCAL !== "1") {
      throw new ConfigError("SESSION_SECRET", "is required in production: set at least 32 random characters.");
    }
    sessionSecret = localSessionSecret(dataDir);
  }
  if (sessionSecret.length < 32) {
    throw new ConfigError("SESSION_SECRET", `must be at least 32 characters long (got ${sessionSecret.length}).`);
  }

  const ttlHours = env.SESSION_TTL_HOURS === undefined || env.SESSION_TTL_HOURS === "" ? 12 : Number(env.SESSION_TTL_HOURS);
  if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 30) {
    throw new ConfigError("SESSION_TTL_HOURS", `must be a number of hours between 0 and 720 (got "${env.SESSION_TTL_HOURS}").`);
  }
  const timeout = env.UPSTREAM_TIMEOUT_MS === undefined || env.UPSTREAM_TIMEOUT_MS === "" ? 15_000 : Number(env.UPSTREAM_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120_000) {
    throw new ConfigError("UPSTREAM_TIMEOUT_MS", `must be a whole number of milliseconds from 100 to 120000 (got "${env.UPSTREAM_TIMEOUT_MS}").`);
  }
  return {
    posthogHost,
    localPosthogUrl,
    allowedOrigins,
    sessionSecret,
    sessionTtlSeconds: Math.round(ttlHours * 3600),
    upstreamTimeoutMs: timeout,
  };
}

let cached: AppConfig | null = null;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
