import type { ReactNode } from "react";

/** Empty and error states: a sentence that says what happened and, where there is one, what to do. */
export function StateMessage({ title, children, tone = "neutral" }: { title: string; children?: ReactNode; tone?: "neutral" | "error" }) {
  return (
    <div
      role={tone === "error" ? "alert" : undefined}
      className={
        tone === "error"
          ? "rounded-lg border border-red-200 bg-red-50 p-6 text-red-800"
          : "rounded-lg border border-dashed border-neutral-300 p-8 text-center text-neutral-600"
      }
    >
      <p className="font-medium">{title}</p>
      {children && <div className="mt-2 text-sm">{children}</div>}
    </div>
  );
}
