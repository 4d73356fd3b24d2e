import { deleteEndpoint, endpointId, getEndpoint, updateEndpoint } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const GET = bind(portalRoutes.getEndpoint, ({ scope, params }) => getEndpoint(scope, params.id));

export const PATCH = bind(portalRoutes.updateEndpoint, async ({ scope, params, body, audit }) => {
  const endpoint = await updateEndpoint(scope, params.id, body);
  await audit("endpoint.update", endpoint.id, { fields: Object.keys(body) });
  return endpoint;
});

export const DELETE = bind(portalRoutes.deleteEndpoint, async ({ scope, params, audit }) => {
  const id = await endpointId(scope, params.id);
  await deleteEndpoint(scope, id);
  await audit("endpoint.delete", id);
});
