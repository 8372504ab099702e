import { afterEach, describe, expect, it, vi } from "vitest";
import { sealSession, sessionCookieOptions, unsealSession, type Session } from "./session";

const SECRET = "a-session-secret-that-is-long-enough-0123456789";
const OTHER_SECRET = "another-session-secret-that-is-long-enough-987654";
const session: Session = { host: "https://eu.posthog.com", key: "phx_personal_key_123", signedInAt: 1_750_000_000_000 };

afterEach(() => {
  vi.useRealTimers();
});

describe("sealSession / unsealSession", () => {
  it("round-trips the host, key and sign-in time", async () => {
    const token = await sealSession(session, SECRET, 3600);
    expect(await unsealSession(token, SECRET)).toEqual(session);
  });

  it("does not carry the key in clear text", async () => {
    const token = await sealSession(session, SECRET, 3600);
    expect(token).not.toContain(session.key);
    expect(Buffer.from(token.replaceAll(".", ""), "base64url").toString("latin1")).not.toContain(session.key);
  });

  it("answers null for a missing or empty cookie", async () => {
    expect(await unsealSession(undefined, SECRET)).toBeNull();
    expect(await unsealSession("", SECRET)).toBeNull();
  });

  it("answers null for a tampered token", async () => {
    const token = await sealSession(session, SECRET, 3600);
    const parts = token.split(".");
    expect(parts).toHaveLength(5);
    // Flip one character of the ciphertext (4th segment): GCM authentication must reject it.
    const ciphertext = parts[3]!;
    const flipped = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    const tampered = [parts[0], parts[1], parts[2], flipped, parts[4]].join(".");
    expect(tampered).not.toBe(token);
    expect(await unsealSession(tampered, SECRET)).toBeNull();
    expect(await unsealSession(`${token}x`, SECRET)).toBeNull();
    expect(await unsealSession("not-a-token", SECRET)).toBeNull();
  });

  it("answers null for a token sealed with another secret", async () => {
    const token = await sealSession(session, OTHER_SECRET, 3600);
    expect(await unsealSession(token, OTHER_SECRET)).toEqual(session);
    expect(await unsealSession(token, SECRET)).toBeNull();
  });

  it("answers null once the token has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const token = await sealSession(session, SECRET, 60);

    vi.setSystemTime(new Date("2026-01-01T00:00:59Z"));
    expect(await unsealSession(token, SECRET)).toEqual(session);

    vi.setSystemTime(new Date("2026-01-01T00:01:01Z"));
    expect(await unsealSession(token, SECRET)).toBeNull();
  });
});

describe("sessionCookieOptions", () => {
  it("is httpOnly, SameSite strict, for the whole site, with secure following the argument", () => {
    expect(sessionCookieOptions(true, 43_200)).toEqual({
      httpOnly: true,
      sameSite: "strict",
      secure: true,
      path: "/",
      maxAge: 43_200,
    });
    expect(sessionCookieOptions(false, 60)).toEqual({
      httpOnly: true,
      sameSite: "strict",
      secure: false,
      path: "/",
      maxAge: 60,
    });
  });
});
