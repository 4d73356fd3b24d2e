import { deleteEndpoint, endpointId, getEndpoint, updateEndpoint } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam, endpointPatch } from "./schema";

type Params = { id: string };

export const GET = withPortalSession<Params>("ViewBase", async ({ params, scope }) => {
  return Response.json(await getEndpoint(scope, endpointParam(params)));
});

export const PATCH = withPortalSession<Params>("ManageEndpoint", async ({ req, params, scope, audit }) => {
  const ref = endpointParam(params);
  const changes = validate(endpointPatch, await readBody(req));
  const endpoint = await updateEndpoint(scope, ref, changes);
  await audit("endpoint.update", endpoint.id, { fields: Object.keys(changes) });
  return Response.json(endpoint);
});

export const DELETE = withPortalSession<Params>("ManageEndpoint", async ({ params, scope, audit }) => {
  const id = await endpointId(scope, endpointParam(params));
  await deleteEndpoint(scope, id);
  await audit("endpoint.delete", id);
  return new Response(null, { status: 204 });
});
