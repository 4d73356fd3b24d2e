import { countRecoverable, endpointId, recoverFailed } from "@/lib/delivery-api/endpoints";
import { readBody, validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { endpointParam } from "../schema";
import { recoverWindow } from "./schema";

type Params = { id: string };

/** How many failed messages a recover over this window would retry, so the UI can say so first. */
export const GET = withPortalSession<Params>("CreateAttempts", async ({ req, params, scope }) => {
  const ref = endpointParam(params);
  const window = validate(recoverWindow, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await countRecoverable(scope, ref, window));
});

/** Resends every message whose delivery to this endpoint failed for good within the window. */
export const POST = withPortalSession<Params>("CreateAttempts", async ({ req, params, scope, audit }) => {
  const ref = endpointParam(params);
  const window = validate(recoverWindow, await readBody(req));
  const id = await endpointId(scope, ref);
  const task = await recoverFailed(scope, id, window);
  await audit("endpoint.recover", id, { since: window.since.toISOString(), until: window.until?.toISOString() ?? null });
  return Response.json(task, { status: 202 });
});
