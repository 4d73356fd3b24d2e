import { sendExample } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { sendExampleIn } from "./schema";

/**
 * svix-server lets only the organisation's token send examples, so `sendExample` checks the
 * endpoint (and the event type) with the session's app-scoped token before it uses the org
 * token for that one endpoint of this application.
 */
export const POST = withPortalSession<{ id: string }>("CreateAttempts", async ({ req, params, scope, rt, audit }) => {
  const ref = endpointParam(params);
  const { eventType } = validate(sendExampleIn, await readBody(req));
  const sent = await sendExample(scope, { link: rt.coreLink, orgToken: rt.coreLink.orgToken }, ref, eventType);
  await audit("endpoint.send_example", sent.endpointId, { eventType, messageId: sent.messageId });
  return Response.json(sent, { status: 202 });
});
