import "server-only";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for cookie-authenticated writes: the request must come from the dashboard's own
 * origin, by `Origin` (compared with the Host it was sent to) or by `Sec-Fetch-Site: same-origin`.
 */
export function isSameOriginWrite(method: string, headers: Headers): boolean {
  if (!UNSAFE.has(method)) return true;
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
