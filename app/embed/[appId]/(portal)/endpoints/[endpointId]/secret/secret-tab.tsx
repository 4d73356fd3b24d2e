"use client";

import { useQuery } from "@tanstack/react-query";
import { Eye, EyeOff, KeyRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "@/components/portal/query-error";
import { useCan, useHidden } from "@/components/portal/session-context";
import { NotFoundState } from "@/components/portal/query-error";
import { usePortal } from "@/lib/queries/provider";
import { RotateDialog } from "./rotate-dialog";
import { VerifyPanel } from "./verify-panel";

const MASK = "whsec_" + "•".repeat(24);

/** The secret itself: asked for only on "Reveal", dropped from memory when hidden or left. */
function SecretValue({ id }: { id: string }) {
  const t = useTranslations("endpoint.secret");
  const c = useTranslations("common");
  const { queries } = usePortal();
  const [revealed, setRevealed] = useState(false);
  const secret = useQuery({ ...queries.endpoints.secret(id), enabled: revealed });
  const shown = revealed && secret.data ? secret.data.key : null;

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1 basis-64 rounded-md border border-border bg-surface-2 px-3 py-2" aria-busy={revealed && secret.isPending ? "true" : undefined}>
          {revealed && secret.isPending ? (
            <Skeleton className="h-5 w-full" />
          ) : (
            <code data-testid="secret-value" className="block font-mono text-[13px] break-all">
              {shown ?? <span aria-label={t("hiddenValue")}>{MASK}</span>}
            </code>
          )}
        </div>
        <div className="flex gap-2">
          {shown ? (
            <>
              <CopyButton value={shown} label={c("copy")} copiedLabel={c("copied")} />
              <Button size="sm" onClick={() => setRevealed(false)}>
                <EyeOff aria-hidden /> {t("hide")}
              </Button>
            </>
          ) : (
            <Button size="sm" onClick={() => setRevealed(true)} disabled={revealed && secret.isPending}>
              <Eye aria-hidden /> {t("reveal")}
            </Button>
          )}
        </div>
      </div>
      {revealed && secret.isError ? <QueryError error={secret.error} onRetry={() => void secret.refetch()} /> : null}
    </div>
  );
}

/** Signing secret: reveal, copy, rotate with an overlap, and how receivers verify with it. */
export function SecretTab({ id }: { id: string }) {
  const t = useTranslations("endpoint.secret");
  const canView = useCan("ViewEndpointSecret");
  const hidden = useHidden("secret");
  const canRotate = useCan("ManageEndpointSecret");
  // The tab is not linked without these; a typed-in URL gets the same answer as an unknown page.
  if (!canView || hidden) return <NotFoundState />;
  return (
    <div className="grid gap-5">
      <Card>
        <CardHeader>
          <div className="flex min-w-0 items-start gap-3">
            <span aria-hidden className="mt-0.5 grid size-8 shrink-0 place-items-center rounded-md bg-surface-2 text-muted">
              <KeyRound className="size-4" />
            </span>
            <div className="min-w-0">
              <CardTitle>{t("title")}</CardTitle>
              <p className="mt-0.5 text-[13px] text-muted">{t("description")}</p>
            </div>
          </div>
          {canRotate ? <RotateDialog id={id} /> : null}
        </CardHeader>
        <div className="p-4">
          <SecretValue id={id} />
        </div>
      </Card>
      <VerifyPanel />
    </div>
  );
}
