import { updateEndpoint } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const POST = bind(portalRoutes.disableEndpoint, async ({ scope, params, audit }) => {
  const endpoint = await updateEndpoint(scope, params.id, { disabled: true });
  await audit("endpoint.disable", endpoint.id);
  return endpoint;
});
