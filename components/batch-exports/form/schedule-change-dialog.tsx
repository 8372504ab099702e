"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describeScheduleChange, scheduleLabel, type Schedule } from "@/lib/batch-exports/schedule";

export interface PendingScheduleChange {
  before: Schedule;
  after: Schedule;
  /** When the user pressed Save: the message is about that moment, not about each re-render. */
  atMs: number;
}

/** Asks before a schedule change is saved, naming the data it skips or exports twice. */
export function ScheduleChangeDialog({
  change,
  saving,
  onConfirm,
  onCancel,
}: {
  change: PendingScheduleChange | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={change !== null}
      onOpenChange={(open) => {
        if (!open && !saving) onCancel();
      }}
      title="Confirm schedule change"
      description={change ? describeScheduleChange(change.before, change.after, change.atMs) : undefined}
    >
      {change && (
        <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-neutral-500">Now</dt>
          <dd>{scheduleLabel(change.before)}</dd>
          <dt className="text-neutral-500">New</dt>
          <dd className="font-medium">{scheduleLabel(change.after)}</dd>
        </dl>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={saving}>
          Keep editing
        </Button>
        <Button onClick={onConfirm} disabled={saving}>
          {saving ? "Saving…" : "Change schedule"}
        </Button>
      </div>
    </Dialog>
  );
}
