import { endpointId, getHeaders, replaceHeaders } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { headersPut } from "./schema";

type Params = { id: string };

/** Values of sensitive headers (authorization, API keys) are withheld: only their names come back. */
export const GET = withPortalSession<Params>("ViewBase", async ({ params, scope }) => {
  return Response.json(await getHeaders(scope, endpointParam(params)));
});

export const PUT = withPortalSession<Params>("ManageEndpoint", async ({ req, params, scope, audit }) => {
  const ref = endpointParam(params);
  const { headers } = validate(headersPut, await readBody(req));
  const id = await endpointId(scope, ref);
  await replaceHeaders(scope, id, headers);
  // Names only: header values are often credentials.
  await audit("endpoint.headers.replace", id, { names: Object.keys(headers) });
  return new Response(null, { status: 204 });
});
