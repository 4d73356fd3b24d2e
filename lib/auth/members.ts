import { and, eq } from "drizzle-orm";
import { portalMembers } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";
import { capabilitySchema, grantedCapabilities, type Capability } from "@/lib/session/capabilities";

export type Membership = { appId: string; email: string; capabilities: Capability[] };

// The admin API stores addresses lower-case; people type them in any case.
const sameEmail = (email: string) => eq(portalMembers.email, email.toLowerCase());

/** Every application this address was registered for, with what it may do there. */
export async function membershipsOf(rt: Runtime, email: string): Promise<Membership[]> {
  const rows = await rt.database.db.select().from(portalMembers).where(sameEmail(email)).orderBy(portalMembers.appId);
  return rows.map(toMembership);
}

export async function membership(rt: Runtime, appId: string, email: string): Promise<Membership | null> {
  const [row] = await rt.database.db
    .select()
    .from(portalMembers)
    .where(and(eq(portalMembers.appId, appId), sameEmail(email)))
    .limit(1);
  return row ? toMembership(row) : null;
}

export async function isMember(rt: Runtime, email: string): Promise<boolean> {
  const [row] = await rt.database.db.select({ appId: portalMembers.appId }).from(portalMembers).where(sameEmail(email)).limit(1);
  return row !== undefined;
}

/** No list stored means every capability (Svix's "omitted = all"); unknown names are dropped. */
function toMembership(row: typeof portalMembers.$inferSelect): Membership {
  const listed = row.capabilities?.flatMap((c) => {
    const parsed = capabilitySchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
  return { appId: row.appId, email: row.email, capabilities: grantedCapabilities(listed ?? null) };
}
