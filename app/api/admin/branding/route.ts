import { brandingView, replaceBranding } from "@/lib/admin/branding";
import { withOrgToken } from "@/lib/admin/with-org-token";
import { ORG_SCOPE } from "@/lib/branding/effective";
import { brandingSchema } from "@/lib/branding/schema";
import { readBody, validate } from "@/lib/http/errors";

/** The org-wide default branding every app builds on. */
export const GET = withOrgToken(async ({ rt }) => Response.json(await brandingView(rt, ORG_SCOPE)));

export const PUT = withOrgToken(async ({ req, rt, audit }) => {
  const branding = validate(brandingSchema, await readBody(req, 32 * 1024));
  await replaceBranding(rt, ORG_SCOPE, branding);
  await audit(ORG_SCOPE, "admin.branding.put", ORG_SCOPE, { fields: Object.keys(branding) });
  return Response.json(await brandingView(rt, ORG_SCOPE));
});
