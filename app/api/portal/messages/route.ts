import { listMessages } from "@/lib/delivery-api/messages";
import { validate } from "@/lib/http/errors";
import { withPortalSession } from "@/lib/http/with-portal-session";
import { listQuery, searchParamsOf } from "./schema";

/** The delivery log, newest first, filtered; with `endpoint`, each row carries its status there. */
export const GET = withPortalSession("ViewBase", async ({ req, scope }) => {
  const { limit, iterator, ...filters } = validate(listQuery, searchParamsOf(req));
  return Response.json(await listMessages(scope, filters, { limit, iterator }));
});
