import { and, desc, eq, lt } from "drizzle-orm";
import { portalAudit } from "@/lib/db/schema";
import { PortalError } from "@/lib/http/errors";
import type { Runtime } from "@/lib/runtime";
import { decodeCursor, encodeCursor, type Page } from "./page";

export type AuditLogEntry = {
  id: string;
  time: string;
  sessionId: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
};

/** An application's audit log, newest first. */
export async function listAudit(rt: Runtime, appId: string, limit: number, iterator: string | null): Promise<Page<AuditLogEntry>> {
  const before = iterator === null ? null : auditId(iterator);
  const rows = await rt.database.db
    .select()
    .from(portalAudit)
    .where(and(eq(portalAudit.appId, appId), before === null ? undefined : lt(portalAudit.id, before)))
    .orderBy(desc(portalAudit.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(
    (r): AuditLogEntry => ({
      id: String(r.id),
      time: r.createdAt.toISOString(),
      sessionId: r.sessionId,
      actorEmail: r.actorEmail,
      ip: r.ip,
      userAgent: r.userAgent,
      action: r.action,
      target: r.target,
      detail: r.detail,
    }),
  );
  const done = rows.length <= limit;
  return { data, iterator: done ? null : encodeCursor(data[data.length - 1]!.id), prevIterator: null, done };
}

function auditId(iterator: string): number {
  const key = decodeCursor(iterator);
  if (!/^\d{1,15}$/.test(key)) throw new PortalError("invalid", "Some fields are not valid.", [{ path: "iterator", message: "not a valid iterator" }]);
  return Number(key);
}
