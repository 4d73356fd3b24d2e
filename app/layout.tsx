import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { rootPresentation } from "@/lib/portal-app";
import "./globals.css";

export const metadata: Metadata = {
  title: "Porthole",
  description: "Webhook portal and Svix-compatible delivery core",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, { style, theme }] = await Promise.all([getLocale(), rootPresentation()]);
  return (
    <html lang={locale} data-theme={theme} style={style}>
      <body>{children}</body>
    </html>
  );
}
