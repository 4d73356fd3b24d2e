import { endpointId, getSecret } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** The signing secret, only when asked for; no other response carries it. Reading it is audited. */
export const GET = bind(portalRoutes.getEndpointSecret, async ({ scope, params, audit }) => {
  const id = await endpointId(scope, params.id);
  const secret = await getSecret(scope, id);
  await audit("endpoint.secret.reveal", id);
  return secret;
});
