import { clientOf } from "@/lib/audit";
import { rateLimitSubject } from "@/lib/client-ip";
import { errors, PortalError } from "@/lib/http/errors";
import { answer, bindPublic } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { rateLimit } from "@/lib/rate-limit";
import { noteRequest } from "@/lib/request-log";
import { grantAccess } from "@/lib/session/issue";
import { redeemTicket } from "@/lib/session/store";

/**
 * The iframe trades its one-time ticket (from the URL fragment) for a session, naming the app of
 * its page: a ticket for another app is refused unspent, so no session opens under the wrong
 * application's framing rules and the link still works where it belongs.
 */
export const POST = bindPublic(
  portalRoutes.exchangeTicket,
  async ({ rt, req, body: { ticket, appId } }) => {
    const redeemed = await redeemTicket(rt, ticket, appId);
    if (redeemed === "other-app") throw new PortalError("forbidden", "This portal link belongs to another application.");
    if (!redeemed) throw errors.unauthorized();
    noteRequest(req, { appId: redeemed.session.appId });
    const { granted, cookie } = await grantAccess(rt, redeemed.session, redeemed.refresh);
    return answer(granted, { "set-cookie": cookie });
  },
  // Before the body is read: guessing tickets costs a request each, and there are few.
  (rt, req) => rateLimit(rt, "exchange", rateLimitSubject(clientOf(rt, req).ip), 60, 60_000),
);
