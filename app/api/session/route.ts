import { SignInRequest } from "@/lib/schemas/sign-in";
import { getConfig } from "@/lib/server/config";
import { json, readSession, withoutSession, errorResponse } from "@/lib/server/route-handler";
import { SESSION_COOKIE } from "@/lib/server/session";
import { allowedOrigin, verifyKey } from "@/lib/server/sign-in";
import { startSession } from "@/lib/server/start-session";
import type { NextRequest } from "next/server";

/** Who is signed in: the host and when, never the key. */
export async function GET(request: NextRequest) {
  try {
    const session = await readSession(request);
    const config = getConfig();
    return json(200, {
      signedIn: !!session,
      host: session?.host ?? null,
      signedInAt: session ? new Date(session.signedInAt).toISOString() : null,
      defaultHost: config.posthogHost,
      localDemo: !!config.localPosthogUrl,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = withoutSession({ body: SignInRequest }, async ({ request, body }) => {
  const host = allowedOrigin(body.host);
  const { organizationCount } = await verifyKey(host, body.personalApiKey);
  return startSession(request, host, body.personalApiKey, organizationCount);
});

export const DELETE = withoutSession({}, async () => {
  const response = json(204);
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
