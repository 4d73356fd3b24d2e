import { countMessages } from "@/lib/delivery-api/messages";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";
import { EXPORT_MAX_ROWS } from "@/lib/portal-api/schemas/messages";

/** What an export of these filters would hold, before the user downloads it. */
export const GET = bind(portalRoutes.countMessages, ({ scope, query }) => countMessages(scope, query, EXPORT_MAX_ROWS));
