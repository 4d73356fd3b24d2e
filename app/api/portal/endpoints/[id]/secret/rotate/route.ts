import { endpointId, rotateSecret } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const POST = bind(portalRoutes.rotateEndpointSecret, async ({ scope, params, body: { gracePeriodSeconds }, audit }) => {
  const id = await endpointId(scope, params.id);
  await rotateSecret(scope, id, gracePeriodSeconds);
  await audit("endpoint.secret.rotate", id, { gracePeriodSeconds: gracePeriodSeconds ?? null });
});
