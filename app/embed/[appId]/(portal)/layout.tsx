import type { ReactNode } from "react";
import { PortalHeader } from "@/components/portal/portal-header";
import { SessionGate } from "../session-gate";

/** The portal's chrome: header and navigation render at once; the screen waits for the session. */
export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <PortalHeader />
      <main id="content" className="mx-auto w-full max-w-6xl flex-1 px-4 py-5 sm:px-6 sm:py-6">
        <SessionGate>{children}</SessionGate>
      </main>
    </div>
  );
}
