import { listEventCatalog } from "@/lib/delivery-api/event-types";
import { bind } from "@/lib/portal-api/bind";
import { portalRoutes } from "@/lib/portal-api/routes";

/** The event catalog: descriptions, schemas and examples of the types this session may see. */
export const GET = bind(portalRoutes.listEventTypes, ({ scope }) => listEventCatalog(scope));
