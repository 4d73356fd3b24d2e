"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { ApiError } from "@/lib/http/api-error";

/** Whether a failed read means the thing is not there (a deleted endpoint, a mistyped id). */
export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.status === 404;

/** A failed read: what happened in the user's words, and a retry. */
export function QueryError({ error, onRetry, className }: { error: unknown; onRetry: () => void; className?: string }) {
  const t = useTranslations("common");
  const detail = error instanceof ApiError ? (error.code === "offline" ? t("offline") : error.message) : "";
  return (
    <ErrorState
      className={className}
      title={t("errorTitle")}
      action={
        <Button variant="secondary" onClick={onRetry}>
          {t("retry")}
        </Button>
      }
    >
      {t("errorBody", { detail })}
    </ErrorState>
  );
}

/** A screen for an id that names nothing in this application. */
export function NotFoundState({ action }: { action?: React.ReactNode }) {
  const t = useTranslations("common");
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("notFoundBody")}</p>
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
