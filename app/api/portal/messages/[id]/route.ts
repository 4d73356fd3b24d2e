import { getMessage } from "@/lib/delivery-api/messages";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { messageRef } from "../schema";

/** One message (by id or eventId) with its payload and the endpoints it was sent to. */
export const GET = withPortalSession<{ id: string }>("ViewBase", async ({ params, scope }) =>
  Response.json(await getMessage(scope, messageRef(params.id))),
);
