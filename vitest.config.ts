import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["**/node_modules/**", "**/*.contract.test.ts", "e2e/**", ".next/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "contract",
          environment: "node",
          include: ["**/*.contract.test.ts"],
          exclude: ["**/node_modules/**"],
        },
      },
    ],
  },
});
