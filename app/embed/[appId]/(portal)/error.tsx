"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/** A screen that threw while rendering: the chrome stays, the screen offers a retry. */
export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <ErrorState title={t("errorTitle")} action={<Button onClick={reset}>{t("retry")}</Button>}>
      {t("errorBody", { detail: "" })}
    </ErrorState>
  );
}
