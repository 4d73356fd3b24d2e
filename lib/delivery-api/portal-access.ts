import "server-only";
import { ApiException } from "svix";
import type { CoreLink } from "@/lib/runtime";
import { isDotsOnly, NAME_PATTERN } from "@/lib/storable";
import { svixClient } from "./client";

export type MintRequest = {
  featureFlags?: string[];
  expiry?: number | null;
  application?: { name: string; uid?: string | null; throttleRate?: number | null; metadata?: Record<string, string> } | null;
};

export type Minted = { ok: true; appId: string; appName: string; token: string } | { ok: false; status: number; body: unknown };

/**
 * Mints an app-scoped token with the caller's own org token: the core checks the token (and
 * creates the app when asked), so a SaaS needs one credential only. Then resolves the app's id
 * (the path may hold a uid). Upstream refusals come back as Svix-shaped status + body.
 */
export async function mintAppToken(link: CoreLink, orgToken: string, appIdOrUid: string, req: MintRequest): Promise<Minted> {
  try {
    const { token } = await svixClient(link, orgToken).authentication.appPortalAccess(appIdOrUid, {
      featureFlags: req.featureFlags,
      expiry: req.expiry ?? undefined,
      application: req.application ?? undefined,
    });
    const app = await svixClient(link, token).application.get(appIdOrUid);
    return { ok: true, appId: app.id, appName: app.name, token };
  } catch (err) {
    if (err instanceof ApiException && err.code >= 400 && err.code < 500) {
      return { ok: false, status: err.code, body: err.body };
    }
    throw err;
  }
}

/** Whether a token is the organisation's: only org tokens may list applications. */
export async function isOrgToken(link: CoreLink, token: string): Promise<boolean> {
  try {
    await svixClient(link, token).application.list({ limit: 1 });
    return true;
  } catch (err) {
    if (err instanceof ApiException && (err.code === 401 || err.code === 403)) return false;
    throw err;
  }
}

/**
 * The application's id and name as the org sees it, or null when there is none. A value that
 * cannot be an id or uid names none: asked as it is, "." or ".." would fold the SDK's URL into
 * the application list (/api/v1/app/), which is no application.
 */
export async function findApp(link: CoreLink, orgToken: string, appIdOrUid: string): Promise<{ id: string; name: string } | null> {
  if (appIdOrUid.length > 256 || !NAME_PATTERN.test(appIdOrUid) || isDotsOnly(appIdOrUid)) return null;
  try {
    const app = await svixClient(link, orgToken).application.get(appIdOrUid);
    return { id: app.id, name: app.name };
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return null;
    throw err;
  }
}
