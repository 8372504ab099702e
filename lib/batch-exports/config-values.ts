import { DESTINATION_SECRET_FIELDS, type DestinationType } from "@/lib/posthog";
import type { ConfigFieldSpec, ConfigValue, FormConfig } from "./destination-fields";

/** Conversions between PostHog's stored destination config and the form's flat string/boolean values. */

const NESTED = "__";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `user` counts: PostHog hides it for Postgres, Snowflake and Redshift, so it is treated like a password. */
export function isSecretField(type: DestinationType, key: string): boolean {
  const leaf = key.split(NESTED).at(-1) ?? key;
  return DESTINATION_SECRET_FIELDS[type].includes(leaf);
}

export function storedValue(config: Record<string, unknown>, key: string): unknown {
  let node: unknown = config;
  for (const part of key.split(NESTED)) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The form value for a stored config value; secrets always start blank (PostHog never returns them). */
export function readConfigValue(type: DestinationType, field: ConfigFieldSpec, config: Record<string, unknown>): ConfigValue {
  if (isSecretField(type, field.key)) return "";
  const stored = storedValue(config, field.key);
  if (field.read) return field.read(stored);
  if (field.kind === "checkbox") {
    if (typeof stored === "boolean") return stored;
    if (typeof stored === "string") return stored.toLowerCase() === "true";
    return (field.whenAbsent ?? field.default) === true;
  }
  if (stored === undefined) return typeof field.whenAbsent === "string" ? field.whenAbsent : "";
  if (stored === null) return "";
  if (typeof stored === "string" || typeof stored === "number") return String(stored);
  return "";
}

/** Sent as-is, omitted, or the field's empty value. */
export type WrittenValue = { send: true; value: unknown } | { send: false };

/**
 * What to send for one field. On create a blank optional field is left out, so PostHog applies its own
 * default; on edit a cleared field is sent as its empty value. Blank secrets are never sent: on edit
 * blank means "leave unchanged".
 */
export function writeConfigValue(
  type: DestinationType,
  field: ConfigFieldSpec,
  config: FormConfig,
  mode: "create" | "edit",
): WrittenValue {
  const value = config[field.key] ?? (field.kind === "checkbox" ? false : "");
  if (field.write) {
    const written = field.write(value, config);
    return written === null && mode === "create" ? { send: false } : { send: true, value: written };
  }
  if (typeof value === "boolean") return { send: true, value };
  if (isSecretField(type, field.key)) return value === "" ? { send: false } : { send: true, value };

  const text = value.trim();
  if (text === "") {
    if (mode === "create") return { send: false };
    return { send: true, value: field.nullable || field.kind !== "text" ? null : "" };
  }
  if (field.kind === "number" || field.kind === "integration") return { send: true, value: Number(text) };
  return { send: true, value: text };
}

/** Turns `{copy_inputs__s3_bucket: "b"}` into `{copy_inputs: {s3_bucket: "b"}}`. */
export function nestConfig(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(NESTED);
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const child = node[part];
      node = isRecord(child) ? child : (node[part] = {});
    }
    node[parts.at(-1)!] = value;
  }
  return out;
}
