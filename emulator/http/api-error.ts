/**
 * PostHog's error body, as drf-exceptions-hog renders it: one error only, `{type, code, detail, attr}`.
 * Every failure the emulator answers goes through this class so the shape cannot drift.
 */
export type ErrorType =
  | "validation_error"
  | "authentication_error"
  | "invalid_request"
  | "throttled_error"
  | "server_error";

export interface ErrorBody {
  type: ErrorType;
  code: string;
  detail: string;
  attr: string | null;
}

export class ApiError extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    headers: Record<string, string> = {},
  ) {
    super(body.detail);
    this.headers = headers;
  }
}

export function validationError(detail: string, attr: string | null = null, code = "invalid_input"): ApiError {
  return new ApiError(400, { type: "validation_error", code, detail, attr });
}

export function requiredField(attr: string): ApiError {
  return validationError("This field is required.", attr, "required");
}

export function notFound(detail = "Not found."): ApiError {
  return new ApiError(404, { type: "invalid_request", code: "not_found", detail, attr: null });
}

export function permissionDenied(detail: string): ApiError {
  return new ApiError(403, { type: "authentication_error", code: "permission_denied", detail, attr: null });
}

export function methodNotAllowed(method: string): ApiError {
  return new ApiError(405, {
    type: "invalid_request",
    code: "method_not_allowed",
    detail: `Method "${method}" not allowed.`,
    attr: null,
  });
}

export function serverError(): ApiError {
  return new ApiError(500, { type: "server_error", code: "error", detail: "A server error occurred.", attr: null });
}

/** DRF's Throttled: "second" when the wait is 1 (ngettext), no wait sentence when it is unknown. */
export function throttled(seconds: number | null): ApiError {
  const wait = seconds === null ? "" : ` Expected available in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
  return new ApiError(429, {
    type: "throttled_error",
    code: "throttled",
    detail: `Request was throttled.${wait}`,
    attr: null,
  });
}
