import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { brandingVars } from "@/lib/branding/css-vars";
import { cachedAllowedOrigins, effectiveBranding } from "@/lib/branding/effective";
import { findApp } from "@/lib/delivery-api/portal-access";
import { runtime } from "@/lib/runtime";
import { EmbedSession } from "./embed-session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ appId: string }> };

// Portal links name the app by id, as the proxy's framing rule does; nothing else is a portal.
const APP_ID = /^app_[a-zA-Z0-9]{1,64}$/;

/** The application the path names, with its branding: read once per request (metadata and page share it). */
const appOf = cache(async (appId: string) => {
  if (!APP_ID.test(appId)) return null;
  const rt = await runtime();
  const app = await findApp(rt.coreLink, rt.coreLink.orgToken, appId);
  if (!app) return null;
  return { id: app.id, name: app.name, branding: await effectiveBranding(rt, app.id, null) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const app = await appOf((await params).appId);
  return { title: app ? (app.branding.name ?? app.name) : "Webhooks", referrer: "no-referrer", robots: { index: false, follow: false } };
}

/**
 * The portal's entry, framed (a ticket in the fragment) or top-level (a magic-link user's
 * cookie). The path names the application, so the server renders its name and branding at first
 * paint; the browser adds the session, which stays in memory.
 */
export default async function EmbedPage({ params }: Props) {
  const app = await appOf((await params).appId);
  if (!app) notFound();
  // The proxy has just looked these up for frame-ancestors; the cache answers without a query.
  const origins = await cachedAllowedOrigins(await runtime(), app.id);
  return (
    <main style={brandingVars(app.branding)}>
      <EmbedSession appId={app.id} appName={app.branding.name ?? app.name} parentOrigins={origins} />
    </main>
  );
}
