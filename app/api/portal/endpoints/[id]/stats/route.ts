import { getStats } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Message counts by delivery status in a window (the core's default: the last 28 days). */
export const GET = bind(portalRoutes.getEndpointStats, ({ scope, params, query }) => getStats(scope, params.id, query));
