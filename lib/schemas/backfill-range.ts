import { z } from "zod";

/** `{start_at, end_at}` as PostHog takes them: ISO datetimes, or dates for daily and weekly exports. */
export const BackfillRangeBody = z.object({
  start_at: z.string().min(1, "Choose where the backfill starts.").nullable(),
  end_at: z.string().min(1, "Choose where the backfill ends.").nullable(),
});
