import { getActivity } from "@/lib/delivery-api/endpoints";
import { validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { activityQuery } from "./schema";

/** Deliveries over time for the endpoint's chart: hourly buckets for 24h, daily (UTC) otherwise. */
export const GET = withPortalSession<{ id: string }>("ViewBase", async ({ req, params, scope }) => {
  const ref = endpointParam(params);
  const { range } = validate(activityQuery, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await getActivity(scope, ref, range));
});
