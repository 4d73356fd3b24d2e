import { createEndpoint, listEndpoints } from "@/lib/delivery-api/endpoints";
import { maskCredentials } from "@/lib/delivery-api/url-credentials";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

export const GET = bind(portalRoutes.listEndpoints, ({ scope, query }) => listEndpoints(scope, query));

export const POST = bind(portalRoutes.createEndpoint, async ({ scope, body, audit }) => {
  const endpoint = await createEndpoint(scope, body);
  // The audit log is for the SaaS's staff: they see where it points, not the credentials in it.
  await audit("endpoint.create", endpoint.id, { url: maskCredentials(endpoint.url) });
  return endpoint;
});
