import "server-only";
import type { NextRequest } from "next/server";
import { getConfig } from "./config";
import { json } from "./route-handler";
import { SESSION_COOKIE, sealSession, sessionCookieOptions } from "./session";

function isHttps(request: NextRequest): boolean {
  return (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
}

/** Answers a successful sign-in: the sealed cookie, and who is signed in (never the key). */
export async function startSession(request: NextRequest, host: string, key: string, organizationCount: number) {
  const config = getConfig();
  const token = await sealSession({ host, key, signedInAt: Date.now() }, config.sessionSecret, config.sessionTtlSeconds);
  const response = json(201, { host, organizationCount });
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(isHttps(request), config.sessionTtlSeconds));
  return response;
}
