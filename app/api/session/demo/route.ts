import { bffError } from "@/lib/server/bff-error";
import { getConfig } from "@/lib/server/config";
import { withoutSession } from "@/lib/server/route-handler";
import { verifyKey } from "@/lib/server/sign-in";
import { startSession } from "@/lib/server/start-session";

/**
 * "Try the local demo": signs in to the local PostHog with its demo user's key, which the server
 * reads from the local PostHog's control API so the key never passes through the browser.
 */
export const POST = withoutSession({}, async ({ request }) => {
  const local = getConfig().localPosthogUrl;
  if (!local) throw bffError(404, "invalid_request", "no_local_demo", "No local PostHog runs beside this dashboard.");
  let key: string | null = null;
  try {
    const answer = await fetch(new URL("/_emulator/demo-key", local), { cache: "no-store", signal: AbortSignal.timeout(5000) });
    key = answer.ok ? ((await answer.json()) as { key: string | null }).key : null;
  } catch {
    throw bffError(502, "server_error", "upstream_unreachable", `The local PostHog at ${local} is not answering.`);
  }
  if (!key) throw bffError(409, "invalid_request", "no_demo_user", "The local PostHog has no demo user (it was started with --seed empty).");
  const { organizationCount } = await verifyKey(local, key);
  return startSession(request, local, key, organizationCount);
});
