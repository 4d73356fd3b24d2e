import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { writeAudit } from "@/lib/audit";
import { errorResponse, errors } from "@/lib/http/errors";
import { runtime, type Runtime } from "@/lib/runtime";
import { clearDirectCookie, DIRECT_COOKIE, readCookie } from "@/lib/session/cookies";
import { revokeSession } from "@/lib/session/store";
import { CONFIRM_PATH } from "./confirm-link";
import { directSession } from "./direct-session";
import { checkAuthInput } from "./input";
import { authBaseUrl, authOptions } from "./options";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's route, with three guards around it:
 * - a GET of the email callback never reaches next-auth (it would spend the token): it shows
 *   the confirm page instead, whose button POSTs;
 * - every POST must come from the portal's own origin (next-auth checks no CSRF token on the
 *   email callback, so a cross-site form could log a victim into the attacker's account);
 * - signing out also ends the portal session opened from this login.
 */
export async function authRoute(req: NextRequest, ctx: Context): Promise<Response> {
  try {
    const rt = await runtime();
    process.env.NEXTAUTH_URL = authBaseUrl(rt);
    const [action, provider] = (await ctx.params).nextauth;
    if (req.method === "GET" && action === "callback" && provider === "email") {
      const confirm = new URL(CONFIRM_PATH, rt.portalUrl);
      confirm.search = req.nextUrl.search;
      return new Response(null, { status: 303, headers: { location: confirm.toString(), "cache-control": "no-store" } });
    }
    if (req.method === "POST" && req.headers.get("origin") !== new URL(rt.portalUrl).origin) throw errors.forbidden();
    await checkAuthInput(req, rt.portalUrl);
    const res = await withoutErrorText(await NextAuth(authOptions(rt, req))(req, ctx));
    if (req.method === "POST" && action === "signout" && (await signedOut(res))) return await endDirectSession(rt, req, res);
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}

/** next-auth's own error codes; anything else in `?error=` is the text of an error it caught. */
const ERROR_CODES = new Set(["Configuration", "AccessDenied", "Verification", "Default", "OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "EmailCreateAccount", "Callback", "OAuthAccountNotLinked", "EmailSignin", "CredentialsSignin", "SessionRequired"]);

/**
 * A redirect whose `error` is not one of next-auth's codes carries an exception's message (next-auth
 * does that with errors thrown from callbacks and the adapter): it gets the generic code instead,
 * in a Location header and in the `{url}` that `json=true` requests get.
 */
async function withoutErrorText(res: Response): Promise<Response> {
  const location = res.headers.get("location");
  if (location !== null) {
    const safe = safeRedirect(location);
    if (safe === location) return res;
    const out = new Response(res.body, res);
    out.headers.set("location", safe);
    return out;
  }
  if (!res.headers.get("content-type")?.includes("application/json")) return res;
  const body = (await res.clone().json().catch(() => null)) as { url?: unknown } | null;
  if (typeof body?.url !== "string" || safeRedirect(body.url) === body.url) return res;
  const out = new Response(JSON.stringify({ ...body, url: safeRedirect(body.url) }), res);
  out.headers.delete("content-length");
  return out;
}

function safeRedirect(url: string): string {
  let to: URL;
  try {
    to = new URL(url, "http://relative.invalid");
  } catch {
    return url;
  }
  const error = to.searchParams.get("error");
  if (error === null || ERROR_CODES.has(error)) return url;
  to.search = new URLSearchParams({ error: "Default" }).toString();
  return to.origin === "http://relative.invalid" ? `${to.pathname}${to.search}` : to.toString();
}

/**
 * next-auth answers a sign-out without a valid CSRF token by sending the browser back to ask
 * again (a redirect, or `{url}` for `json=true` requests) instead of signing out.
 */
async function signedOut(res: Response): Promise<boolean> {
  if (res.status >= 400) return false;
  let to = res.headers.get("location");
  if (to === null && res.headers.get("content-type")?.includes("application/json")) {
    const body = (await res.clone().json().catch(() => null)) as { url?: unknown } | null;
    to = typeof body?.url === "string" ? body.url : null;
  }
  return to !== null && !to.includes("csrf=true");
}

async function endDirectSession(rt: Runtime, req: Request, res: Response): Promise<Response> {
  const session = await directSession(rt, readCookie(req, DIRECT_COOKIE));
  if (session) {
    await revokeSession(rt, session.id);
    await writeAudit(rt, req, { appId: session.appId, sessionId: session.id, actorEmail: session.actorEmail, action: "session.logout" });
  }
  const out = new Response(res.body, res);
  out.headers.append("set-cookie", clearDirectCookie());
  return out;
}
