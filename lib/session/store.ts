import "server-only";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Branding } from "@/lib/branding/schema";
import { createHmac, timingSafeEqual } from "node:crypto";
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
const refreshKey = (rt: Pick<Runtime, "secret">) => deriveKey(rt.secret, "refresh secrets");

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
 * Spends a ticket (atomically: a second use finds nothing) and opens its session, only at the
 * application the page's path names: a ticket for another app is refused and stays unspent, so
 * the right page can still use it. Returns null for unknown, used or expired tickets;
 * "other-app" for a live ticket of another application. Nothing changes then.
 */
export async function redeemTicket(rt: Runtime, ticket: string, appId: string): Promise<{ session: PortalSession; refresh: string } | "other-app" | null> {
  const hash = hashToken(ticket);
  const live = and(eq(portalTickets.hash, hash), isNull(portalTickets.usedAt), gt(portalTickets.expiresAt, new Date()));
  const [row] = await rt.database.db
    .update(portalTickets)
    .set({ usedAt: new Date() })
    .where(and(live, eq(portalTickets.appId, appId)))
    .returning();
  if (!row) {
    const [other] = await rt.database.db.select({ appId: portalTickets.appId }).from(portalTickets).where(live).limit(1);
    return other ? "other-app" : null;
  }
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
      refreshGeneration: 0,
      expiresAt: new Date(Date.now() + s.expirySeconds * 1000),
    })
    .returning();
  return { session: toSession(rt, row!), refresh: refreshSecret(rt, id, 0) };
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
 * A session's refresh secret for one generation: `{id}.{generation}.{mac}`. Only the newest
 * generation renews; the MAC proves an older one was really issued, so presenting it is reuse of
 * a rotated secret (one copy was stolen), not a guess, and ends the session.
 */
function refreshSecret(rt: Pick<Runtime, "secret">, id: string, generation: number): string {
  return `${id}.${generation}.${refreshMac(rt, id, generation).toString("base64url")}`;
}

const refreshMac = (rt: Pick<Runtime, "secret">, id: string, generation: number) =>
  createHmac("sha256", refreshKey(rt)).update(`${id}.${generation}`).digest();

/** The session id and generation a refresh secret names, or null when it was never issued. */
function readRefresh(rt: Pick<Runtime, "secret">, refresh: string): { id: string; generation: number } | null {
  const [id, gen, mac, ...rest] = refresh.split(".");
  if (!id || !gen || !mac || rest.length > 0 || !/^(0|[1-9][0-9]{0,8})$/.test(gen)) return null;
  const generation = Number(gen);
  const given = Buffer.from(mac, "base64url");
  const expected = refreshMac(rt, id, generation);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { id, generation } : null;
}

export type Rotated = { session: PortalSession; refresh: string } | { reused: PortalSession } | "raced" | null;

/**
 * Two frames of one app on one page share its cookie, so reloading the page sends one secret
 * twice at once: the secret just rotated, this soon after, is refused but ends nothing.
 */
export const REFRESH_RACE_MS = 5_000;

/**
 * Trades the refresh secret of `appId`'s session for the next generation's (the old one stops
 * working at once). A rotated secret presented again means two parties hold the session — the
 * real browser and a thief, whichever came first — so the session is revoked and `reused` says
 * which (only to the call that revoked it); within REFRESH_RACE_MS it is "raced" (refused, the
 * winner's new cookie left alone). Unknown, forged, revoked or expired: null.
 */
export async function rotateRefresh(rt: Runtime, appId: string, refresh: string): Promise<Rotated> {
  const presented = readRefresh(rt, refresh);
  if (!presented) return null;
  const live = and(
    eq(portalSessions.id, presented.id),
    eq(portalSessions.appId, appId),
    isNull(portalSessions.revokedAt),
    gt(portalSessions.expiresAt, new Date()),
  );
  const [row] = await rt.database.db
    .update(portalSessions)
    .set({ refreshGeneration: presented.generation + 1, refreshedAt: new Date() })
    .where(and(live, eq(portalSessions.refreshGeneration, presented.generation)))
    .returning();
  if (row) return { session: toSession(rt, row), refresh: refreshSecret(rt, row.id, row.refreshGeneration) };
  const [reused] = await rt.database.db
    .update(portalSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        live,
        gt(portalSessions.refreshGeneration, presented.generation),
        or(
          gt(portalSessions.refreshGeneration, presented.generation + 1),
          isNull(portalSessions.refreshedAt),
          lt(portalSessions.refreshedAt, new Date(Date.now() - REFRESH_RACE_MS)),
        ),
      ),
    )
    .returning();
  if (reused) return { reused: toSession(rt, reused) };
  const [raced] = await rt.database.db
    .select({ id: portalSessions.id })
    .from(portalSessions)
    .where(and(live, eq(portalSessions.refreshGeneration, presented.generation + 1)))
    .limit(1);
  return raced ? "raced" : null;
}

export async function revokeSession(rt: Runtime, id: string): Promise<void> {
  await rt.database.db.update(portalSessions).set({ revokedAt: new Date() }).where(eq(portalSessions.id, id));
}

/** Revokes an application's sessions: all of them, one SaaS session group, or one session. */
export async function revokeSessions(rt: Runtime, appId: string, which: { sessionGroup?: string; sessionId?: string } = {}): Promise<number> {
  const rows = await rt.database.db
    .update(portalSessions)
    .set({ revokedAt: new Date() })
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
