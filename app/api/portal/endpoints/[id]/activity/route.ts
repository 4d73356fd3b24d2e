import { getActivity } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Deliveries over time for the endpoint's chart: hourly buckets for 24h, daily (UTC) otherwise. */
export const GET = bind(portalRoutes.getEndpointActivity, ({ scope, params, query }) => getActivity(scope, params.id, query.range));
