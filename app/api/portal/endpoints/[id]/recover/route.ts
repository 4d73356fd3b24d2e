import { countRecoverable, endpointId, recoverFailed } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** How many failed messages a recover over this window would retry, so the UI can say so first. */
export const GET = bind(portalRoutes.countRecoverable, ({ scope, params, query }) => countRecoverable(scope, params.id, query));

/** Resends every message whose delivery to this endpoint failed for good within the window. */
export const POST = bind(portalRoutes.recoverEndpoint, async ({ scope, params, body: window, audit }) => {
  const id = await endpointId(scope, params.id);
  const task = await recoverFailed(scope, id, window);
  await audit("endpoint.recover", id, { since: window.since.toISOString(), until: window.until?.toISOString() ?? null });
  return task;
});
