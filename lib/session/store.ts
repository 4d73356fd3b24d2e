import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Branding } from "@/lib/branding/schema";
import { deriveKey, hashToken, open, randomToken, seal } from "@/lib/crypto";
import { newId } from "@/lib/core/ids";
import { portalSessions, portalTickets } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";
import type { Capability } from "./capabilities";

/** Tickets are single use and short: long enough for the iframe to load, no longer. */
export const TICKET_TTL_MS = 2 * 60 * 1000;

export type SessionParams = {
  capabilities: Capability[];
  expirySeconds: number;
  branding: Branding | null;
  allowedOrigins: string[] | null;
  sessionGroup: string | null;
};

export type PortalSession = {
  id: string;
  appId: string;
  capabilities: Capability[];
  /** The app-scoped core token, decrypted for this request only. */
  coreToken: string;
  branding: Branding | null;
  allowedOrigins: string[] | null;
  actorEmail: string | null;
  source: "embed" | "magic-link";
  sessionGroup: string | null;
  expiresAt: Date;
};

const tokenKey = (rt: Pick<Runtime, "secret">) => deriveKey(rt.secret, "core token at rest");

export async function createTicket(rt: Runtime, appId: string, coreToken: string, params: SessionParams): Promise<string> {
  const ticket = randomToken();
  await rt.database.db.insert(portalTickets).values({
    hash: hashToken(ticket),
    appId,
    params,
    coreToken: seal(tokenKey(rt), coreToken),
    expiresAt: new Date(Date.now() + TICKET_TTL_MS),
  });
  return ticket;
}

/**
 * Spends a ticket (atomically: a second use finds nothing) and opens its session.
 * Returns null for unknown, used or expired tickets; nothing changes then.
 */
export async function redeemTicket(rt: Runtime, ticket: string): Promise<{ session: PortalSession; refresh: string } | null> {
  const [row] = await rt.database.db
    .update(portalTickets)
    .set({ usedAt: new Date() })
    .where(and(eq(portalTickets.hash, hashToken(ticket)), isNull(portalTickets.usedAt), gt(portalTickets.expiresAt, new Date())))
    .returning();
  if (!row) return null;
  const params = row.params as SessionParams;
  return openSession(rt, {
    appId: row.appId,
    source: "embed",
    actorEmail: null,
    sealedCoreToken: row.coreToken,
    ...params,
  });
}

export async function openSession(
  rt: Runtime,
  s: SessionParams & { appId: string; source: PortalSession["source"]; actorEmail: string | null; sealedCoreToken?: string; coreToken?: string },
): Promise<{ session: PortalSession; refresh: string }> {
  const refreshSecret = randomToken();
  const id = newId("ps_");
  const sealed = s.sealedCoreToken ?? seal(tokenKey(rt), s.coreToken!);
  const [row] = await rt.database.db
    .insert(portalSessions)
    .values({
      id,
      appId: s.appId,
      sessionGroup: s.sessionGroup,
      source: s.source,
      actorEmail: s.actorEmail,
      capabilities: s.capabilities,
      coreToken: sealed,
      branding: s.branding,
      allowedOrigins: s.allowedOrigins,
      refreshHash: hashToken(refreshSecret),
      expiresAt: new Date(Date.now() + s.expirySeconds * 1000),
    })
    .returning();
  return { session: toSession(rt, row!), refresh: `${id}.${refreshSecret}` };
}

/** The live session with this id: null once revoked or expired. */
export async function loadSession(rt: Runtime, id: string): Promise<PortalSession | null> {
  const [row] = await rt.database.db
    .select()
    .from(portalSessions)
    .where(and(eq(portalSessions.id, id), isNull(portalSessions.revokedAt), gt(portalSessions.expiresAt, new Date())))
    .limit(1);
  return row ? toSession(rt, row) : null;
}

/**
 * Trades a refresh secret for a new one (the old one stops working at once: a stolen copy used
 * after the real one is worthless, and vice versa).
 */
export async function rotateRefresh(rt: Runtime, refresh: string): Promise<{ session: PortalSession; refresh: string } | null> {
  const [id, secret] = refresh.split(".");
  if (!id || !secret) return null;
  const next = randomToken();
  const [row] = await rt.database.db
    .update(portalSessions)
    .set({ refreshHash: hashToken(next) })
    .where(
      and(
        eq(portalSessions.id, id),
        eq(portalSessions.refreshHash, hashToken(secret)),
        isNull(portalSessions.revokedAt),
        gt(portalSessions.expiresAt, new Date()),
      ),
    )
    .returning();
  return row ? { session: toSession(rt, row), refresh: `${id}.${next}` } : null;
}

export async function revokeSession(rt: Runtime, id: string): Promise<void> {
  await rt.database.db.update(portalSessions).set({ revokedAt: new Date(), refreshHash: null }).where(eq(portalSessions.id, id));
}

/** Revokes an application's sessions: all of them, one SaaS session group, or one session. */
export async function revokeSessions(rt: Runtime, appId: string, which: { sessionGroup?: string; sessionId?: string } = {}): Promise<number> {
  const rows = await rt.database.db
    .update(portalSessions)
    .set({ revokedAt: new Date(), refreshHash: null })
    .where(
      and(
        eq(portalSessions.appId, appId),
        isNull(portalSessions.revokedAt),
        which.sessionGroup ? eq(portalSessions.sessionGroup, which.sessionGroup) : undefined,
        which.sessionId ? eq(portalSessions.id, which.sessionId) : undefined,
        sql`true`,
      ),
    )
    .returning({ id: portalSessions.id });
  return rows.length;
}

function toSession(rt: Runtime, row: typeof portalSessions.$inferSelect): PortalSession {
  return {
    id: row.id,
    appId: row.appId,
    capabilities: row.capabilities as Capability[],
    coreToken: open(tokenKey(rt), row.coreToken),
    branding: row.branding as Branding | null,
    allowedOrigins: row.allowedOrigins,
    actorEmail: row.actorEmail,
    source: row.source,
    sessionGroup: row.sessionGroup,
    expiresAt: row.expiresAt,
  };
}
