/**
 * The PostHog resource contract shared by the browser, the dashboard server and the local PostHog:
 * zod schemas for the newest PostHog response shapes (POSTHOG-API.md §2), the obvious request bodies,
 * and the types inferred from them. Imports nothing but zod.
 */
export * from "./common";
export * from "./error-body";
export * from "./pagination";
export * from "./organization";
export * from "./destination";
export * from "./batch-export-run";
export * from "./batch-export-backfill";
export * from "./batch-export";
export * from "./batch-export-actions";
export * from "./log-entry";
export * from "./integration";
