import { withOrgApp } from "@/lib/admin/with-org-token";
import { readBody, validate } from "@/lib/http/errors";
import { revokeSessions } from "@/lib/session/store";
import { revokeBody } from "./schema";

/** Ends portal sessions of the app at once: their access tokens and refresh cookies stop working. */
export const POST = withOrgApp<{ appId: string }>(async ({ req, app, rt, audit }) => {
  const { sessionId, portalSessionId } = validate(revokeBody, await readBody(req, 4096));
  const revoked = await revokeSessions(rt, app.id, { sessionGroup: sessionId, sessionId: portalSessionId });
  await audit(app.id, "admin.sessions.revoke", portalSessionId ?? sessionId ?? null, { sessionId, portalSessionId, revoked });
  return Response.json({ revoked });
});
