import type { Metadata } from "next";
import { cachedAllowedOrigins } from "@/lib/branding/effective";
import { runtime } from "@/lib/runtime";
import { EmbedSession } from "./embed-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks", referrer: "no-referrer" };

/**
 * The iframe's entry. The server knows only the application (from the path): it renders the
 * shell and the origins allowed to talk to this frame; the session comes from the fragment's
 * ticket, exchanged in the browser, and stays in memory.
 */
export default async function EmbedPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  // The proxy has just looked these up for frame-ancestors; the cache answers without a query.
  const origins = await cachedAllowedOrigins(await runtime(), appId);
  return (
    <main>
      <EmbedSession appId={appId} parentOrigins={origins} />
    </main>
  );
}
