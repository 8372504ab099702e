import { defineConfig, devices } from "@playwright/test";

const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 8311);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3311);
const LEGACY_PORT = Number(process.env.E2E_LEGACY_PORT ?? 8312);
const isCI = !!process.env.CI;

const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`;
const legacyUrl = `http://127.0.0.1:${LEGACY_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 1,
  reporter: isCI ? [["list"]] : "list",
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx tsx emulator/cli.ts --port ${EMULATOR_PORT} --db :memory: --seed demo`,
      url: `${emulatorUrl}/_emulator/state`,
      reuseExistingServer: !isCI,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 60_000,
    },
    {
      // An older self-hosted PostHog (deprecated backfill action, working organization-level writes).
      command: `npx tsx emulator/cli.ts --port ${LEGACY_PORT} --db :memory: --seed demo --profile legacy`,
      url: `${legacyUrl}/_emulator/state`,
      reuseExistingServer: !isCI,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 60_000,
    },
    {
      command: `npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${APP_PORT}`,
      reuseExistingServer: !isCI,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 120_000,
      env: {
        POSTHOG_LOCAL_URL: emulatorUrl,
        POSTHOG_ALLOWED_HOSTS: `https://us.posthog.com,https://eu.posthog.com,${legacyUrl}`,
        SESSION_SECRET: "e2e-session-secret-that-is-long-enough-0123456789",
        NEXT_TELEMETRY_DISABLED: "1",
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      },
    },
  ],
});
