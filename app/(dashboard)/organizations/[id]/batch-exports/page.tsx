import type { Metadata } from "next";
import { Suspense } from "react";
import { BatchExportFleet } from "@/components/batch-exports/fleet/batch-export-fleet";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Batch exports" };

export default async function BatchExportsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading batch exports" />}>
      <BatchExportFleet organizationId={id} />
    </Suspense>
  );
}
