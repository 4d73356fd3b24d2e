import { appPresentation } from "@/lib/branding/effective";
import type { Runtime } from "@/lib/runtime";
import { signAccessToken } from "./access-token";
import { refreshCookie } from "./cookies";
import type { PortalSession } from "./store";
import type { Granted, SessionView } from "./view";

/** What the browser learns about its session: never the core token, never the refresh secret. */
export async function sessionView(rt: Runtime, session: PortalSession): Promise<SessionView> {
  const app = await appPresentation(rt, session.appId, session.branding);
  return {
    id: session.id,
    appId: session.appId,
    capabilities: session.capabilities,
    expiresAt: session.expiresAt.toISOString(),
    actorEmail: session.actorEmail,
    source: session.source,
    // postMessage peers: the session's own list, else the application's.
    allowedOrigins: session.allowedOrigins ?? app.origins,
    branding: app.branding,
  };
}

/** A fresh access token for the session, and the refresh secret's partitioned cookie to set. */
export async function grantAccess(rt: Runtime, session: PortalSession, refresh: string): Promise<{ granted: Granted; cookie: string }> {
  const access = await signAccessToken(rt.secret, session.id, session.expiresAt);
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
  return {
    granted: { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), session: await sessionView(rt, session) },
    cookie: refreshCookie(session.appId, refresh, maxAge),
  };
}
