import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Server modules import "server-only", which throws outside React's server build; tests are server-side.
      "server-only": `${root}node_modules/server-only/empty.js`,
    },
  },
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
