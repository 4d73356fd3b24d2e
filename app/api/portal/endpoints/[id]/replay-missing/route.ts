import { countMissing, getEndpoint, replayMissing } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** How many messages a replay over this window would send, so the UI can say so first. */
export const GET = bind(portalRoutes.countMissing, ({ scope, params, query }) => countMissing(scope, params.id, query));

/** Sends the messages this endpoint should have received in the window but never did. */
export const POST = bind(portalRoutes.replayMissing, async ({ scope, params, body: window, audit }) => {
  const endpoint = await getEndpoint(scope, params.id);
  const task = await replayMissing(scope, endpoint, window);
  await audit("endpoint.replay_missing", endpoint.id, { since: window.since.toISOString(), until: window.until?.toISOString() ?? null });
  return task;
});
