import { updateEndpoint } from "@/lib/delivery-api/endpoints";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";

export const POST = withPortalSession<{ id: string }>("ManageEndpoint", async ({ params, scope, audit }) => {
  const endpoint = await updateEndpoint(scope, endpointParam(params), { disabled: false });
  await audit("endpoint.enable", endpoint.id);
  return Response.json(endpoint);
});
