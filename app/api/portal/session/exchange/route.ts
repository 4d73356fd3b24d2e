import { z } from "zod";
import { clientOf } from "@/lib/audit";
import { errorResponse, errors, readBody, validate } from "@/lib/http/errors";
import { rateLimit } from "@/lib/rate-limit";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime } from "@/lib/runtime";
import { issueAccess } from "@/lib/session/issue";
import { redeemTicket } from "@/lib/session/store";

const body = z.object({ ticket: z.string().min(20).max(200) });

/** The iframe trades its one-time ticket (from the URL fragment) for a session. */
export const POST = withRequestLog(async (req: Request): Promise<Response> => {
  try {
    const rt = await runtime();
    await rateLimit(rt, `exchange:${clientOf(req).ip ?? "unknown"}`, 60, 60_000);
    const { ticket } = validate(body, await readBody(req, 4096));
    const redeemed = await redeemTicket(rt, ticket);
    if (!redeemed) throw errors.unauthorized();
    noteRequest(req, { appId: redeemed.session.appId });
    return await issueAccess(rt, redeemed.session, redeemed.refresh);
  } catch (err) {
    return errorResponse(err);
  }
});
