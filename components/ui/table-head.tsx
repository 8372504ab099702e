import type { ReactNode } from "react";

/** A table's screen-reader caption and plain column headers (for tables that do not sort). */
export function TableHead({ caption, columns }: { caption: ReactNode; columns: readonly string[] }) {
  return (
    <>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-neutral-50 text-xs text-neutral-600">
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {column}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}
