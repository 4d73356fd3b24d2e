import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { rootPresentation } from "@/lib/portal-app";
import "./globals.css";

export const metadata: Metadata = {
  title: "Porthole",
  description: "Webhook portal and Svix-compatible delivery core",
};

// Every page renders per request so that Next.js can put the response's CSP nonce (proxy.ts) on
// its scripts; a page prerendered at build time would carry none and be blocked.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, { style, theme }] = await Promise.all([getLocale(), rootPresentation()]);
  return (
    <html lang={locale} data-theme={theme} style={style}>
      <body>{children}</body>
    </html>
  );
}
