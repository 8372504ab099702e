import { DEFAULT_POLL_MS } from "./poll-scheduler";

/**
 * The base poll interval. `NEXT_PUBLIC_LOG_POLL_MS` (read at build time) lets a test or a benchmark
 * poll faster; anything unusable falls back to the default, which suits PostHog's rate limits.
 */
export function configuredPollMs(raw: string | undefined = process.env.NEXT_PUBLIC_LOG_POLL_MS): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value >= 100 && value <= 60_000 ? value : DEFAULT_POLL_MS;
}
