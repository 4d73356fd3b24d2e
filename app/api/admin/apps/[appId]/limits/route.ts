import { limitsBody, readLimits, replaceLimits } from "@/lib/admin/limits";
import { withOrgApp } from "@/lib/admin/with-org-token";
import { readBody, validate } from "@/lib/http/errors";

type Params = { appId: string };

/** The app's stored limits, the ones in force (defaults from the environment), and its bulk deliveries queued now. */
export const GET = withOrgApp<Params>(async ({ app, rt }) => Response.json(await readLimits(rt, app.id)));

export const PUT = withOrgApp<Params>(async ({ req, app, rt, audit }) => {
  const limits = validate(limitsBody, await readBody(req, 4 * 1024));
  const view = await replaceLimits(rt, app.id, limits);
  await audit(app.id, "admin.limits.put", app.id, limits);
  return Response.json(view);
});
