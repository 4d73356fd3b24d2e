import { resendMessage } from "@/lib/delivery-api/messages";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { messageRef } from "../../schema";
import { resendBody } from "./schema";

/** Sends one message to one endpoint again, now. The core never retries a manual attempt. */
export const POST = withPortalSession<{ id: string }>("CreateAttempts", async ({ req, params, scope, audit }) => {
  const id = messageRef(params.id);
  const { endpointId } = validate(resendBody, await readBody(req));
  const resent = await resendMessage(scope, id, endpointId);
  await audit("message.resend", resent.messageId, { endpointId: resent.endpointId });
  return Response.json(resent, { status: 202 });
});
