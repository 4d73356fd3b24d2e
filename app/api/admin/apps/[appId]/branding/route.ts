import { brandingView, replaceBranding } from "@/lib/admin/branding";
import { withOrgApp } from "@/lib/admin/with-org-token";
import { brandingSchema } from "@/lib/branding/schema";
import { readBody, validate } from "@/lib/http/errors";

type Params = { appId: string };

/** The app's own branding, the org default under it, and the merge the portal shows. */
export const GET = withOrgApp<Params>(async ({ app, rt }) => Response.json(await brandingView(rt, app.id)));

export const PUT = withOrgApp<Params>(async ({ req, app, rt, audit }) => {
  const branding = validate(brandingSchema, await readBody(req, 32 * 1024));
  await replaceBranding(rt, app.id, branding);
  await audit(app.id, "admin.branding.put", app.id, { fields: Object.keys(branding) });
  return Response.json(await brandingView(rt, app.id));
});
