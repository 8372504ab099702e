// `npm start`: the dashboard on PORT (default 3000). Without POSTHOG_HOST it also runs the local
// PostHog with demo data (kept under .data/), so the sign-in page offers "Try the local demo".
// It builds first when the build is missing or older than the sources. Ctrl-C stops everything.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const children = [];
const NEXT = "node_modules/next/dist/bin/next";
const TSX = "node_modules/tsx/dist/cli.mjs";
let stopping = false;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", POSTHOG_ADMIN_LOCAL: "1" };

/** Stops everything started so far and exits at once, so nothing after a failure runs or is left behind. */
function fail(message) {
  console.error(message);
  stopAll(1);
  process.exit(1);
}

// Each child runs in its own process group, so stopping it also stops what it started (tsx's node, next-server).
function stopAll(code = 0) {
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null) continue;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
  setTimeout(() => process.exit(code), 300).unref();
}

process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function checkPort() {
  const raw = env.PORT ?? "3000";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`Configuration error in PORT: "${raw}" is not a port number (1-65535).`);
  return port;
}

function sourceHash() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.test\.tsx?$/.test(name)) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) if (existsSync(dir)) walk(dir);
  for (const file of ["next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest("hex");
}

function buildIfNeeded() {
  const distDir = env.NEXT_DIST_DIR || ".next";
  const stamp = join(distDir, "source-hash");
  const current = sourceHash();
  if (existsSync(join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  console.log("Building the dashboard (the sources changed since the last build)...");
  const build = spawnSync(process.execPath, [NEXT, "build"], { stdio: "inherit", env });
  if (build.status !== 0) fail("The build failed; see above.");
  writeFileSync(stamp, current);
}

function startLocalPosthog() {
  const port = env.EMULATOR_PORT ?? "8010";
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, "emulator/cli.ts", "--port", port, "--seed", "demo"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    children.push(child);
    let seen = "";
    child.stdout.on("data", (chunk) => {
      const text = chunk.toString();
      process.stdout.write(`[local PostHog] ${text.replace(/\n(?=.)/g, "\n[local PostHog] ")}`);
      seen += text;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => {
      if (code !== 0 && !stopping) fail(`The local PostHog stopped (exit ${code}). Is port ${port} free? Set EMULATOR_PORT to use another.`);
    });
  });
}

async function main() {
  const port = checkPort();
  const check = spawnSync(process.execPath, [TSX, "--conditions=react-server", "scripts/check-config.ts"], { stdio: "inherit", env });
  if (check.status !== 0) return fail("Fix the configuration above and start again.");
  if (!env.POSTHOG_HOST) {
    const url = await startLocalPosthog();
    env.POSTHOG_LOCAL_URL = url;
  }
  buildIfNeeded();
  const next = spawn(process.execPath, [NEXT, "start", "-p", String(port)], { env, stdio: "inherit", detached: true });
  children.push(next);
  next.on("exit", (code) => stopAll(code ?? 0));
  console.log(`\nPostHog Org Admin: http://localhost:${port}${env.POSTHOG_LOCAL_URL ? "  (local PostHog with demo data: sign in with \"Try the local demo\")" : ""}\n`);
}

void main();
