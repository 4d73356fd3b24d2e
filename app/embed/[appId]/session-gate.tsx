"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Spinner } from "@/components/ui/states";
import { useSessionPhase } from "@/components/portal/session-context";

/**
 * The screen under the chrome: shown once there is a session. When it ends the user stays on the
 * same URL; a framed page gets a new link from its host and the screen comes back, no reload.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const phase = useSessionPhase();
  const t = useTranslations("shell");
  if (phase.kind === "ready") return children;
  if (phase.kind === "connecting") {
    return (
      <p role="status" className="flex items-center gap-2 py-16 text-sm text-muted justify-center">
        <Spinner /> {t("connecting")}
      </p>
    );
  }
  const message =
    phase.kind === "offline" ? t("offline") : phase.kind === "foreign" ? t("foreign") : phase.framed ? t("expiredFramed") : t("expiredDirect");
  return (
    <div role="alert" className="mx-auto my-12 max-w-md rounded-lg border border-border bg-surface p-6 text-center">
      {phase.kind === "ended" ? <h1 className="mb-2 text-base font-semibold">{t("expiredTitle")}</h1> : null}
      <p className="text-sm text-muted">{message}</p>
      {phase.kind === "ended" && !phase.framed ? (
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-primary hover:underline">
          {t("signInAgain")}
        </Link>
      ) : null}
    </div>
  );
}
