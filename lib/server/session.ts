import "server-only";
import { createHash } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";

/**
 * The session is the user's PostHog host and personal API key, encrypted (JWE, A256GCM) into an
 * httpOnly cookie. Nothing is stored server-side, so any number of dashboard instances can serve it.
 */
export const SESSION_COOKIE = "poa_session";

const SessionPayload = z.object({ host: z.string(), key: z.string(), signedInAt: z.number() });
export type Session = z.infer<typeof SessionPayload>;

function keyFrom(secret: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(secret).digest());
}

export async function sealSession(session: Session, secret: string, ttlSeconds: number): Promise<string> {
  return new EncryptJWT({ ...session })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(keyFrom(secret));
}

/** The session inside a cookie value, or null when it is missing, tampered with, or expired. */
export async function unsealSession(token: string | undefined, secret: string): Promise<Session | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFrom(secret));
    const parsed = SessionPayload.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: "strict";
  secure: boolean;
  path: "/";
  maxAge: number;
}

export function sessionCookieOptions(secure: boolean, maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge };
}
