import { resendMessage } from "@/lib/delivery-api/messages";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Sends one message to one endpoint again, now. The core never retries a manual attempt. */
export const POST = bind(portalRoutes.resendMessage, async ({ scope, params, body: { endpointId }, audit }) => {
  const resent = await resendMessage(scope, params.id, endpointId);
  await audit("message.resend", resent.messageId, { endpointId: resent.endpointId });
  return resent;
});
