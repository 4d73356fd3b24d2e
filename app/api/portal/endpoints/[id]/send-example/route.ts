import { sendExample } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/**
 * svix-server lets only the organisation's token send examples, so `sendExample` checks the
 * endpoint (and the event type) with the session's app-scoped token before it uses the org
 * token for that one endpoint of this application.
 */
export const POST = bind(portalRoutes.sendExample, async ({ scope, params, body: { eventType }, rt, audit }) => {
  const sent = await sendExample(scope, { link: rt.coreLink, orgToken: rt.coreLink.orgToken }, params.id, eventType);
  await audit("endpoint.send_example", sent.endpointId, { eventType, messageId: sent.messageId });
  return sent;
});
