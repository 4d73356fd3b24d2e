import { listAudit } from "@/lib/admin/audit-log";
import { pageQuery } from "@/lib/admin/page";
import { queryOf } from "@/lib/http/query";
import { withOrgApp } from "@/lib/admin/with-org-token";
import { validate } from "@/lib/http/errors";

/** Every mutating portal and admin action on the app, newest first: `?limit=&iterator=`. */
export const GET = withOrgApp<{ appId: string }>(async ({ req, app, rt }) => {
  const { limit, iterator } = validate(pageQuery, queryOf(req));
  return Response.json(await listAudit(rt, app.id, limit, iterator));
});
