import { endpointId, getHeaders, patchHeaders, replaceHeaders } from "@/lib/delivery-api/endpoints";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** Values of sensitive headers (authorization, API keys) are withheld: only their names come back. */
export const GET = bind(portalRoutes.getEndpointHeaders, ({ scope, params }) => getHeaders(scope, params.id));

export const PUT = bind(portalRoutes.replaceEndpointHeaders, async ({ scope, params, body: { headers }, audit }) => {
  const id = await endpointId(scope, params.id);
  await replaceHeaders(scope, id, headers);
  // Names only: header values are often credentials.
  await audit("endpoint.headers.replace", id, { names: Object.keys(headers) });
});

export const PATCH = bind(portalRoutes.patchEndpointHeaders, async ({ scope, params, body: { headers, deleteHeaders }, audit }) => {
  const id = await endpointId(scope, params.id);
  await patchHeaders(scope, id, headers, deleteHeaders);
  await audit("endpoint.headers.patch", id, { names: Object.keys(headers), deleted: deleteHeaders ?? [] });
});
