import { embedOriginsBody, embedOriginsView } from "@/lib/admin/embed-origins";
import { withOrgToken } from "@/lib/admin/with-org-token";
import { ORG_SCOPE, saveAllowedOrigins } from "@/lib/branding/effective";
import { readBody, validate } from "@/lib/http/errors";

/** The org-wide default for apps without their own list (overrides EMBED_ALLOWED_ORIGINS). */
export const GET = withOrgToken(async ({ rt }) => Response.json(await embedOriginsView(rt, ORG_SCOPE)));

export const PUT = withOrgToken(async ({ req, rt, audit }) => {
  const { origins } = validate(embedOriginsBody, await readBody(req, 16 * 1024));
  await saveAllowedOrigins(rt, ORG_SCOPE, origins);
  await audit(ORG_SCOPE, "admin.embed-origins.put", ORG_SCOPE, { origins });
  return Response.json(await embedOriginsView(rt, ORG_SCOPE));
});
