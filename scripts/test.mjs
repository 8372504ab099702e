// `npm test`: every suite in order (typecheck, lint, unit, contract, e2e), a table of results,
// and one closing line "N passed, N failed" with the totals. Exit code 1 when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "./ensure-chromium.mjs";

const results = [];
const outDir = ".data/test-results";
mkdirSync(outDir, { recursive: true });

function run(command, args, env = {}) {
  const started = Date.now();
  const proc = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return { ok: proc.status === 0, seconds: (Date.now() - started) / 1000 };
}

function check(name, command, args) {
  console.log(`\n=== ${name} ===`);
  const { ok, seconds } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds });
}

function vitestSuite(project) {
  console.log(`\n=== ${project} ===`);
  const file = `${outDir}/${project}.json`;
  rmSync(file, { force: true });
  const { ok, seconds } = run("npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    results.push({ name: project, passed: 0, failed: 1, seconds, note: "no report (crashed?)" });
    return;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  const failed = report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  results.push({ name: project, passed: report.numPassedTests, failed, seconds });
}

function e2eSuite() {
  console.log("\n=== e2e ===");
  try {
    ensureChromium();
  } catch (error) {
    console.error(error.message);
    results.push({ name: "e2e", passed: 0, failed: 1, seconds: 0, note: "no Chromium" });
    return;
  }
  const build = run("npx", ["next", "build"]);
  if (!build.ok) {
    results.push({ name: "e2e", passed: 0, failed: 1, seconds: build.seconds, note: "next build failed" });
    return;
  }
  const file = `${outDir}/e2e.json`;
  rmSync(file, { force: true });
  const { ok, seconds } = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file, CI: process.env.CI ?? "1" });
  if (!existsSync(file)) {
    results.push({ name: "e2e", passed: 0, failed: 1, seconds, note: "no report" });
    return;
  }
  const stats = JSON.parse(readFileSync(file, "utf8")).stats;
  const failed = stats.unexpected + (ok || stats.unexpected > 0 ? 0 : 1);
  results.push({ name: "e2e", passed: stats.expected + stats.flaky, failed, seconds: seconds + build.seconds });
}

// The unit suite records every emulator response; the contract suite validates exactly those.
rmSync(".data/contract-recordings", { recursive: true, force: true });
check("typecheck", "npx", ["tsc", "--noEmit"]);
check("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
vitestSuite("unit");
vitestSuite("contract");
e2eSuite();

console.log("\nsuite       passed  failed  seconds");
for (const r of results) {
  console.log(`${r.name.padEnd(11)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}${r.note ? `  ${r.note}` : ""}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
