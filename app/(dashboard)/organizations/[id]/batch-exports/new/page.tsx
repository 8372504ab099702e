import type { Metadata } from "next";
import { CreateBatchExport } from "@/components/batch-exports/form/create-batch-export";

export const metadata: Metadata = { title: "New batch export" };

export default async function NewBatchExportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CreateBatchExport organizationId={id} />;
}
