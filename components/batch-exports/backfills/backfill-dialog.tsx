"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { boundInputKind, boundInputStep, boundInstant, boundInputValue, boundRequestValue, defaultEndValue } from "@/lib/batch-exports/backfill-inputs";
import { dayName, intervalNoun, scheduleOf } from "@/lib/batch-exports/export-schedule";
import { countBackfillRuns } from "@/lib/batch-exports/interval-preview";
import { hourLabel, type Schedule } from "@/lib/batch-exports/schedule";
import type { BatchExport } from "@/lib/posthog";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useStartBackfill } from "@/lib/queries/batch-exports";
import { backfillFormSchema, type BackfillFormValues } from "./backfill-form-schema";
import { BackfillPreview } from "./backfill-preview";
import { noteBackfillStarted } from "./recent-backfill-starts";

export interface BackfillDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organizationId: string;
  batchExport: BatchExport;
  /** Called with PostHog's `backfill_id` once the backfill is accepted (the dialog has closed). */
  onStarted: (backfillId: string) => void;
}

/** PostHog's intro, with the schedule the bounds are read against. */
function intro(schedule: Schedule): string {
  const base = `PostHog runs every batch period between the start and the end, one after another, one per ${intervalNoun(schedule.interval)}.`;
  if (schedule.interval === "day") return `${base} This export runs daily at ${hourLabel(schedule.offsetHour)} (${schedule.timezone}).`;
  if (schedule.interval === "week") {
    return `${base} This export runs every ${dayName(schedule.offsetDay)} at ${hourLabel(schedule.offsetHour)} (${schedule.timezone}).`;
  }
  return base;
}

function boundHint(schedule: Schedule, step: number | undefined): string {
  switch (schedule.interval) {
    case "week":
      return `A ${dayName(schedule.offsetDay)}; the interval starts at ${hourLabel(schedule.offsetHour)}.`;
    case "day":
      return `The interval starts at ${hourLabel(schedule.offsetHour)}.`;
    case "hour":
      // Hourly boundaries are UTC hours, which fall at :30 or :45 in some timezones.
      return step === 3600 ? "On the hour." : "On a whole hour in UTC.";
    default:
      return `On a multiple of ${intervalNoun(schedule.interval)}.`;
  }
}

/** Where PostHog's refusal belongs: on the field it names, else above the buttons. */
function placeRefusal(error: unknown): { field: keyof BackfillFormValues | null; message: string } {
  const attr = error instanceof ApiRequestError ? error.body.attr : null;
  const field = attr === "start_at" || attr === "end_at" ? attr : null;
  return { field, message: errorMessage(error) };
}

function BackfillForm({ organizationId, batchExport, onOpenChange, onStarted }: Omit<BackfillDialogProps, "open">) {
  const schedule = useMemo(() => scheduleOf(batchExport), [batchExport]);
  const [openedAt] = useState(() => Date.now());
  const [refusal, setRefusal] = useState<string | null>(null);
  const start = useStartBackfill(organizationId, batchExport.id);
  const resolver = useMemo(() => zodResolver(backfillFormSchema(schedule)), [schedule]);
  const form = useForm<BackfillFormValues>({
    resolver,
    defaultValues: { start_at: "", end_at: defaultEndValue(schedule, openedAt) },
  });
  const [startValue, endValue] = useWatch({ control: form.control, name: ["start_at", "end_at"] });
  const { errors } = form.formState;
  const kind = boundInputKind(schedule);
  const step = boundInputStep(schedule, openedAt);
  const max = boundInputValue(openedAt, schedule);

  function onSubmit(values: BackfillFormValues) {
    setRefusal(null);
    const body = { start_at: boundRequestValue(values.start_at, schedule), end_at: boundRequestValue(values.end_at, schedule) };
    start.mutate(body, {
      onSuccess: ({ backfill_id }) => {
        noteBackfillStarted(batchExport.id);
        const runs = countBackfillRuns(schedule, boundInstant(values.start_at, schedule)!, boundInstant(values.end_at, schedule)!);
        toast.success("Backfill started", {
          description: `${runs} run${runs === 1 ? "" : "s"} scheduled, one per ${intervalNoun(schedule.interval)}.`,
        });
        onOpenChange(false);
        onStarted(backfill_id);
      },
      // The dialog stays open with everything typed, and says why PostHog said no.
      onError: (error) => {
        const { field, message } = placeRefusal(error);
        if (field) form.setError(field, { message }, { shouldFocus: true });
        else setRefusal(message);
      },
    });
  }

  const bound = (name: keyof BackfillFormValues, id: string, label: string) => (
    <Field
      id={id}
      label={
        <>
          {label} <span className="font-normal text-neutral-500">in {schedule.timezone}</span>
        </>
      }
      hint={boundHint(schedule, step)}
      error={errors[name]?.message}
    >
      <Input
        id={id}
        type={kind}
        step={step}
        max={max}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(id, { error: errors[name]?.message, hint: boundHint(schedule, step) })}
        {...form.register(name)}
      />
    </Field>
  );

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-4" aria-label="Backfill range">
      <div className="grid gap-4 sm:grid-cols-2">
        {bound("start_at", "backfill-start", "Start")}
        {bound("end_at", "backfill-end", "End")}
      </div>
      <BackfillPreview schedule={schedule} start={startValue} end={endValue} latestRuns={batchExport.latest_runs} />
      {refusal && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {refusal}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button type="submit" disabled={start.isPending}>
          {start.isPending ? "Scheduling…" : "Schedule runs"}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Start backfill": a range in the export's timezone, checked with PostHog's rules and previewed
 * (runs, overlap with what was already exported) before PostHog is asked.
 */
export function BackfillDialog({ open, onOpenChange, organizationId, batchExport, onStarted }: BackfillDialogProps) {
  const schedule = scheduleOf(batchExport);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Start backfill" description={intro(schedule)}>
      {/* Mounted per opening, so each opening starts from PostHog's default end at that moment. */}
      {open && <BackfillForm organizationId={organizationId} batchExport={batchExport} onOpenChange={onOpenChange} onStarted={onStarted} />}
    </Dialog>
  );
}
