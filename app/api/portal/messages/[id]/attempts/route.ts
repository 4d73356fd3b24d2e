import { listAttempts } from "@/lib/delivery-api/messages";
import { validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { messageRef, searchParamsOf } from "../../schema";
import { attemptsQuery } from "./schema";

/** A message's delivery attempts, newest first, optionally to one endpoint. */
export const GET = withPortalSession<{ id: string }>("ViewBase", async ({ req, params, scope }) => {
  const id = messageRef(params.id);
  const { endpoint, limit, iterator } = validate(attemptsQuery, searchParamsOf(req));
  return Response.json(await listAttempts(scope, id, { endpoint, limit, iterator }));
});
