import type { Metadata } from "next";
import { Suspense } from "react";
import { BatchExportPage } from "@/components/batch-exports/batch-export-page";
import { Spinner } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Batch export" };

export default async function ExportPage({ params }: { params: Promise<{ id: string; exportId: string }> }) {
  const { id, exportId } = await params;
  return (
    <Suspense fallback={<Spinner label="Loading the export" />}>
      <BatchExportPage organizationId={id} exportId={exportId} />
    </Suspense>
  );
}
