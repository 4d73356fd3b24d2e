import { listMembers } from "@/lib/admin/members";
import { pageQuery } from "@/lib/admin/page";
import { queryOf } from "@/lib/http/query";
import { withOrgApp } from "@/lib/admin/with-org-token";
import { validate } from "@/lib/http/errors";

/** The app's members in email order: `?limit=&iterator=`. */
export const GET = withOrgApp<{ appId: string }>(async ({ req, app, rt }) => {
  const { limit, iterator } = validate(pageQuery, queryOf(req));
  return Response.json(await listMembers(rt, app.id, limit, iterator));
});
