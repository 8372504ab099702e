import type { Db } from "../store/open-database";

const TABLES = [
  "log_entries",
  "batch_export_runs",
  "batch_export_backfills",
  "batch_exports",
  "integrations",
  "personal_api_keys",
  "memberships",
  "teams",
  "organizations",
  "users",
];

/** Empties every table in one transaction (children first, so foreign keys hold throughout). */
export function resetDatabase(db: Db): void {
  db.transaction(() => {
    for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
  })();
}
