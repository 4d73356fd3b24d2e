import { listMessages } from "@/lib/delivery-api/messages";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** The delivery log, newest first, filtered; with `endpoint`, each row carries its status there. */
export const GET = bind(portalRoutes.listMessages, ({ scope, query: { limit, iterator, ...filters } }) => listMessages(scope, filters, { limit, iterator }));
