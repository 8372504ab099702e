// Finds the system Chromium that Playwright drives, installing Debian's package when we are root.
// Playwright's own browser download cannot work here (no internet), so it is never used.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log(`Chromium not found at ${path}; installing Debian's chromium package...`);
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], {
      stdio: "inherit",
    });
    if (existsSync(path)) return path;
  }
  throw new Error(
    `Chromium was not found at ${path}. Install it with "sudo apt-get install -y chromium" ` +
      `or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
