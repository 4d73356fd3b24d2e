import { jwtVerify, SignJWT } from "jose";
import { deriveKey } from "@/lib/crypto";

/** Access tokens live in the iframe's memory only, so they are short: 15 minutes. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;

/** "access": an embedded session's bearer token. "direct": a magic-link user's session cookie. */
type Kind = "access" | "direct";
const audience = (kind: Kind) => `porthole-${kind}`;
const key = (secret: string) => deriveKey(secret, "portal session tokens");

export async function signSessionToken(secret: string, kind: Kind, sessionId: string, expiresAt: Date): Promise<string> {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(audience(kind))
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
}

export async function signAccessToken(secret: string, sessionId: string, sessionExpiresAt: Date): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Math.min(Date.now() + ACCESS_TOKEN_TTL_S * 1000, sessionExpiresAt.getTime()));
  return { token: await signSessionToken(secret, "access", sessionId, expiresAt), expiresAt };
}

/** The session id the token names, or null when it is forged, expired or of the other kind. */
export async function verifySessionToken(secret: string, kind: Kind, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: audience(kind), algorithms: ["HS256"] });
    return typeof payload.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}
