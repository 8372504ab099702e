import { createHash, randomBytes } from "node:crypto";

/**
 * Time-ordered UUID (the layout of UUIDv7), like PostHog's UUIDT: ids sort by creation time,
 * which keeps list ordering stable when timestamps tie.
 */
export function uuidT(ms: number): string {
  const bytes = randomBytes(16);
  const time = BigInt(Math.max(0, Math.floor(ms)));
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuid4(): string {
  return crypto.randomUUID();
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[bytes[i]! % 62];
  return out;
}

/** A personal API key as PostHog mints them: `phx_` and a random base62 token. */
export function newPersonalApiKey(): string {
  return `phx_${randomBase62(47)}`;
}

export function newProjectApiToken(): string {
  return `phc_${randomBase62(43)}`;
}

/** PostHog stores keys hashed as `sha256$<hex>`; the emulator does the same so a key is never at rest. */
export function hashPersonalApiKey(key: string): string {
  return `sha256$${createHash("sha256").update(key).digest("hex")}`;
}

export function maskPersonalApiKey(key: string): string {
  return `${key.slice(0, 4)}...${key.slice(-4)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
