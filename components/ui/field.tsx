import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A labelled control with its description and error beside it; `id` ties the label, the hint and
 * the error to the control for screen readers (the control sets aria-describedby from `describedBy`).
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)} data-invalid={error ? true : undefined}>
      <label htmlFor={id} className="text-sm font-medium text-neutral-800">
        {label}
      </label>
      {children}
      <FieldMessage id={id} hint={hint} error={error} />
    </div>
  );
}

/** The hint under a control, replaced by its error when there is one; ids match `describedBy`. */
export function FieldMessage({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  if (error) {
    return (
      <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-neutral-500">
      {hint}
    </p>
  ) : null;
}

/**
 * `aria-describedby` for a control inside `Field`: its error when there is one, else its hint, and
 * nothing when it has neither (an id that points nowhere is read as nothing at best, noise at worst).
 */
export function describedBy(id: string, { error, hint }: { error?: string; hint?: unknown }): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}
