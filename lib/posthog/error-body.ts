import { z } from "zod";

/**
 * PostHog's one error shape (drf-exceptions-hog, POSTHOG-API.md §3.1): only the first error is
 * reported, `code: "invalid"` becomes `"invalid_input"`, nested fields are joined with `__` in `attr`,
 * and `attr` is null for non-field errors. `extra` appears only when the exception carries one.
 * The dashboard's own server (BFF) answers its errors in this shape too.
 */
export const ErrorType = z.enum([
  "validation_error",
  "authentication_error",
  "invalid_request",
  "throttled_error",
  "server_error",
]);
export type ErrorType = z.infer<typeof ErrorType>;

export const ErrorBody = z.object({
  type: ErrorType,
  code: z.string().min(1),
  detail: z.string(),
  attr: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
