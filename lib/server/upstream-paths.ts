import "server-only";

/**
 * Every PostHog path the dashboard may call, per method. Ids are matched strictly (UUIDs, integers),
 * so nothing a user types can steer a request elsewhere on the upstream host.
 */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const INT = "[0-9]{1,12}";

const ALLOWED: Array<[string, RegExp]> = [
  ["GET", new RegExp(`^/api/organizations/$`)],
  ["POST", new RegExp(`^/api/organizations/$`)],
  ["GET", new RegExp(`^/api/organizations/${UUID}/$`)],
  ["PATCH", new RegExp(`^/api/organizations/${UUID}/$`)],
  ["DELETE", new RegExp(`^/api/organizations/${UUID}/$`)],
  ["GET", new RegExp(`^/api/organizations/${UUID}/batch_exports/$`)],
  ["GET", new RegExp(`^/api/organizations/${UUID}/batch_exports/${UUID}/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/batch_exports/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/batch_exports/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/$`)],
  ["PATCH", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/$`)],
  ["DELETE", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/(pause|unpause|backfill)/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/logs/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/(runs|backfills)/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/backfills/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/(runs|backfills)/${UUID}/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/runs/${UUID}/(retry|cancel)/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/batch_exports/${UUID}/backfills/${UUID}/cancel/$`)],
  ["GET", new RegExp(`^/api/projects/${INT}/integrations/$`)],
  ["POST", new RegExp(`^/api/projects/${INT}/integrations/$`)],
];

export function isAllowedUpstreamPath(method: string, path: string): boolean {
  return ALLOWED.some(([m, pattern]) => m === method && pattern.test(path));
}
