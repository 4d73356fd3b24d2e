import { listAttempts } from "@/lib/delivery-api/attempts";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** A message's delivery attempts, newest first, optionally to one endpoint. */
export const GET = bind(portalRoutes.listMessageAttempts, ({ scope, params, query: { endpoint, limit, iterator } }) =>
  listAttempts(scope, { message: params.id, endpoint }, { limit, iterator }),
);
