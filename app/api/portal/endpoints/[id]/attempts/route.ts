import { listAttempts } from "@/lib/delivery-api/endpoints";
import { validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { attemptsQuery } from "./schema";

/** Delivery attempts to this endpoint, newest first, with the receiver's status, body and timing. */
export const GET = withPortalSession<{ id: string }>("ViewBase", async ({ req, params, scope }) => {
  const ref = endpointParam(params);
  const filters = validate(attemptsQuery, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listAttempts(scope, ref, filters));
});
