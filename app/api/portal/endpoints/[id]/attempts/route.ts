import { listAttempts } from "@/lib/delivery-api/attempts";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Delivery attempts to this endpoint, newest first, with the receiver's status, body and timing. */
export const GET = bind(portalRoutes.listEndpointAttempts, ({ scope, params, query: { limit, iterator, ...filters } }) =>
  listAttempts(scope, { endpoint: params.id, ...filters }, { limit, iterator }),
);
