import { endpointId, rotateSecret } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../../schema";
import { rotateIn } from "./schema";

export const POST = withPortalSession<{ id: string }>("ManageEndpointSecret", async ({ req, params, scope, audit }) => {
  const ref = endpointParam(params);
  const { gracePeriodSeconds } = validate(rotateIn, await readBody(req));
  const id = await endpointId(scope, ref);
  await rotateSecret(scope, id, gracePeriodSeconds);
  await audit("endpoint.secret.rotate", id, { gracePeriodSeconds: gracePeriodSeconds ?? null });
  return new Response(null, { status: 204 });
});
