import { Badge } from "@/components/ui/badge";
import type { StatusTone } from "@/lib/batch-exports/run-status";

/** A status as coloured text: the words carry the meaning, the colour repeats it. */
export function StatusBadge({ label, tone }: { label: string; tone: StatusTone }) {
  return <Badge tone={tone}>{label}</Badge>;
}
