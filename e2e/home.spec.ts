import { expect, test } from "@playwright/test";

test("the home page introduces the dashboard", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("PostHog Org Admin");
  await expect(page.getByRole("heading", { level: 1, name: "PostHog Org Admin" })).toBeVisible();
});

test("the local PostHog answers the demo key's organizations", async ({ request }) => {
  const state = await request.get("http://127.0.0.1:" + (process.env.E2E_EMULATOR_PORT ?? 8311) + "/_emulator/state");
  expect(state.ok()).toBe(true);
  expect((await state.json()).profile).toBe("cloud");
});
