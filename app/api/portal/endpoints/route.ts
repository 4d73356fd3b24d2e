import { createEndpoint, listEndpoints } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointCreate, listQuery } from "./schema";

export const GET = withPortalSession("ViewBase", async ({ req, scope }) => {
  const query = validate(listQuery, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listEndpoints(scope, query));
});

export const POST = withPortalSession("ManageEndpoint", async ({ req, scope, audit }) => {
  const input = validate(endpointCreate, await readBody(req));
  const endpoint = await createEndpoint(scope, input);
  await audit("endpoint.create", endpoint.id, { url: endpoint.url });
  return Response.json(endpoint, { status: 201 });
});
