"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Field, describedBy } from "@/components/ui/field";
import { scheduleFromForm } from "@/lib/batch-exports/form-changes";
import type { BatchExportFormValues } from "@/lib/batch-exports/form-values";
import { formatRunTime, hourLabel, isCalendarInterval, scheduleLabel, upcomingRuns, WEEKDAYS } from "@/lib/batch-exports/schedule";
import { useNow } from "@/lib/hooks/use-now";
import type { BatchExportInterval } from "@/lib/posthog";
import { FormSection } from "./form-section";
import { NativeSelect } from "./native-select";
import { TimezoneCombobox } from "./timezone-combobox";

const INTERVALS: ReadonlyArray<{ value: BatchExportInterval; label: string }> = [
  { value: "hour", label: "Hourly" },
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "every 15 minutes", label: "Every 15 minutes" },
  { value: "every 5 minutes", label: "Every 5 minutes" },
];

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const ID = {
  interval: "batch-export-interval",
  timezone: "batch-export-timezone",
  hour: "batch-export-offset-hour",
  day: "batch-export-offset-day",
};

/** How often the export runs; daily and weekly ones also choose the timezone, hour and weekday. */
export function ScheduleSection({ zones }: { zones: readonly string[] }) {
  const { register, control, formState } = useFormContext<BatchExportFormValues>();
  const [interval, timezone, offsetHour, offsetDay] = useWatch({ control, name: ["interval", "timezone", "offsetHour", "offsetDay"] });
  const now = useNow(60_000);
  const errors = formState.errors;
  const calendar = isCalendarInterval(interval);
  const intervalHint = calendar
    ? undefined
    : "Runs at the end of each interval, on UTC boundaries. Intervals under an hour must be enabled for the project by PostHog.";

  const schedule = scheduleFromForm({ interval, timezone, offsetHour, offsetDay });
  const previewZone = calendar ? schedule.timezone : "UTC";
  // An unknown zone (still being typed) cannot be previewed; the field's error says why.
  const runs = zones.includes(previewZone) ? upcomingRuns(schedule, now, 3) : [];

  return (
    <FormSection id="schedule" title="Schedule">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={ID.interval} label="Interval" hint={intervalHint} error={errors.interval?.message}>
          <NativeSelect
            id={ID.interval}
            aria-invalid={errors.interval ? true : undefined}
            aria-describedby={describedBy(ID.interval, { error: errors.interval?.message, hint: intervalHint })}
            {...register("interval")}
          >
            {INTERVALS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {calendar && (
          <Controller
            control={control}
            name="timezone"
            render={({ field, fieldState }) => (
              <Field id={ID.timezone} label="Timezone" error={fieldState.error?.message}>
                <TimezoneCombobox
                  ref={field.ref}
                  id={ID.timezone}
                  value={field.value}
                  zones={zones}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  invalid={!!fieldState.error}
                  describedBy={describedBy(ID.timezone, { error: fieldState.error?.message })}
                />
              </Field>
            )}
          />
        )}
        {calendar && (
          <Field id={ID.hour} label="Start hour" error={errors.offsetHour?.message}>
            <NativeSelect
              id={ID.hour}
              aria-invalid={errors.offsetHour ? true : undefined}
              aria-describedby={describedBy(ID.hour, { error: errors.offsetHour?.message })}
              {...register("offsetHour")}
            >
              {HOURS.map((hour) => (
                <option key={hour} value={String(hour)}>
                  {hourLabel(hour)}
                </option>
              ))}
            </NativeSelect>
          </Field>
        )}
        {interval === "week" && (
          <Field id={ID.day} label="Day of the week" error={errors.offsetDay?.message}>
            <NativeSelect
              id={ID.day}
              aria-invalid={errors.offsetDay ? true : undefined}
              aria-describedby={describedBy(ID.day, { error: errors.offsetDay?.message })}
              {...register("offsetDay")}
            >
              {WEEKDAYS.map((day, index) => (
                <option key={day} value={String(index)}>
                  {day}
                </option>
              ))}
            </NativeSelect>
          </Field>
        )}
      </div>
      {runs.length > 0 && (
        <p className="text-sm text-neutral-600" aria-live="polite">
          <span className="font-medium text-neutral-800">{scheduleLabel(schedule)}.</span> Next runs:{" "}
          {runs.map((run) => formatRunTime(run, now, previewZone)).join(", ")} ({previewZone}).
        </p>
      )}
    </FormSection>
  );
}
