import { endpointId, getSecret } from "@/lib/delivery-api/endpoints";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";

/** The signing secret, only when asked for; no other response carries it. Reading it is audited. */
export const GET = withPortalSession<{ id: string }>("ViewEndpointSecret", async ({ params, scope, audit }) => {
  const id = await endpointId(scope, endpointParam(params));
  const secret = await getSecret(scope, id);
  await audit("endpoint.secret.reveal", id);
  return Response.json(secret);
});
