import { getStats } from "@/lib/delivery-api/endpoints";
import { validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { statsQuery } from "./schema";

/** Message counts by delivery status in a window (the core's default: the last 28 days). */
export const GET = withPortalSession<{ id: string }>("ViewBase", async ({ req, params, scope }) => {
  const ref = endpointParam(params);
  const window = validate(statsQuery, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await getStats(scope, ref, window));
});
