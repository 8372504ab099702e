"use client";

import { Cloud, Database, Globe, HardDrive, Snowflake, Warehouse, type LucideIcon } from "lucide-react";
import { FORM_DESTINATION_TYPES, type FormDestinationType } from "@/lib/batch-exports/form-values";
import { destinationLabel } from "@/lib/batch-exports/labels";
import type { DestinationType } from "@/lib/posthog";
import { cn } from "@/lib/utils";

const ICONS: Record<FormDestinationType, LucideIcon> = {
  AwsS3: HardDrive,
  S3Compatible: HardDrive,
  Snowflake: Snowflake,
  Postgres: Database,
  Redshift: Warehouse,
  BigQuery: Database,
  Databricks: Warehouse,
  AzureBlob: Cloud,
  HTTP: Globe,
};

/** The destination of a new export, as a group of radio cards (arrow keys move between them). */
export function DestinationTypePicker({ value, onChange }: { value: DestinationType; onChange: (type: FormDestinationType) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-neutral-800">Destination type</legend>
      <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
        {FORM_DESTINATION_TYPES.map((type) => {
          const Icon = ICONS[type];
          const checked = value === type;
          return (
            <label
              key={type}
              className={cn(
                "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600",
                checked ? "border-blue-600 bg-blue-50 text-blue-900" : "border-neutral-200 hover:bg-neutral-50",
              )}
            >
              <input
                type="radio"
                name="batch-export-destination-type"
                value={type}
                checked={checked}
                onChange={() => onChange(type)}
                className="sr-only"
              />
              <Icon className="h-4 w-4 shrink-0" aria-hidden />
              {destinationLabel(type)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
