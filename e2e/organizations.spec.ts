import { expect, test } from "@playwright/test";
import { newMember, signInDemo, signInWithKey, unique } from "./fixtures";

test.describe("organizations", () => {
  test("the list searches and sorts", async ({ page }) => {
    await signInDemo(page);
    await page.getByLabel("Search organizations").fill("north");
    await expect(page.getByRole("link", { name: "Northwind Research" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Hedgehog Analytics" })).toHaveCount(0);
    await expect(page.getByText("1 of 3 organizations")).toBeVisible();
    await page.getByLabel("Search organizations").fill("");
    await page.getByRole("button", { name: "Your level" }).click();
    const firstRow = page.getByRole("row").nth(1);
    await expect(firstRow).toContainText("Northwind Research");
  });

  test("create, rename, toggle a setting, and delete with the typed name", async ({ page, request }) => {
    const member = await newMember(request);
    await signInWithKey(page, member.key);
    const name = unique("Created");

    await test.step("create", async () => {
      await page.getByRole("button", { name: "New organization" }).click();
      const dialog = page.getByRole("dialog", { name: "New organization" });
      await dialog.getByLabel("Name").fill("x".repeat(65));
      await dialog.getByRole("button", { name: "Create organization" }).click();
      await expect(dialog.getByText("Ensure this field has no more than 64 characters.")).toBeVisible();
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByRole("button", { name: "Create organization" }).click();
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      await expect(page.getByText("Owner", { exact: true })).toBeVisible();
    });

    const renamed = `${name} renamed`;
    await test.step("rename", async () => {
      await page.getByLabel("Name", { exact: true }).fill(renamed);
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();
      await page.reload();
      await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();
    });

    await test.step("toggle a setting, and it stays after a reload", async () => {
      const toggle = page.getByRole("switch", { name: "Enforce two-factor authentication" });
      await expect(toggle).not.toBeChecked();
      await toggle.click();
      await expect(toggle).toBeChecked();
      await expect(page.getByText("Enforce two-factor authentication saved")).toBeVisible();
      await page.reload();
      await expect(page.getByRole("switch", { name: "Enforce two-factor authentication" })).toBeChecked();
    });

    await test.step("delete with the typed name", async () => {
      await page.getByRole("button", { name: "Delete organization" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByText("1 project: Default project")).toBeVisible();
      await expect(dialog.getByText("0 batch exports")).toBeVisible();
      const confirm = dialog.getByRole("button", { name: "Delete organization" });
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${renamed} to confirm`).fill(renamed.slice(0, -1));
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${renamed} to confirm`).fill(renamed);
      await confirm.click();
      await expect(page).toHaveURL(/\/organizations$/);
      await expect(page.getByRole("link", { name: member.organizationName })).toBeVisible();
      await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
    });
  });

  test("a member sees settings and deletion disabled, with the reasons", async ({ page }) => {
    await signInDemo(page);
    await page.getByRole("link", { name: "Northwind Research" }).click();
    await expect(page.getByTestId("settings-locked")).toHaveText(/Only admins and owners can change settings; you are a member/);
    await expect(page.getByRole("switch", { name: "Members can invite" })).toBeDisabled();
    await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Delete organization" })).toBeDisabled();
    await expect(page.getByTestId("delete-locked")).toHaveText(/Only owners can delete an organization; you are a member/);
  });

  test("an admin can change settings but not delete", async ({ page }) => {
    await signInDemo(page);
    await page.getByRole("link", { name: "Acme Data Platform" }).click();
    await expect(page.getByRole("switch", { name: "Members can invite" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Delete organization" })).toBeDisabled();
    await expect(page.getByTestId("delete-locked")).toHaveText(/you are an admin/);
  });

  test("the switcher finds an organization by typing", async ({ page }) => {
    await signInDemo(page);
    await page.getByRole("button", { name: "Switch organization" }).click();
    await page.getByRole("combobox", { name: "Search organizations" }).fill("acme");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Acme Data Platform", level: 1 })).toBeVisible();
  });
});
