import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { cachedAllowedOrigins } from "@/lib/branding/effective";
import { portalApp } from "@/lib/portal-app";
import { runtime } from "@/lib/runtime";
import { PortalSession } from "./portal-session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ appId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const app = await portalApp((await params).appId);
  return { title: app ? (app.branding.name ?? app.name) : "Webhooks", referrer: "no-referrer", robots: { index: false, follow: false } };
}

/**
 * Every portal screen, framed (a ticket in the fragment) or top-level (a magic-link user's
 * cookie). The path names the application, so the server renders its name and branding at first
 * paint; the browser adds the session, which stays in memory across client-side navigation.
 */
export default async function EmbedLayout({ params, children }: Props & { children: ReactNode }) {
  const app = await portalApp((await params).appId);
  if (!app) notFound();
  // The proxy has just looked these up for frame-ancestors; the cache answers without a query.
  const origins = await cachedAllowedOrigins(await runtime(), app.id);
  return (
    <NextIntlClientProvider>
      <PortalSession
        app={{ appId: app.id, appName: app.branding.name ?? app.name, logoUrl: app.branding.logoUrl ?? null, hide: app.branding.hide ?? [] }}
        parentOrigins={origins}
      >
        {children}
      </PortalSession>
    </NextIntlClientProvider>
  );
}
