import { ArrowDown, ArrowUp } from "lucide-react";

/** A column header that sorts by its column; `aria-sort` tells assistive tech the current order. */
export function SortableHeader({
  label,
  active,
  descending,
  numeric,
  onSort,
}: {
  label: string;
  active: boolean;
  descending: boolean;
  numeric?: boolean;
  onSort: () => void;
}) {
  return (
    <th
      scope="col"
      aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
      className={numeric ? "px-3 py-2 text-right" : "px-3 py-2"}
    >
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-neutral-900" onClick={onSort}>
        {label}
        {active && (descending ? <ArrowDown className="h-3 w-3" aria-hidden /> : <ArrowUp className="h-3 w-3" aria-hidden />)}
      </button>
    </th>
  );
}
