import { expect, test } from "@playwright/test";
import { control, newMember, signInDemo, signInWithKey } from "./fixtures";

test.describe("signing in", () => {
  test("the local demo signs in with one click and lists the demo organizations", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await signInDemo(page);
    for (const name of ["Hedgehog Analytics", "Acme Data Platform", "Northwind Research"]) {
      await expect(page.getByRole("link", { name })).toBeVisible();
    }
    await expect(page.getByTestId("signed-in-host")).toHaveText(/127\.0\.0\.1/);
  });

  test("a personal API key signs in and shows that key's organizations", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    await expect(page).toHaveURL(/\/organizations$/);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
  });

  test("a wrong key is refused with the reason beside the key field, and nothing is lost", async ({ page }) => {
    await signInWithKey(page, "phx_thisKeyDoesNotExist123");
    const field = page.getByLabel("Personal API key");
    await expect(page.getByText(/does not recognise this personal API key/)).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveValue("phx_thisKeyDoesNotExist123");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a key limited to projects is explained", async ({ page, request }) => {
    const member = await newMember(request, { scopedToProjects: true });
    await signInWithKey(page, member.key);
    await expect(page.getByText(/limited to specific projects/)).toBeVisible();
  });

  test("a key without organization:read is explained", async ({ page, request }) => {
    const member = await newMember(request, { scopes: ["batch_export:read"] });
    await signInWithKey(page, member.key);
    await expect(page.getByText(/lacks the organization:read scope/)).toBeVisible();
  });

  test("signing out returns to the sign-in page and the dashboard is closed", async ({ page }) => {
    await signInDemo(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed_out/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/organizations");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a key revoked in PostHog sends the user to sign-in with that reason", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
    await control(request, "DELETE", `keys/${member.keyId}`);
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in\?reason=key_rejected/);
    await expect(page.getByText(/no longer accepts your personal API key/)).toBeVisible();
  });
});
