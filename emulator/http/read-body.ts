import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads and parses the request body the way PostHog's parsers do: JSON, or a form, else 415.
 * An empty body is `undefined`.
 */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(413, { type: "invalid_request", code: "error", detail: "Request body too large.", attr: null });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.length === 0) return undefined;
  const contentType = req.headers["content-type"] ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  if (type !== "" && type !== "application/json") {
    throw new ApiError(415, {
      type: "invalid_request",
      code: "unsupported_media_type",
      // DRF names the Content-Type header as it was sent, parameters included.
      detail: `Unsupported media type "${contentType}" in request.`,
      attr: null,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, {
      type: "invalid_request",
      code: "parse_error",
      detail: `JSON parse error - ${(error as Error).message}`,
      attr: null,
    });
  }
}
