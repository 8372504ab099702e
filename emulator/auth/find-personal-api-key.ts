/**
 * Where PostHog looks for a personal API key, first found wins (posthog/auth.py `find_key_with_source`):
 * the Authorization header, then the body's `personal_api_key`, then the query string. The source
 * is named in the 401 detail, so it is returned with the key.
 */
export type KeySource = "Authorization header" | "body" | "query string";

export function findPersonalApiKey(
  authorization: string | undefined,
  body: unknown,
  query: URLSearchParams,
): { key: string; source: KeySource } | null {
  if (authorization) {
    const match = /^Bearer\s+(\S.+)$/.exec(authorization);
    if (match) return { key: match[1]!.trim(), source: "Authorization header" };
  }
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>).personal_api_key;
    if (typeof value === "string" && value) return { key: value, source: "body" };
  }
  const fromQuery = query.get("personal_api_key");
  if (fromQuery) return { key: fromQuery, source: "query string" };
  return null;
}
