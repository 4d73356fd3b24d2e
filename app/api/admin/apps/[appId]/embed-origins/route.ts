import { embedOriginsBody, embedOriginsView } from "@/lib/admin/embed-origins";
import { withOrgApp } from "@/lib/admin/with-org-token";
import { saveAllowedOrigins } from "@/lib/branding/effective";
import { readBody, validate } from "@/lib/http/errors";

type Params = { appId: string };

/** The origins allowed to frame /embed/{appId}: stored, effective, and the CSP sources sent. */
export const GET = withOrgApp<Params>(async ({ app, rt }) => Response.json(await embedOriginsView(rt, app.id)));

export const PUT = withOrgApp<Params>(async ({ req, app, rt, audit }) => {
  const { origins } = validate(embedOriginsBody, await readBody(req, 16 * 1024));
  await saveAllowedOrigins(rt, app.id, origins);
  await audit(app.id, "admin.embed-origins.put", app.id, { origins });
  return Response.json(await embedOriginsView(rt, app.id));
});
