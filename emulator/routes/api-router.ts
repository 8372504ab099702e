import type { Profile } from "../emulator-context";
import { Router } from "../http/router";
import { deprecatedBackfill, registerBackfillRoutes } from "./backfills";
import { organizationScope, projectScope } from "./batch-export-scope";
import { ORGANIZATION_PREFIX, PROJECT_PREFIXES, registerBatchExportRoutes } from "./batch-exports";
import { registerIntegrationRoutes } from "./integrations";
import { exportLogs } from "./logs";
import { registerOrganizationRoutes } from "./organizations";
import { registerRunRoutes } from "./runs";

/**
 * PostHog's routes for a profile. Runs and backfills exist only under projects; the deprecated
 * `backfill` action only in the legacy profile (Cloud answers 404 for it, as its URL is gone).
 */
export function buildApiRouter(profile: Profile): Router {
  const router = new Router();
  registerOrganizationRoutes(router);
  for (const prefix of PROJECT_PREFIXES) {
    registerBatchExportRoutes(router, prefix, projectScope);
    router.add("GET", `${prefix}/:id/logs`, exportLogs(projectScope));
    registerRunRoutes(router, prefix);
    registerBackfillRoutes(router, prefix);
    if (profile === "legacy") router.add("POST", `${prefix}/:id/backfill`, deprecatedBackfill(projectScope));
  }
  registerBatchExportRoutes(router, ORGANIZATION_PREFIX, organizationScope);
  router.add("GET", `${ORGANIZATION_PREFIX}/:id/logs`, exportLogs(organizationScope));
  if (profile === "legacy") {
    router.add("POST", `${ORGANIZATION_PREFIX}/:id/backfill`, deprecatedBackfill(organizationScope));
  }
  registerIntegrationRoutes(router);
  return router;
}
