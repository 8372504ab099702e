import type { ReactNode } from "react";

/** One card of the batch export form, named by its heading for screen-reader navigation. */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-neutral-600">{description}</p>}
      <div className="mt-4 flex flex-col gap-4">{children}</div>
    </section>
  );
}
