import { and, eq, gt } from "drizzle-orm";
import { authSessions, authUsers } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";

/** next-auth's cookie prefix follows the portal's scheme (`__Secure-` needs https). */
export const secureCookies = (rt: Pick<Runtime, "portalUrl">) => rt.portalUrl.startsWith("https://");

export function sessionCookieName(rt: Pick<Runtime, "portalUrl">): string {
  return `${secureCookies(rt) ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The email of the person signed in with this next-auth session token (database sessions), or
 * null when there is no such live session. Read straight from the adapter's tables so route
 * handlers and pages share one check.
 */
export async function signedInEmail(rt: Runtime, sessionToken: string | null | undefined): Promise<string | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const [row] = await rt.database.db
    .select({ email: authUsers.email })
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .where(and(eq(authSessions.sessionToken, sessionToken), gt(authSessions.expires, new Date())))
    .limit(1);
  return row?.email ?? null;
}
