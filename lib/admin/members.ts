import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { portalMembers, portalSessions } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";
import type { Capability } from "@/lib/session/capabilities";
import { decodeCursor, encodeCursor, type Page } from "./page";

/** Emails are stored lower-case: magic-link login looks them up the same way. */
export const memberEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** `capabilities` null: none chosen by the SaaS, so magic-link login applies its default. */
export type Member = { email: string; capabilities: Capability[] | null; createdAt: string };

function toMember(row: typeof portalMembers.$inferSelect): Member {
  return { email: row.email, capabilities: row.capabilities as Capability[] | null, createdAt: row.createdAt.toISOString() };
}

/** Adds the member, or replaces its capabilities when it exists. */
export async function putMember(
  rt: Runtime,
  appId: string,
  email: string,
  capabilities: Capability[] | null,
): Promise<{ member: Member; created: boolean }> {
  const db = rt.database.db;
  const [inserted] = await db.insert(portalMembers).values({ appId, email, capabilities }).onConflictDoNothing().returning();
  if (inserted) return { member: toMember(inserted), created: true };
  const [updated] = await db
    .update(portalMembers)
    .set({ capabilities })
    .where(and(eq(portalMembers.appId, appId), eq(portalMembers.email, email)))
    .returning();
  return { member: toMember(updated!), created: false };
}

/** Removes the member and ends the portal sessions it opened by magic link for this app. */
export async function removeMember(rt: Runtime, appId: string, email: string): Promise<{ removed: boolean; revokedSessions: number }> {
  const db = rt.database.db;
  const removed = await db
    .delete(portalMembers)
    .where(and(eq(portalMembers.appId, appId), eq(portalMembers.email, email)))
    .returning({ email: portalMembers.email });
  const revoked = await db
    .update(portalSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(portalSessions.appId, appId),
        eq(portalSessions.source, "magic-link"),
        eq(portalSessions.actorEmail, email),
        isNull(portalSessions.revokedAt),
      ),
    )
    .returning({ id: portalSessions.id });
  return { removed: removed.length > 0, revokedSessions: revoked.length };
}

/** Members in email order, `limit` at a time. */
export async function listMembers(rt: Runtime, appId: string, limit: number, iterator: string | null): Promise<Page<Member>> {
  const after = iterator === null ? null : decodeCursor(iterator);
  const rows = await rt.database.db
    .select()
    .from(portalMembers)
    .where(and(eq(portalMembers.appId, appId), after === null ? undefined : gt(portalMembers.email, after)))
    .orderBy(asc(portalMembers.email))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(toMember);
  const done = rows.length <= limit;
  return { data, iterator: done ? null : encodeCursor(data[data.length - 1]!.email), prevIterator: null, done };
}
