import { withRequestLog } from "@/lib/request-log";
import { runtime } from "@/lib/runtime";

/** The embedded core's Svix API. With CORE_API_URL set, the core is external and these paths are gone. */
async function handle(req: Request): Promise<Response> {
  const { core } = await runtime();
  if (!core) return Response.json({ code: "not_found", detail: "Entity not found" }, { status: 404 });
  return core.handle(req);
}

export const dynamic = "force-dynamic";
const logged = withRequestLog(handle);
export { logged as GET, logged as POST, logged as PUT, logged as PATCH, logged as DELETE };
