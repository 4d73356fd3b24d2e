"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/states";
import { QueryError } from "@/components/portal/query-error";
import { useFormats } from "@/components/portal/time";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";
import { resolveSince, type SinceChoice } from "./since";
import { SincePicker } from "./since-picker";
import { useProgress } from "./use-progress";

export type RecoveryKind = "recover" | "replay";
type Count = { count: number; capped: boolean };

/** The preview: how many a recover would retry (the delivery service counts), how many a replay would send. */
function usePreview(id: string, kind: RecoveryKind, since: string | null) {
  const { queries } = usePortal();
  const extra = { placeholderData: keepPreviousData, staleTime: 0 };
  const failed = useQuery({ ...queries.endpoints.recoverable(id, { since: since ?? "" }), ...extra, enabled: since !== null && kind === "recover" });
  const missing = useQuery({ ...queries.endpoints.missing(id, { since: since ?? "" }), ...extra, enabled: since !== null && kind === "replay" });
  return kind === "recover" ? failed : missing;
}

function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max === 0 ? 100 : Math.min(100, Math.round((value / max) * 100));
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} className="h-1.5 w-full overflow-hidden rounded-full bg-surface-2">
      <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
    </div>
  );
}

/**
 * One recovery action over a window: pick since when, see how many it would send, confirm in a
 * dialog that names the number, then follow it until nothing is in flight.
 */
export function RecoveryCard({ id, kind, icon }: { id: string; kind: RecoveryKind; icon: ReactNode }) {
  const t = useTranslations(`recovery.${kind}`);
  const r = useTranslations("recovery");
  const c = useTranslations("common");
  const f = useFormats();
  const { api } = usePortal();
  const client = useQueryClient();
  const titleId = useId();
  const [now] = useState(() => Date.now());
  const [choice, setChoice] = useState<SinceChoice>({ kind: "preset", key: "24h" });
  const [confirming, setConfirming] = useState(false);
  const [run, setRun] = useState<{ since: string; startedAt: number; total: Count } | null>(null);

  const resolved = resolveSince(choice, now);
  const since = "since" in resolved ? resolved.since : null;
  const preview = usePreview(id, kind, run ? null : since);
  const progress = useProgress(id, run?.since ?? since ?? "", run?.startedAt ?? null, kind);

  const start = useMutation({
    mutationFn: (window: { since: string }) => (kind === "recover" ? api.recoverEndpoint({ params: { id }, body: window }) : api.replayMissing({ params: { id }, body: window })),
    onSuccess: (_task, window) => {
      setRun({ since: window.since, startedAt: Date.now(), total: preview.data ?? { count: 0, capped: false } });
      setConfirming(false);
      void client.invalidateQueries({ queryKey: queryKeys.endpoints.attempts(id) });
    },
  });

  const sinceError = "error" in resolved ? r(`since.errors.${resolved.error}`) : null;
  const countText = (n: Count) => (n.capped ? r("countCapped", { count: n.count }) : r("count", { count: n.count }));
  const sinceText = since ? f.exact(since) : "";

  let body: ReactNode;
  if (run) {
    const sent = progress.inFlight === null ? 0 : Math.max(0, run.total.count - progress.inFlight);
    body = progress.done ? (
      <div role="status" className="grid gap-3">
        {kind === "recover" && progress.remaining ? (
          <p className="flex items-start gap-2 text-sm">
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
            {t("doneFailing", { count: progress.remaining })}
          </p>
        ) : (
          <p className="flex items-start gap-2 text-sm">
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
            {t("done")}
          </p>
        )}
        <div>
          <Button size="sm" onClick={() => setRun(null)}>
            {r("again")}
          </Button>
        </div>
      </div>
    ) : (
      <div className="grid gap-2" role="status">
        <p className="flex items-center gap-2 text-sm">
          <Spinner className="text-primary" /> {progress.inFlight === null ? r("starting") : r("inFlight", { count: progress.inFlight })}
        </p>
        <ProgressBar value={sent} max={run.total.count} label={t("progress")} />
      </div>
    );
  } else {
    body = (
      <div className="grid gap-4">
        <SincePicker choice={choice} onChange={setChoice} error={sinceError} now={now} name={`${kind}-since`} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border pt-4">
          <div className="min-h-5 text-sm" aria-live="polite" aria-busy={since !== null && preview.isPending ? "true" : undefined}>
            {since === null ? null : preview.isPending ? (
              <Skeleton className="h-4 w-48" />
            ) : preview.isError ? (
              <QueryError error={preview.error} onRetry={() => void preview.refetch()} className="p-0" />
            ) : (
              <span data-testid={`${kind}-count`}>
                {preview.data.count === 0 ? t("previewNone") : preview.data.capped ? t("previewCapped", { count: preview.data.count }) : t("preview", { count: preview.data.count })}
              </span>
            )}
          </div>
          <Button variant="primary" onClick={() => setConfirming(true)} disabled={!since || !preview.data || preview.data.count === 0 || preview.isFetching}>
            {t("action")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <div className="flex min-w-0 items-start gap-3">
          <span aria-hidden className="mt-0.5 grid size-8 shrink-0 place-items-center rounded-md bg-surface-2 text-muted [&_svg]:size-4">
            {icon}
          </span>
          <div className="min-w-0">
            <CardTitle id={titleId}>{t("title")}</CardTitle>
            <p className="mt-0.5 text-[13px] text-muted">{t("description")}</p>
          </div>
        </div>
      </CardHeader>
      <div className="p-4">{body}</div>
      <Dialog open={confirming} onOpenChange={(open) => (open ? setConfirming(true) : (setConfirming(false), start.reset()))}>
        {preview.data && since ? (
          <DialogContent title={t("confirmTitle", { what: countText(preview.data) })} description={t("confirmBody", { since: sinceText, what: countText(preview.data) })} closeLabel={c("close")}>
            {start.isError ? (
              <p role="alert" className="text-sm text-danger">
                {start.error instanceof ApiError ? start.error.message : r("failed")}
              </p>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button className="justify-center">{c("cancel")}</Button>
              </DialogClose>
              <Button className="justify-center" variant="primary" disabled={start.isPending} onClick={() => start.mutate({ since })}>
                {start.isPending ? r("starting") : t("confirm")}
              </Button>
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </Card>
  );
}
