import "server-only";
import { headers } from "next/headers";
import type { CSSProperties } from "react";
import { cache } from "react";
import { brandingVars } from "@/lib/branding/css-vars";
import { effectiveBranding } from "@/lib/branding/effective";
import type { Branding } from "@/lib/branding/schema";
import { findApp } from "@/lib/delivery-api/portal-access";
import { PORTAL_APP_HEADER } from "@/lib/portal-app-header";
import { runtime } from "@/lib/runtime";


// Portal links name the app by id, as the proxy's framing rule does; nothing else is a portal.
export const APP_ID = /^app_[a-zA-Z0-9]{1,64}$/;

export type PortalApp = { id: string; name: string; branding: Branding };

/** The application a portal path names, with its branding: read once per request (layouts and metadata share it). */
export const portalApp = cache(async (appId: string): Promise<PortalApp | null> => {
  if (!APP_ID.test(appId)) return null;
  const rt = await runtime();
  const app = await findApp(rt.coreLink, rt.coreLink.orgToken, appId);
  if (!app) return null;
  return { id: app.id, name: app.name, branding: await effectiveBranding(rt, app.id, null) };
});

/**
 * What the root element carries for this request: the portal app's branding as CSS variables
 * and its theme, so the first paint (dialogs included, which render at the end of <body>) is
 * already the app's. Other pages get the defaults.
 */
export async function rootPresentation(): Promise<{ style?: CSSProperties; theme?: "light" | "dark" }> {
  const appId = (await headers()).get(PORTAL_APP_HEADER);
  const app = appId ? await portalApp(appId) : null;
  if (!app) return {};
  const mode = app.branding.mode;
  return { style: brandingVars(app.branding), theme: mode === "light" || mode === "dark" ? mode : undefined };
}
