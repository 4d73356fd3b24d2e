import { listEventCatalog } from "@/lib/delivery-api/event-types";
import { withPortalSession } from "@/lib/http/with-portal-session";

/** The event catalog: descriptions, schemas and examples of the types this session may see. */
export const GET = withPortalSession("ViewBase", async ({ scope }) => Response.json(await listEventCatalog(scope)));
