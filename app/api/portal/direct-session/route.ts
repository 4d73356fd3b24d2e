import { writeAudit } from "@/lib/audit";
import { directSession } from "@/lib/auth/direct-session";
import { membership } from "@/lib/auth/members";
import { sessionCookieName, signedInEmail } from "@/lib/auth/user-session";
import { call } from "@/lib/delivery-api/client";
import { mintAppToken } from "@/lib/delivery-api/portal-access";
import { errors } from "@/lib/http/errors";
import { sameOriginRequest } from "@/lib/http/with-portal-session";
import { answer, bindPublic } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { noteRequest } from "@/lib/request-log";
import { signSessionToken } from "@/lib/session/access-token";
import { DIRECT_COOKIE, directCookie, readCookie } from "@/lib/session/cookies";
import { sessionView } from "@/lib/session/issue";
import { openSession, revokeSession } from "@/lib/session/store";

/** A magic-link user's portal session lasts a working day; then they sign in again. */
const DIRECT_SESSION_TTL_S = 12 * 60 * 60;

/**
 * Opens the portal for one of the signed-in person's applications: the next-auth login says who
 * they are, their membership says which app and what they may do, and the org token mints the
 * app-scoped core token the session keeps on the server.
 */
export const POST = bindPublic(
  portalRoutes.openDirectSession,
  async ({ rt, req, body: { appId } }) => {
    const email = await signedInEmail(rt, readCookie(req, sessionCookieName(rt)));
    if (!email) throw errors.unauthorized();
    const member = await membership(rt, appId, email);
    if (!member) throw errors.forbidden();
    noteRequest(req, { appId: member.appId });
    const minted = await call(() => mintAppToken(rt.coreLink, rt.coreLink.orgToken, member.appId, {}));
    if (!minted.ok) throw minted.status === 404 ? errors.notFound("Application not found") : errors.forbidden();
    // Switching applications ends the session for the previous one: one cookie, one session.
    const previous = await directSession(rt, readCookie(req, DIRECT_COOKIE));
    if (previous) await revokeSession(rt, previous.id);
    const { session } = await openSession(rt, {
      appId: minted.appId,
      source: "magic-link",
      actorEmail: email,
      capabilities: member.capabilities,
      expirySeconds: DIRECT_SESSION_TTL_S,
      branding: null,
      allowedOrigins: null,
      sessionGroup: null,
      coreToken: minted.token,
    });
    await writeAudit(rt, req, { appId: session.appId, sessionId: session.id, actorEmail: email, action: "session.login", detail: { source: "magic-link" } });
    const token = await signSessionToken(rt.secret, "direct", session.id, session.expiresAt);
    return answer({ session: await sessionView(rt, session) }, { "set-cookie": directCookie(token, DIRECT_SESSION_TTL_S) });
  },
  async (rt, req) => {
    if (!sameOriginRequest(rt, req)) throw errors.forbidden();
  },
);
