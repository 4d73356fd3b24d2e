import { withOrgToken } from "@/lib/admin/with-org-token";
import { errorResponse, PortalError } from "@/lib/http/errors";
import { readBounded } from "@/lib/http/read-body";
import { withRequestLog } from "@/lib/request-log";
import { MAX_BODY_BYTES, recent, record } from "./store";

/**
 * The demo endpoint's receiver: answers every webhook 200 and remembers the last few, so a first
 * message shows a green delivery. GET reads them back (org token), newest first.
 */
export const POST = withRequestLog(async (req: Request, _ctx?: unknown): Promise<Response> => {
  let body: { text: string; truncated: boolean };
  try {
    // A receiver keeps what it can show rather than refusing a delivery.
    const read = await readBounded(req, MAX_BODY_BYTES, { onOverflow: "truncate" });
    body = { text: new TextDecoder().decode(read.bytes), truncated: read.truncated };
  } catch {
    return errorResponse(new PortalError("bad_request", "The request body could not be read."));
  }
  const { text, truncated } = body;
  const header = (a: string, b: string) => req.headers.get(a) ?? req.headers.get(b);
  record({
    receivedAt: new Date().toISOString(),
    id: header("webhook-id", "svix-id"),
    timestamp: header("webhook-timestamp", "svix-timestamp"),
    signature: header("webhook-signature", "svix-signature"),
    contentType: req.headers.get("content-type"),
    body: text,
    truncated,
  });
  return Response.json({ received: true });
});

export const GET = withOrgToken(async () => Response.json({ data: recent() }));
