import { Badge } from "@/components/ui/badge";
import type { ExportState } from "@/lib/batch-exports/export-health";

export function ExportStateBadge({ state }: { state: ExportState }) {
  return <Badge tone={state === "Active" ? "green" : state === "Paused" ? "amber" : "neutral"}>{state}</Badge>;
}
