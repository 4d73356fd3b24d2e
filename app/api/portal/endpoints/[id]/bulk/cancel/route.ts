import { cancelBulk, getEndpoint } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Drops this endpoint's recover and replay deliveries that have not been attempted yet. */
export const POST = bind(portalRoutes.cancelBulk, async ({ scope, params, audit }) => {
  const endpoint = await getEndpoint(scope, params.id);
  const result = await cancelBulk(scope, endpoint);
  await audit("endpoint.bulk_cancel", endpoint.id, { cancelled: result.cancelled });
  return result;
});
