import { getEndpoint, replayMissing } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { recoverWindow } from "../recover/schema";

/** Sends the messages this endpoint should have received in the window but never did. */
export const POST = withPortalSession<{ id: string }>("CreateAttempts", async ({ req, params, scope, audit }) => {
  const ref = endpointParam(params);
  const window = validate(recoverWindow, await readBody(req));
  const endpoint = await getEndpoint(scope, ref);
  const task = await replayMissing(scope, endpoint, window);
  await audit("endpoint.replay_missing", endpoint.id, { since: window.since.toISOString(), until: window.until?.toISOString() ?? null });
  return Response.json(task, { status: 202 });
});
