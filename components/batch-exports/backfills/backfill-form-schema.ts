import { z } from "zod";
import { checkBackfillRange } from "@/lib/batch-exports/backfill-rules";
import type { Schedule } from "@/lib/batch-exports/schedule";

/** The dialog's two inputs, checked with PostHog's rules at the moment of checking ("not in the future"). */
export function backfillFormSchema(schedule: Schedule) {
  return z.object({ start_at: z.string(), end_at: z.string() }).superRefine((values, ctx) => {
    const errors = checkBackfillRange(values, schedule, Date.now());
    for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: [field], message });
  });
}

export type BackfillFormValues = z.infer<ReturnType<typeof backfillFormSchema>>;
