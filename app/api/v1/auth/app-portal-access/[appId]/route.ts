import { saveAllowedOrigins } from "@/lib/branding/effective";
import { toPortalError } from "@/lib/delivery-api/client";
import { isOrgToken, mintAppToken } from "@/lib/delivery-api/portal-access";
import { PortalError } from "@/lib/http/errors";
import { BodyTooLarge, readBoundedText } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { noteRequest, withRequestLog } from "@/lib/request-log";
import { runtime } from "@/lib/runtime";
import { grantedCapabilities, type Capability } from "@/lib/session/capabilities";
import { createTicket } from "@/lib/session/store";
import { appPortalAccessIn } from "./schema";

const DEFAULT_EXPIRY_S = 7 * 24 * 3600;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Svix's portal link, on the Porthole origin in both modes: the caller's org token mints an
 * app-scoped core token (the core checks it), and the answer is `{url, token}` where `url`
 * opens /embed/{app_id} with a one-time ticket in the fragment.
 */
export const POST = withRequestLog(async (req: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> => {
  try {
    const rt = await runtime();
    const { appId } = await params;
    // Nothing of the body is read until the caller is known: a bearer of sane shape, a declared
    // length within the cap, then the core's own check of the token.
    const orgToken = /^Bearer\s+(\S{1,1024})$/i.exec(req.headers.get("authorization") ?? "")?.[1];
    if (!orgToken) return svixError(401, "authentication_failed", "Invalid token");
    if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return tooLarge();
    if (!(await isOrgToken(rt.coreLink, orgToken))) return svixError(401, "authentication_failed", "Invalid token");
    const body = await readJson(req);
    if (body instanceof Response) return body;
    const parsed = appPortalAccessIn.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => ({ loc: ["body", ...i.path.map(String)], msg: i.message, type: "value_error" }));
      return Response.json({ detail }, { status: 422 });
    }
    const input = parsed.data;
    const minted = await mintAppToken(rt.coreLink, orgToken, appId, input);
    if (!minted.ok) return Response.json(minted.body, { status: minted.status });
    noteRequest(req, { appId: minted.appId });

    // The link's origins become the application's list (frame-ancestors and postMessage peers).
    if (input.allowedOrigins) await saveAllowedOrigins(rt, minted.appId, input.allowedOrigins);
    const ticket = await createTicket(rt, minted.appId, minted.token, {
      capabilities: grantedCapabilities(input.capabilities?.filter((c): c is Capability => c !== "ManageTransformations"), input.readOnly),
      expirySeconds: input.expiry ?? DEFAULT_EXPIRY_S,
      branding: input.branding ?? null,
      allowedOrigins: input.allowedOrigins ?? null,
      sessionGroup: input.sessionId ?? null,
    });
    return Response.json(
      { url: `${rt.portalUrl}/embed/${minted.appId}${input.locale ? `?locale=${input.locale}` : ""}#ticket=${ticket}`, token: minted.token },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    // An unreachable core is a 502 (logged with why); anything else is ours, a 500 in Svix's shape.
    const mapped = toPortalError(err);
    if (mapped instanceof PortalError && mapped.code === "core_unavailable") {
      log.warn({ ...mapped.reason, status: 502 }, "app-portal-access: core_unavailable");
      return svixError(502, mapped.code, mapped.message);
    }
    log.error({ err }, "app-portal-access failed");
    return svixError(500, "internal_error", "Internal server error");
  }
});

function svixError(status: number, code: string, detail: string): Response {
  return Response.json({ code, detail }, { status });
}

async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBoundedText(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) return tooLarge();
    throw err;
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return Response.json({ detail: [{ loc: ["body"], msg: "Expecting a valid JSON document", type: "value_error.jsondecode" }] }, { status: 422 });
  }
}

function tooLarge(): Response {
  const res = svixError(413, "payload_too_large", "Request payload is too large.");
  // The body is left unread, so the connection cannot carry another request.
  res.headers.set("connection", "close");
  return res;
}
