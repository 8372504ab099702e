import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordResponse, repoRoot } from "../contract/recorder";

/**
 * `npm run emulator` (tsx emulator/cli.ts) as a user runs it: flags, the printed URL and keys, a demo
 * database that survives a restart, and a clean exit on SIGTERM. Each start costs tsx's ~2 s.
 */
const ROOT = repoRoot();
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const STARTUP_MS = 20_000;

let dir: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
});

afterEach(() => {
  // Only the processes this file started, by their own handle.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Cli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(args: string[]): Cli {
  const env = { ...process.env };
  delete env.EMULATOR_PORT;
  // `npx tsx emulator/cli.ts` without npx's extra process, so SIGTERM reaches tsx directly.
  const child = spawn(process.execPath, [TSX, "emulator/cli.ts", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    for (const listener of listeners) listener();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        }, STARTUP_MS);
        const check = () => {
          const match = pattern.exec(out);
          if (match) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

interface OrganizationSummary {
  id: string;
  name: string;
  membership_level: number;
  teams: Array<{ id: number }>;
  projects: unknown[];
}

interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** GET with a key, recorded for the contract suite like the harness's requests. */
async function get<T = Page<OrganizationSummary>>(baseUrl: string, path: string, key: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = (await res.json()) as T;
  recordResponse({ method: "GET", path, status: res.status, body, profile: "cloud" });
  return { status: res.status, body };
}

async function stopCleanly(cli: Cli): Promise<void> {
  cli.child.kill("SIGTERM");
  const { code, signal } = await cli.exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
}

describe("emulator CLI", () => {
  it(
    "with --port 0 and --seed demo prints the real port and a demo key that sees three organizations; survives a restart",
    async () => {
      const db = join(dir, "demo.sqlite");
      const cli = startCli(["--port", "0", "--db", db, "--seed", "demo"]);
      const [, url, port] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))\n/);
      expect(Number(port)).toBeGreaterThan(0);
      const [, key] = await cli.waitFor(/Demo user key: (phx_\w+)\n/);
      expect(cli.stdout()).toContain(`Database: ${db} (new)`);
      expect(cli.stdout()).toContain(`Try: curl -H "Authorization: Bearer ${key}" ${url}/api/organizations/`);

      const orgs = await get(url!, "/api/organizations/", key!);
      expect(orgs.status).toBe(200);
      expect(orgs.body.count).toBe(3);
      expect(orgs.body.results.map((o) => o.membership_level)).toEqual([15, 8, 1]);
      await stopCleanly(cli);

      // The same file again: not new, same key, same organizations.
      const again = startCli(["--port", "0", "--db", db, "--seed", "demo"]);
      const [, url2] = await again.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      const [, key2] = await again.waitFor(/Demo user key: (phx_\w+)\n/);
      expect(key2).toBe(key);
      expect(again.stdout()).toContain(`Database: ${db}\n`);
      const orgs2 = await get(url2!, "/api/organizations/", key2!);
      expect(orgs2.body.results.map((o) => o.id)).toEqual(orgs.body.results.map((o) => o.id));
      await stopCleanly(again);
    },
    60_000,
  );

  it(
    "--api-key makes that key work, owning one organization with one project",
    async () => {
      const apiKey = "phx_cliTestKey0123456789abcdef";
      const cli = startCli(["--port", "0", "--db", ":memory:", "--seed", "empty", "--api-key", apiKey]);
      const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
      await cli.waitFor(/API key ready: (phx_\w+)\n/);
      expect(cli.stdout()).not.toContain("Demo user key:");

      const orgs = await get(url!, "/api/organizations/", apiKey);
      expect(orgs.status).toBe(200);
      expect(orgs.body.count).toBe(1);
      const org = orgs.body.results[0]!;
      expect(org).toMatchObject({ name: "Local PostHog", membership_level: 15 });
      expect(org.teams).toHaveLength(1);
      expect(org.projects).toHaveLength(1);
      const exports = await get<Page<unknown>>(url!, `/api/projects/${org.teams[0]!.id}/batch_exports/`, apiKey);
      expect(exports.status).toBe(200);
      expect(exports.body).toEqual({ count: 0, next: null, previous: null, results: [] });
      const other = await get(url!, "/api/organizations/", "phx_someOtherKey0123456789");
      expect(other.status).toBe(401);
      await stopCleanly(cli);
    },
    60_000,
  );

  it(
    "refuses bad flags with exit code 2 and a message naming the flag",
    async () => {
      const cases: Array<[string[], string]> = [
        [["--port", "abc"], '--port must be a number from 0 to 65535, got "abc"'],
        [["--port", "70000"], "--port must be a number from 0 to 65535"],
        [["--port"], "--port"],
        [["--seed", "bogus"], "--seed must be demo or empty"],
        [["--profile", "ancient"], "--profile must be cloud or legacy"],
        [["--api-key", "not-a-key"], "--api-key must look like phx_"],
        [["--failure-rate", "2"], "--failure-rate must be a number from 0 to 1"],
        [["--frobnicate"], "--frobnicate"],
      ];
      const results = await Promise.all(
        cases.map(async ([args]) => {
          const cli = startCli(["--db", ":memory:", ...args]);
          const exit = await cli.exited;
          return { exit, stderr: cli.stderr(), stdout: cli.stdout() };
        }),
      );
      results.forEach((result, i) => {
        const [args, message] = cases[i]!;
        expect(result.exit, args.join(" ")).toEqual({ code: 2, signal: null });
        expect(result.stderr, args.join(" ")).toContain(`emulator: `);
        expect(result.stderr, args.join(" ")).toContain(message);
        expect(result.stderr, args.join(" ")).toContain("Usage: npm run emulator");
        expect(result.stdout, args.join(" ")).not.toContain("listening on");
      });
    },
    60_000,
  );

  it(
    "--help prints the usage and exits 0",
    async () => {
      const cli = startCli(["--help"]);
      const exit = await cli.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(cli.stdout()).toContain("Usage: npm run emulator");
      expect(cli.stdout()).toContain("--api-key <phx_...>");
    },
    30_000,
  );
});
