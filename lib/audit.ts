import { portalAudit } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";

export type AuditEntry = {
  appId: string;
  sessionId: string | null;
  actorEmail: string | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown> | null;
};

/**
 * Where a request came from, as far as the proxy in front tells us. The last X-Forwarded-For entry
 * is the one our own proxy (or Next.js) added; earlier entries are whatever the client sent.
 */
export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    ip: forwarded || req.headers.get("x-real-ip") || null,
    userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function writeAudit(rt: Runtime, req: Request, entry: AuditEntry): Promise<void> {
  await rt.database.db.insert(portalAudit).values({
    ...clientOf(req),
    appId: entry.appId,
    sessionId: entry.sessionId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
  });
}
