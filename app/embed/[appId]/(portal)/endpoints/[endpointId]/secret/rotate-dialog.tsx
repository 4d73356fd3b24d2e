"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { ApiError } from "@/lib/http/api-error";
import { queryKeys } from "@/lib/queries/keys";
import { usePortal } from "@/lib/queries/provider";

/** Svix's default overlap, stated in the dialog: receivers have a day to switch. */
const GRACE_SECONDS = 86_400;

/**
 * Rotation behind a confirmation that says what happens to the old secret, then the new one
 * with copy. The new secret lives only in this dialog's state; closing it forgets it.
 */
export function RotateDialog({ id }: { id: string }) {
  const t = useTranslations("endpoint.rotate");
  const c = useTranslations("common");
  const { api } = usePortal();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const rotate = useMutation({
    mutationFn: async () => {
      await api.rotateEndpointSecret({ params: { id }, body: { gracePeriodSeconds: GRACE_SECONDS } });
      return (await api.getEndpointSecret({ params: { id } })).key;
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.endpoints.secret(id) }),
  });

  function onOpenChange(next: boolean): void {
    setOpen(next);
    if (!next) rotate.reset();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <RefreshCw aria-hidden /> {t("open")}
        </Button>
      </DialogTrigger>
      {rotate.isSuccess ? (
        <DialogContent title={t("doneTitle")} description={t("doneBody")} closeLabel={c("close")}>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-secret" className="min-w-0 flex-1 basis-56 rounded-md border border-border bg-surface-2 px-3 py-2 font-mono text-[13px] break-all">
              {rotate.data}
            </code>
            <CopyButton value={rotate.data} label={c("copy")} copiedLabel={c("copied")} />
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button className="justify-center" variant="primary">{t("done")}</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title={t("title")} description={t("body")} closeLabel={c("close")}>
          <ul className="grid list-disc gap-1 pl-5 text-sm text-muted">
            <li>{t("overlap")}</li>
            <li>{t("switch")}</li>
          </ul>
          {rotate.isError ? (
            <p role="alert" className="text-sm text-danger">
              {rotate.error instanceof ApiError ? rotate.error.message : t("failed")}
            </p>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button className="justify-center">{c("cancel")}</Button>
            </DialogClose>
            <Button className="justify-center" variant="primary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
              {rotate.isPending ? t("rotating") : t("confirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      )}
    </Dialog>
  );
}
