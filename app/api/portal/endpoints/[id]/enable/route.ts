import { updateEndpoint } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const POST = bind(portalRoutes.enableEndpoint, async ({ scope, params, audit }) => {
  const endpoint = await updateEndpoint(scope, params.id, { disabled: false });
  await audit("endpoint.enable", endpoint.id);
  return endpoint;
});
