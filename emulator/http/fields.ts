import { validationError } from "./api-error";

/**
 * DRF field parsing, with DRF's messages and codes (`invalid` is rewritten to `invalid_input` by
 * PostHog's exception handler). Each returns the parsed value or throws the first error.
 */
const TRUE = new Set([true, 1, "1", "true", "True", "TRUE", "t", "T", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]);
const FALSE = new Set([false, 0, "0", "false", "False", "FALSE", "f", "F", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

export function notNull(attr: string): never {
  throw validationError("This field may not be null.", attr, "null");
}

export function parseBoolean(value: unknown, attr: string, nullable: boolean): boolean | null {
  if (value === null) return nullable ? null : notNull(attr);
  if (TRUE.has(value as never)) return true;
  if (FALSE.has(value as never)) return false;
  throw validationError("Must be a valid boolean.", attr);
}

export interface CharOptions {
  maxLength?: number;
  allowBlank?: boolean;
  nullable?: boolean;
}

export function parseChar(value: unknown, attr: string, options: CharOptions = {}): string | null {
  if (value === null) return options.nullable ? null : notNull(attr);
  if (typeof value === "boolean" || typeof value === "object") throw validationError("Not a valid string.", attr);
  const text = String(value).trim();
  if (text === "" && !options.allowBlank) throw validationError("This field may not be blank.", attr, "blank");
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    throw validationError(`Ensure this field has no more than ${options.maxLength} characters.`, attr, "max_length");
  }
  return text;
}

export function parseChoice<T extends string>(
  value: unknown,
  attr: string,
  choices: readonly T[],
  options: { nullable?: boolean; allowBlank?: boolean } = {},
): T | null {
  if (value === null) return options.nullable ? null : notNull(attr);
  if (value === "" && options.allowBlank) return "" as T;
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  throw validationError(`"${String(value)}" is not a valid choice.`, attr, "invalid_choice");
}

export function parseInteger(
  value: unknown,
  attr: string,
  options: { nullable?: boolean; min?: number; max?: number } = {},
): number | null {
  if (value === null) return options.nullable ? null : notNull(attr);
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw validationError("A valid integer is required.", attr);
  if (options.min !== undefined && n < options.min) {
    throw validationError(`Ensure this value is greater than or equal to ${options.min}.`, attr, "min_value");
  }
  if (options.max !== undefined && n > options.max) {
    throw validationError(`Ensure this value is less than or equal to ${options.max}.`, attr, "max_value");
  }
  return n;
}

/** A JSON object body; DRF's message for anything else. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    const kind = Array.isArray(body) ? "list" : typeof body === "string" ? "str" : typeof body === "number" ? "int" : "bool";
    throw validationError(`Invalid data. Expected a dictionary, but got ${kind}.`, null);
  }
  return body as Record<string, unknown>;
}
