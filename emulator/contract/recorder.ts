import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Records every response the emulator's HTTP tests receive, so that the contract suite
 * (`emulator-responses.contract.test.ts`) can check each body against PostHog's OpenAPI document
 * without the emulator's tests knowing anything about schemas.
 *
 * One NDJSON file per process and vitest worker under `.data/contract-recordings/`, appended
 * synchronously (one small `appendFileSync` per response). Stale files from an earlier run are read too:
 * call `clearRecordings()` (or delete the directory) before the unit run that produces fresh ones.
 */

export type RecordingProfile = "cloud" | "legacy";

export interface RecordedResponse {
  method: string;
  /** Concrete path plus query string, e.g. `/api/projects/2/batch_exports/<uuid>/runs/?status=Failed`. */
  path: string;
  status: number;
  /** The parsed JSON body; `undefined`, `null` or `""` when the response had no body. */
  body: unknown;
  /** Which PostHog version the emulator was emulating: newest (`cloud`) or an old self-hosted (`legacy`). */
  profile: RecordingProfile;
}

export interface Recording extends RecordedResponse {
  /** ISO time the line was written, for diagnosing stale recordings. */
  recorded_at: string;
  /** The NDJSON file the line came from (relative to the recordings directory). */
  file: string;
}

/** Environment variable that redirects recordings (used by the recorder's own tests). */
export const RECORDINGS_DIR_ENV = "POSTHOG_CONTRACT_RECORDINGS_DIR";

/**
 * The repository root (the folder holding `package.json` and `emulator/`). Resolved from this module's own
 * location whether it runs as ESM (vitest, Next) or CommonJS (tsx), with `process.cwd()` as a last resort.
 */
export function repoRoot(): string {
  const candidates: string[] = [];
  const here = moduleDirectory();
  if (here) candidates.push(path.resolve(here, "../.."));
  let dir = process.cwd();
  for (;;) {
    candidates.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const root = candidates.find((c) => existsSync(path.join(c, "package.json")) && existsSync(path.join(c, "emulator")));
  if (!root) throw new Error(`Cannot find the repository root (tried: ${candidates.join(", ")})`);
  return root;
}

function moduleDirectory(): string | undefined {
  try {
    const url = import.meta.url;
    if (typeof url === "string" && url.startsWith("file:")) return path.dirname(fileURLToPath(url));
  } catch {
    // import.meta is unavailable when compiled to CommonJS; fall through.
  }
  return typeof __dirname === "string" ? __dirname : undefined;
}

export function recordingsDirectory(): string {
  const override = process.env[RECORDINGS_DIR_ENV];
  if (override) return path.resolve(override);
  return path.join(repoRoot(), ".data", "contract-recordings");
}

let fileName: string | undefined;

function currentFileName(): string {
  if (!fileName) {
    const worker =
      process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? Math.random().toString(36).slice(2, 10);
    fileName = `${process.pid}-${worker}.ndjson`;
  }
  return fileName;
}

export function recordResponse(entry: RecordedResponse): void {
  const dir = recordingsDirectory();
  mkdirSync(dir, { recursive: true });
  const line = JSON.stringify({
    method: entry.method.toUpperCase(),
    path: entry.path,
    status: entry.status,
    // JSON.stringify drops an `undefined` property; keep "no body" explicit.
    body: entry.body === undefined ? null : entry.body,
    profile: entry.profile,
    recorded_at: new Date().toISOString(),
  });
  appendFileSync(path.join(dir, currentFileName()), `${line}\n`, "utf8");
}

/** Every recorded response, in file order. Lines that are not valid JSON are skipped (a torn write). */
export function readRecordings(): Recording[] {
  const dir = recordingsDirectory();
  if (!existsSync(dir)) return [];
  const out: Recording[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ndjson")).sort()) {
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      if (isRecording(parsed)) out.push({ ...parsed, file });
    }
  }
  return out;
}

export function clearRecordings(): void {
  rmSync(recordingsDirectory(), { recursive: true, force: true });
}

function isRecording(value: unknown): value is Omit<Recording, "file"> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.method === "string" &&
    typeof v.path === "string" &&
    typeof v.status === "number" &&
    (v.profile === "cloud" || v.profile === "legacy")
  );
}
