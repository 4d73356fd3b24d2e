import { clientIp } from "@/lib/client-ip";
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

/** Where a request came from: the socket's address, or the forwarded one TRUSTED_PROXIES vouches for. */
export function clientOf(rt: Pick<Runtime, "trustedProxies">, req: Request): { ip: string | null; userAgent: string | null } {
  return {
    ip: clientIp(req, rt.trustedProxies),
    userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function writeAudit(rt: Runtime, req: Request, entry: AuditEntry): Promise<void> {
  await rt.database.db.insert(portalAudit).values({
    ...clientOf(rt, req),
    appId: entry.appId,
    sessionId: entry.sessionId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
  });
}
