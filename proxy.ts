import { NextResponse, type NextRequest } from "next/server";
import { isLocale, LOCALE_COOKIE } from "@/i18n/config";
import { LOCALE_HEADER } from "@/i18n/locale-header";
import { PORTAL_APP_HEADER } from "@/lib/portal-app-header";
import { cachedAllowedOrigins, frameAncestorsFor } from "@/lib/branding/effective";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";
import { log } from "@/lib/log";
import { runtime } from "@/lib/runtime";

const EMBED_PATH = /^\/embed(?:\/|$)/;
// Portal links always carry the app's id (never its uid), and origins are stored by id: a path
// naming the app any other way is not one we minted, so nobody may frame it.
const EMBED_APP_PATH = /^\/embed\/(app_[a-zA-Z0-9]{1,64})(?:\/|$)/;

/**
 * Framing and script policy, decided before any page renders. /embed/{app_id} may be framed by
 * that app's allowed origins (the path names the app because the ticket in the fragment never
 * reaches the server); every other page may not be framed at all. Every page gets a script nonce
 * of its own (lib/http/content-security-policy.ts). Not an auth boundary: handlers authorise
 * themselves.
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const path = req.nextUrl.pathname;
  const embed = EMBED_PATH.test(path);
  const appId = EMBED_APP_PATH.exec(path)?.[1];
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    frameAncestors: appId ? await embedAncestors(appId) : "'none'",
    dev: process.env.NODE_ENV === "development",
  });
  // These request headers are ours to set: whatever a client sent under their names is dropped.
  // Next.js takes the script nonce from the request's copy of the policy.
  const forwarded = new Headers(req.headers);
  forwarded.delete(PORTAL_APP_HEADER);
  forwarded.delete(LOCALE_HEADER);
  forwarded.set("content-security-policy", csp);
  if (appId) forwarded.set(PORTAL_APP_HEADER, appId);
  const locale = req.nextUrl.searchParams.get("locale");
  if (isLocale(locale)) forwarded.set(LOCALE_HEADER, locale);
  const res = NextResponse.next({ request: { headers: forwarded } });
  res.headers.set("content-security-policy", csp);
  // A portal link's language sticks for the rest of the visit (partitioned inside a frame).
  if (isLocale(locale)) {
    res.cookies.set(LOCALE_COOKIE, locale, { path: "/", secure: true, sameSite: "none", partitioned: true, maxAge: 60 * 60 * 24 * 365 });
  }
  if (!embed) {
    res.headers.set("x-frame-options", "DENY");
    return res;
  }
  // The ticket rides in the fragment, which is never sent; still, the page sends no Referer at all.
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("cache-control", "no-store");
  return res;
}

async function embedAncestors(appId: string): Promise<string> {
  try {
    return frameAncestorsFor(await cachedAllowedOrigins(await runtime(), appId));
  } catch (err) {
    // Without the app's list nobody may frame it; the page itself still loads top-level.
    log.error({ err }, "proxy: could not read allowed origins");
    return "'none'";
  }
}

export const config = {
  // Static assets and the image optimiser carry no page to frame. The core's Svix API
  // (/api/v1) is called by servers, never framed, and is the hot path for sending messages.
  // Every other route, the BFF's JSON and next-auth's built-in pages included, gets the header.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/).*)"],
};
