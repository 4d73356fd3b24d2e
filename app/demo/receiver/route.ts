import { withOrgToken } from "@/lib/admin/with-org-token";
import { errorResponse, PortalError } from "@/lib/http/errors";
import { withRequestLog } from "@/lib/request-log";
import { MAX_BODY_BYTES, recent, record } from "./store";

/**
 * The demo endpoint's receiver: answers every webhook 200 and remembers the last few, so a first
 * message shows a green delivery. GET reads them back (org token), newest first.
 */
export const POST = withRequestLog(async (req: Request, _ctx?: unknown): Promise<Response> => {
  let body: { text: string; truncated: boolean };
  try {
    body = await readBounded(req, MAX_BODY_BYTES);
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

/** The first `max` bytes of the body as text; the rest is not buffered. */
async function readBounded(req: Request, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!req.body) return { text: "", truncated: false };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, max);
  return { text: new TextDecoder().decode(bytes), truncated: size > max };
}
