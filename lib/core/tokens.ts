import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { SignJWT, jwtVerify } from "jose";
import type { Db } from "@/lib/db/client";
import { revokedTokens } from "@/lib/db/schema";
import { unauthorized } from "./api/errors";

/** One organisation per deployment; the id has Svix's shape so app tokens look like svix-server's. */
export const ORG_ID = "org_23rb8YdGqMT0qIzpgGwdXfHirMu";
const ISSUER = "porthole";

export type Principal =
  | { kind: "org" }
  | { kind: "app"; appId: string; featureFlags: string[]; jti: string; expiresAt: Date };

export type MintOptions = { featureFlags?: string[]; expirySeconds?: number };

export class Tokens {
  private readonly orgDigest: Buffer;
  private readonly key: Uint8Array;

  constructor(
    orgToken: string,
    secret: string,
    private readonly db: Db,
  ) {
    this.orgDigest = digest(orgToken);
    this.key = createHmac("sha256", secret).update("porthole core app tokens").digest();
  }

  /** An app-scoped token: `sub` = the app id, an `org` claim, as svix-server issues them. */
  async mintAppToken(appId: string, opts: MintOptions = {}): Promise<string> {
    const claims: Record<string, unknown> = { org: ORG_ID };
    if (opts.featureFlags?.length) claims.feature_flags = opts.featureFlags;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(appId)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime(`${opts.expirySeconds ?? 7 * 24 * 3600}s`)
      .sign(this.key);
  }

  async authenticate(header: string | null): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    const token = match?.[1];
    if (!token) throw unauthorized();
    if (timingSafeEqual(digest(token), this.orgDigest)) return { kind: "org" };
    const principal = await this.verifyAppToken(token);
    const revoked = await this.db.select({ jti: revokedTokens.jti }).from(revokedTokens).where(eq(revokedTokens.jti, principal.jti));
    if (revoked.length > 0) throw unauthorized();
    return principal;
  }

  async revoke(principal: Extract<Principal, { kind: "app" }>): Promise<void> {
    await this.db
      .insert(revokedTokens)
      .values({ jti: principal.jti, expiresAt: principal.expiresAt })
      .onConflictDoNothing();
  }

  private async verifyAppToken(token: string): Promise<Extract<Principal, { kind: "app" }>> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ["HS256"] });
      const flags = payload.feature_flags;
      if (
        typeof payload.sub !== "string" ||
        !payload.sub.startsWith("app_") ||
        payload.org !== ORG_ID ||
        typeof payload.jti !== "string" ||
        typeof payload.exp !== "number"
      ) {
        throw unauthorized();
      }
      return {
        kind: "app",
        appId: payload.sub,
        featureFlags: Array.isArray(flags) ? flags.filter((f): f is string => typeof f === "string") : [],
        jti: payload.jti,
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch {
      throw unauthorized();
    }
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
