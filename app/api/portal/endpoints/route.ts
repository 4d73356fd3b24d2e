import { createEndpoint, listEndpoints } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const GET = bind(portalRoutes.listEndpoints, ({ scope, query }) => listEndpoints(scope, query));

export const POST = bind(portalRoutes.createEndpoint, async ({ scope, body, audit }) => {
  const endpoint = await createEndpoint(scope, body);
  await audit("endpoint.create", endpoint.id, { url: endpoint.url });
  return endpoint;
});
