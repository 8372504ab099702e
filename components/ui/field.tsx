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
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string): string {
  return error ? `${id}-error` : `${id}-hint`;
}
