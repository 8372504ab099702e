import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "./config";
import { SESSION_COOKIE, unsealSession, type Session } from "./session";

/** The session of the page being rendered (server components). */
export async function currentSession(): Promise<Session | null> {
  const store = await cookies();
  return unsealSession(store.get(SESSION_COOKIE)?.value, getConfig().sessionSecret);
}
