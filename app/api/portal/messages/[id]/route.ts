import { getMessage } from "@/lib/delivery-api/messages";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** One message (by id or eventId) with its payload and the endpoints it was sent to. */
export const GET = bind(portalRoutes.getMessage, ({ scope, params }) => getMessage(scope, params.id));
